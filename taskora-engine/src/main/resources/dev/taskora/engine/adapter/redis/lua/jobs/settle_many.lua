-- SETTLE_MANY: settles several active jobs (each as ACK or FAIL would), then makes the claims the
-- entries ask for (as MOVE_TO_ACTIVE would, one after another), in one call: a worker running many
-- jobs settles those that finished while its previous call was in flight.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] events, KEYS[5] marker, KEYS[6] expired,
-- KEYS[7] completed, KEYS[8] failed, KEYS[9] prioritized, KEYS[10] stalled
-- ARGV[1] job prefix, ARGV[2] number of entries, ARGV[3] lock ttl (ms) of the claims,
-- ARGV[4] onExpire ("fail" | "discard"), ARGV[5] singleton ("0" | "1"), ARGV[6] claim time,
-- then 7 per entry from ARGV[7]: kind ("c" completed | "f" failed), id, token, result or error
-- message, now, retry delay in ms (-1 = permanent; "" for a completion), next token ("" = no claim)
-- Returns 9 per entry: status ("ok" | "lost": the token does not hold the lock, nothing was written
-- for that entry and it claims nothing), the settled job's _wf and _wfNode ("" outside a workflow,
-- and for a retry), then nextId, nextData, nextV, nextAttempt, nextTs, nextHeaders ("" where nothing
-- was claimed).
-- The workflow fields come from recordCompletion and recordFailure: what they return, this returns.
local jp, n = ARGV[1], tonumber(ARGV[2])
local STRIDE = 7
local wanted = 0
for i = 0, n - 1 do
	if ARGV[7 + i * STRIDE + 6] ~= '' then
		wanted = wanted + 1
	end
end
-- a claim in this call leaves the marker right for what remains, so releases need not wake it
local wakeOnRelease = wanted == 0
-- the metrics counters are written once per call, not once per job
local tally = {}
local a = { active = KEYS[2], completed = KEYS[7], events = KEYS[4], marker = KEYS[5], stalled = KEYS[10],
	metrics = tally }
local f = { active = KEYS[2], failed = KEYS[8], events = KEYS[4], delayed = KEYS[3], marker = KEYS[5],
	stalled = KEYS[10], metrics = tally }
local reply = {}
local claimants = {}
for i = 0, n - 1 do
	local base = 7 + i * STRIDE
	local id, token = ARGV[base + 1], ARGV[base + 2]
	local out = i * 9
	local settled
	if redis.call('GET', jp .. id .. ':lock') ~= token then
		reply[out + 1] = 'lost'
		settled = { '', '' }
	elseif ARGV[base] == 'c' then
		settled = recordCompletion(jp, a, id, ARGV[base + 3], num(ARGV[base + 4], 0), wakeOnRelease)
		reply[out + 1] = 'ok'
	else
		settled = recordFailure(jp, f, id, ARGV[base + 3], num(ARGV[base + 4], 0), num(ARGV[base + 5], -1),
			wakeOnRelease)
		reply[out + 1] = 'ok'
	end
	reply[out + 2] = settled[1]
	reply[out + 3] = settled[2]
	for j = 4, 9 do
		reply[out + j] = ''
	end
	if reply[out + 1] == 'ok' and ARGV[base + 6] ~= '' then
		claimants[#claimants + 1] = i
	end
end
flushMetrics(tally)
if #claimants > 0 then
	local k = { wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], events = KEYS[4], marker = KEYS[5],
		expired = KEYS[6], prioritized = KEYS[9] }
	local now, discard, singleton = num(ARGV[6], 0), ARGV[4] == 'discard', ARGV[5] == '1'
	local tokens = {}
	for n, i in ipairs(claimants) do
		tokens[n] = ARGV[7 + i * STRIDE + 6]
	end
	for n, job in ipairs(claimInTurn(jp, k, tokens, ARGV[3], now, discard, singleton)) do
		for j = 1, 6 do
			reply[claimants[n] * 9 + 3 + j] = job[j]
		end
	end
end
return reply
