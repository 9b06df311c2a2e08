-- MOVE_TO_ACTIVE_MANY: claims up to one job per token, each as MOVE_TO_ACTIVE would, in one call: a
-- worker with several free slots (at start, in front of a full queue) fills them in one round trip.
-- Due delayed jobs are promoted once, the claims follow one after another until one finds nothing,
-- and the marker is set once, after the last attempt, as MOVE_TO_ACTIVE leaves it after its own.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] events, KEYS[5] marker, KEYS[6] expired,
-- KEYS[7] prioritized
-- ARGV[1] job prefix, ARGV[2] lock ttl (ms), ARGV[3] now, ARGV[4] onExpire ("fail" | "discard"),
-- ARGV[5] singleton ("0" | "1"), then one lock token per claim from ARGV[6]
-- Returns 6 per claimed job, in claim order: id, data, _v, attempt, ts, x-headers; fewer jobs than
-- tokens (none: an empty reply) when fewer were claimable.
local k = { wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], events = KEYS[4], marker = KEYS[5],
	expired = KEYS[6], prioritized = KEYS[7] }
local jp, lockTtl, now, discard, singleton = ARGV[1], ARGV[2], num(ARGV[3], 0), ARGV[4] == 'discard',
	ARGV[5] == '1'
local tokens = {}
for t = 6, #ARGV do
	tokens[#tokens + 1] = ARGV[t]
end
local reply = {}
for _, job in ipairs(claimInTurn(jp, k, tokens, lockTtl, now, discard, singleton)) do
	for j = 1, 6 do
		reply[#reply + 1] = job[j]
	end
end
return reply
