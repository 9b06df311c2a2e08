-- LIST_JOB_DETAILS: the inspector's page of a task's jobs in one state, each with its whole hash and
-- its log, in one call. Unlike taskora's reply (only we call this read), an entry carries every
-- field, so a listed job reads as the same record a lookup by id gives.
-- KEYS[1] the state's key: wait or active (LIST), delayed or a finished set (ZSET);
-- KEYS[2] prioritized (mode 'waiting' only)
-- ARGV[1] job prefix, ARGV[2] mode, ARGV[3] start (offset, or rank to walk from), ARGV[4] matches to
-- skip first (filtered walk only), ARGV[5] limit, ARGV[6] state the jobs must be in ('' = any),
-- ARGV[7] most set entries one filtered walk looks at
-- Modes: 'waiting' (KEYS[2] by score, then KEYS[1] from its tail: claim order), 'active' (by ts,
-- then id), 'ascending' (lowest score first), 'descending' (highest score first).
-- Returns {next, skipLeft, entry...}, entry = {id, score, {field, value, ...}, {log entry...}}; the
-- score is '' for the lists. next and skipLeft serve the filtered walk: the rank to go on from
-- (-1 once the set is done) and the matches still to skip. A job whose hash is gone is left out.
local jp, mode = ARGV[1], ARGV[2]
local start, skip, limit = num(ARGV[3], 0), num(ARGV[4], 0), num(ARGV[5], 0)
local filter, budget = ARGV[6], num(ARGV[7], 1000)
local reply = { -1, 0 }
if limit <= 0 then
	return reply
end

local function add(id, score)
	local hash = redis.call('HGETALL', jp .. id)
	if #hash == 0 then
		return false
	end
	reply[#reply + 1] = { id, score, hash, redis.call('LRANGE', jp .. id .. ':logs', 0, -1) }
	return true
end

if mode == 'waiting' then
	local prioritized = redis.call('ZCARD', KEYS[2])
	local taken = 0
	if start < prioritized then
		local ids = redis.call('ZRANGE', KEYS[2], start, start + limit - 1)
		for _, id in ipairs(ids) do
			add(id, '')
		end
		taken = #ids
	end
	local rest = limit - taken
	if rest > 0 then
		-- workers RPOP, so the tail is next: walk the list backwards from it
		local len = redis.call('LLEN', KEYS[1])
		local skipped = math.max(0, start - prioritized)
		local last = len - skipped - 1
		local first = math.max(0, len - skipped - rest)
		if last >= first then
			local ids = redis.call('LRANGE', KEYS[1], first, last)
			for i = #ids, 1, -1 do
				add(ids[i], '')
			end
		end
	end
elseif mode == 'active' then
	local jobs = {}
	for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
		local ts = redis.call('HGET', jp .. id, 'ts')
		if ts then
			jobs[#jobs + 1] = { id, num(ts, 0) }
		end
	end
	table.sort(jobs, function(a, b)
		if a[2] ~= b[2] then
			return a[2] < b[2]
		end
		return a[1] < b[1]
	end)
	for i = start + 1, math.min(#jobs, start + limit) do
		add(jobs[i][1], '')
	end
elseif filter == '' then
	local command = (mode == 'descending') and 'ZREVRANGE' or 'ZRANGE'
	local entries = redis.call(command, KEYS[1], start, start + limit - 1, 'WITHSCORES')
	for i = 1, #entries, 2 do
		add(entries[i], entries[i + 1])
	end
else
	-- A state sharing its set with another (retrying in :delayed): walk it in slices, at most
	-- budget entries per call, so a large set never holds Redis long; the caller goes on from next.
	local rank, stop, found, finished = start, start + budget, 0, false
	while not finished and rank < stop do
		local want = math.min(100, stop - rank)
		local entries = redis.call('ZRANGE', KEYS[1], rank, rank + want - 1, 'WITHSCORES')
		for i = 1, #entries, 2 do
			rank = rank + 1
			if redis.call('HGET', jp .. entries[i], 'state') == filter then
				if skip > 0 then
					skip = skip - 1
				elseif add(entries[i], entries[i + 1]) then
					found = found + 1
					if found >= limit then
						finished = true
						break
					end
				end
			end
		end
		if not finished and #entries < 2 * want then
			rank = -1
			finished = true
		end
	end
	reply[1] = rank
	reply[2] = skip
end
return reply
