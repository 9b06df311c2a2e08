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

-- States an id popped from a wait lane must not be claimed in: a stale duplicate entry of a job
-- that already runs or finished (for example after a replayed enqueue) is dropped instead.
local NOT_CLAIMABLE = { active = true, completed = true, failed = true, cancelled = true, expired = true }

-- Takes one id from a wait lane: the prioritized ZSET (lowest score first) or the FIFO list.
local function pop(k, lane)
	if lane == 'prioritized' then
		return redis.call('ZPOPMIN', k.prioritized)[1]
	end
	return redis.call('RPOP', k.wait)
end

-- Tries to take the popped job. Returns 'claimed' with the job's fields (data, _v, attempt and ts
-- at 7 to 10, read in the same HMGET), 'blocked' (its concurrency group is full; it was put back)
-- or 'skipped' (expired, gone, stale, or a drained collect sentinel).
local function tryClaim(jp, k, id, token, lockTtl, now, discard)
	local key = jp .. id
	local job = redis.call('HMGET', key, 'state', 'expireAt', 'concurrencyKey', 'concurrencyLimit',
		'priority', 'collectKey', 'data', '_v', 'attempt', 'ts')
	if not job[1] or NOT_CLAIMABLE[job[1]] then
		return 'skipped'
	end
	if isExpired(job[2], now) then
		expireJob(jp, k, id, now, discard)
		return 'skipped'
	end
	local limit = num(job[4], 0)
	if present(job[3]) and limit > 0 then
		local counter = jp .. 'conc:' .. job[3]
		if num(redis.call('GET', counter), 0) >= limit then
			requeue(k.wait, k.prioritized, id, num(job[5], 0), now)
			return 'blocked'
		end
		redis.call('INCR', counter)
	end
	redis.call('LPUSH', k.active, id)
	redis.call('SET', key .. ':lock', token, 'PX', lockTtl)
	redis.call('HSET', key, 'state', 'active', 'processedOn', fmt(now))
	if present(job[6]) then
		if not drainCollect(jp, k, id, job[6]) then
			return 'skipped'
		end
		job[7] = redis.call('HGET', key, 'data')
	end
	return 'claimed', job
end

-- Returns {id, data, _v, attempt, ts} of the claimed job, or nil. Higher priorities go first
-- (the prioritized lane before the FIFO list); 100 candidates at most are examined per call.
local function claimNext(jp, k, token, lockTtl, now, discard, singleton)
	promoteDue(jp, k, now, discard)
	if singleton and redis.call('LLEN', k.active) > 0 then
		redis.call('ZADD', k.marker, fmt(now + 1000), '0')
		return nil
	end
	local budget = 100
	for _, lane in ipairs({ 'prioritized', 'wait' }) do
		local firstBlocked = nil
		while budget > 0 do
			budget = budget - 1
			local id = pop(k, lane)
			if not id then
				break
			end
			if id == firstBlocked then
				-- the lane went round: every job left in it waits for a concurrency slot
				requeue(k.wait, k.prioritized, id, num(redis.call('HGET', jp .. id, 'priority'), 0), now)
				break
			end
			local outcome, claimed = tryClaim(jp, k, id, token, lockTtl, now, discard)
			if outcome == 'claimed' then
				emit(k.events, 'active', id)
				if hasWaiting(k) then
					wakeNow(k.marker)
				else
					markEarliestDelayed(k)
				end
				return { id, claimed[7] or '', claimed[8] or '', claimed[9] or '', claimed[10] or '' }
			elseif outcome == 'blocked' then
				firstBlocked = firstBlocked or id
			end
		end
	end
	if hasWaiting(k) then
		redis.call('ZADD', k.marker, fmt(now + 1000), '0')
	else
		markEarliestDelayed(k)
	end
	return nil
end
