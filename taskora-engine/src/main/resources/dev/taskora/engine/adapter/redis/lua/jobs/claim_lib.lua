-- jobs/claim_lib.lua: the claim path (taskora's MOVE_TO_ACTIVE), shared by move_to_active.lua and the fused
-- ack/fail scripts. LuaScript prepends the helpers a script uses, after those of lib.lua.
--
-- The key table k holds: wait, active, delayed, events, marker, expired, prioritized.

-- A job past its TTL is deleted (discard) or kept in the expired set (fail); both emit 'expired'.
local function expireJob(jp, k, id, now, discard)
	if discard then
		redis.call('DEL', jp .. id, jp .. id .. ':logs')
	else
		redis.call('HSET', jp .. id, 'state', 'expired', 'finishedOn', fmt(now))
		redis.call('ZADD', k.expired, fmt(now), id)
	end
	emit(k.events, 'expired', id)
end

local function isExpired(expireAt, now)
	local deadline = num(expireAt, 0)
	return deadline > 0 and now >= deadline
end

-- Moves up to 100 due delayed and retrying jobs to the wait lanes.
local function promoteDue(jp, k, now, discard)
	local due = redis.call('ZRANGEBYSCORE', k.delayed, '-inf', fmt(now), 'LIMIT', 0, 100)
	if #due == 0 then
		return
	end
	redis.call('ZREM', k.delayed, unpack(due))
	for i = #due, 1, -1 do
		local id = due[i]
		local job = redis.call('HMGET', jp .. id, 'state', 'expireAt', 'priority', 'ts')
		if job[1] then
			if isExpired(job[2], now) then
				expireJob(jp, k, id, now, discard)
			else
				requeue(k.wait, k.prioritized, id, num(job[3], 0), num(job[4], 0))
				redis.call('HSET', jp .. id, 'state', 'waiting')
				emit(k.events, 'promoted', id)
			end
		end
	end
end

-- Points the marker at the earliest delayed job, if any (no LT: this is the fresh truth).
local function markEarliestDelayed(k)
	local first = redis.call('ZRANGE', k.delayed, 0, 0, 'WITHSCORES')
	if first[2] then
		redis.call('ZADD', k.marker, first[2], '0')
	end
end

local function hasWaiting(k)
	return redis.call('LLEN', k.wait) + redis.call('ZCARD', k.prioritized) > 0
end

-- A collect flush sentinel gets the buffered items as its data. Returns false when the buffer
-- was drained meanwhile; the claim is then undone and the sentinel dropped.
local function drainCollect(jp, k, id, collectKey)
	local base = jp .. 'collect:' .. collectKey
	local items = redis.call('LRANGE', base .. ':items', 0, -1)
	if #items == 0 then
		redis.call('LREM', k.active, 1, id)
		redis.call('DEL', jp .. id, jp .. id .. ':lock')
		return false
	end
	redis.call('HSET', jp .. id, 'data', '[' .. table.concat(items, ',') .. ']')
	redis.call('DEL', base .. ':items', base .. ':meta', base .. ':job')
	redis.call('HDEL', jp .. id, 'collectKey')
	return true
end

-- States an id found in a wait lane must not be claimed in: a stale duplicate entry of a job that
-- already runs or finished (for example after a replayed enqueue) is dropped instead.
local NOT_CLAIMABLE = { active = true, completed = true, failed = true, cancelled = true, expired = true }

-- The states a job hash may hold (JobState's wire names).
local JOB_STATES = { waiting = true, delayed = true, active = true, retrying = true, completed = true,
	failed = true, cancelled = true, expired = true }

-- Why a job hash found in a wait lane cannot be run, or nil. job is tryClaim's HMGET.
local function badJob(job)
	if not job[1] then
		return "field 'state' is missing"
	end
	if not JOB_STATES[job[1]] then
		return "field 'state' holds '" .. job[1] .. "', which is not a job state"
	end
	if not job[7] and not present(job[6]) then
		return "field 'data' is missing"
	end
	return nil
end

-- Takes one id from a wait lane: the prioritized ZSET (lowest score first, returned with its score)
-- or the FIFO list.
local function pop(k, lane)
	if lane == 'prioritized' then
		local popped = redis.call('ZPOPMIN', k.prioritized)
		return popped[1], popped[2]
	end
	return redis.call('RPOP', k.wait)
end

-- Puts a popped id back exactly where it was: its old score, or the tail the FIFO list pops from.
local function putBack(k, lane, id, score)
	if lane == 'prioritized' then
		redis.call('ZADD', k.prioritized, score, id)
	else
		redis.call('RPUSH', k.wait, id)
	end
end

-- Up to count ids of a wait lane in claim order, after the first skip (the FIFO list's oldest job
-- is at its tail).
local function laneWindow(k, lane, skip, count)
	if lane == 'prioritized' then
		return redis.call('ZRANGE', k.prioritized, skip, skip + count - 1)
	end
	local window = redis.call('LRANGE', k.wait, -(skip + count), -(skip + 1))
	local ordered = {}
	for i = #window, 1, -1 do
		ordered[#ordered + 1] = window[i]
	end
	return ordered
end

-- Takes an id found by laneWindow out of its lane (its first occurrence in claim order).
local function takeFromLane(k, lane, id)
	if lane == 'prioritized' then
		redis.call('ZREM', k.prioritized, id)
	else
		redis.call('LREM', k.wait, -1, id)
	end
end

-- Tries to take a job found in a wait lane. Returns 'claimed' (with the job's fields: data, _v,
-- attempt, ts and x-headers at 7 to 11, read in the same HMGET), 'held' (its concurrency group is full; the
-- caller leaves it in its place) or 'skipped' (expired, gone, stale, or a drained collect
-- sentinel). The second result tells whether the decision read a group counter not read before in
-- this claim; counters read are kept in seen.
local function tryClaim(jp, k, id, token, lockTtl, now, discard, seen)
	local key = jp .. id
	local job = redis.call('HMGET', key, 'state', 'expireAt', 'concurrencyKey', 'concurrencyLimit',
		'priority', 'collectKey', 'data', '_v', 'attempt', 'ts', 'x-headers')
	if NOT_CLAIMABLE[job[1]] or (not job[1] and redis.call('EXISTS', key) == 0) then
		return 'skipped', true
	end
	-- A hash that cannot be run (written by hand or by a broken writer) is claimed all the same and
	-- handed over with its defect in the _v slot, so that the worker fails it naming the field, and
	-- it neither vanishes from every set nor runs on bad data.
	local defect = badJob(job)
	if isExpired(job[2], now) then
		expireJob(jp, k, id, now, discard)
		return 'skipped', true
	end
	local limit = num(job[4], 0)
	local costly = true
	if present(job[3]) and limit > 0 then
		local count = seen[job[3]]
		if count then
			costly = false
		else
			count = num(redis.call('GET', jp .. 'conc:' .. job[3]), 0)
			seen[job[3]] = count
		end
		if count >= limit then
			return 'held', costly
		end
		redis.call('INCR', jp .. 'conc:' .. job[3])
	end
	redis.call('LPUSH', k.active, id)
	redis.call('SET', key .. ':lock', token, 'PX', lockTtl)
	redis.call('HSET', key, 'state', 'active', 'processedOn', fmt(now))
	if defect then
		job[8] = '!' .. defect
		return 'claimed', costly, job
	end
	if present(job[6]) then
		if not drainCollect(jp, k, id, job[6]) then
			return 'skipped', costly
		end
		job[7] = redis.call('HGET', key, 'data')
	end
	return 'claimed', costly, job
end

-- Returns {id, data, _v, attempt, ts, headers} of the claimed job, or nil, leaving the marker to the
-- caller.
-- Higher priorities go first (the prioritized lane before the FIFO list). A job whose concurrency
-- group is full keeps its place, so the jobs of a key run in dispatch order, and the claim looks past
-- it: each lane is popped until its first held job, then read in windows behind the held ones. 100
-- candidates are tried at most (a job of a group whose counter this claim already read costs
-- nothing), 1000 looked at.
local function claimOne(jp, k, token, lockTtl, now, discard)
	local budget, scanned, seen = 100, 0, {}
	for _, lane in ipairs({ 'prioritized', 'wait' }) do
		-- jobs at the front of the lane held back by full groups
		local held = 0
		while budget > 0 and scanned < 1000 do
			local ids, score
			if held == 0 then
				-- nothing held yet: pop, as the plain path always does
				local id
				id, score = pop(k, lane)
				ids = { id }
			else
				ids = laneWindow(k, lane, held, math.min(100, 1000 - scanned))
			end
			if not ids[1] then
				break
			end
			local popped = held == 0
			for _, id in ipairs(ids) do
				if budget == 0 then
					break
				end
				scanned = scanned + 1
				local outcome, costly, claimed = tryClaim(jp, k, id, token, lockTtl, now, discard, seen)
				if costly then
					budget = budget - 1
				end
				if outcome == 'held' then
					if popped then
						putBack(k, lane, id, score)
					end
					held = held + 1
				else
					if not popped then
						takeFromLane(k, lane, id)
					end
					if outcome == 'claimed' then
						emit(k.events, 'active', id)
						return { id, claimed[7] or '', claimed[8] or '', claimed[9] or '', claimed[10] or '',
							claimed[11] or '' }
					end
				end
			end
		end
	end
	return nil
end

-- A singleton task claims only while none of its jobs is active; the marker retries in a second.
local function singletonBusy(k, now, singleton)
	if singleton and redis.call('LLEN', k.active) > 0 then
		redis.call('ZADD', k.marker, fmt(now + 1000), '0')
		return true
	end
	return false
end

-- Points the marker at what remains after the last claim attempt: at once when a job is waiting
-- and that attempt claimed, in a second when it claimed nothing (what waits is held back), else at
-- the earliest delayed job.
local function markAfterClaim(k, now, claimed)
	if hasWaiting(k) then
		if claimed then
			wakeNow(k.marker)
		else
			redis.call('ZADD', k.marker, fmt(now + 1000), '0')
		end
	else
		markEarliestDelayed(k)
	end
end

-- Promotes due jobs, then claims one job per token in turn (see claimOne) until one finds nothing
-- claimable, and sets the marker once, after the last attempt. Returns the claimed jobs in claim
-- order, the n-th locked with the n-th token.
local function claimInTurn(jp, k, tokens, lockTtl, now, discard, singleton)
	promoteDue(jp, k, now, discard)
	local jobs, claimed = {}, false
	for _, token in ipairs(tokens) do
		if singletonBusy(k, now, singleton) then
			return jobs
		end
		local job = claimOne(jp, k, token, lockTtl, now, discard)
		claimed = job ~= nil
		if not job then
			break
		end
		jobs[#jobs + 1] = job
	end
	markAfterClaim(k, now, claimed)
	return jobs
end

-- Promotes due jobs, then claims one (see claimOne) and sets the marker.
local function claimNext(jp, k, token, lockTtl, now, discard, singleton)
	return claimInTurn(jp, k, { token }, lockTtl, now, discard, singleton)[1]
end
