-- lib.lua: helpers shared by the transition scripts. LuaScript prepends the helpers each script
-- uses before loading it, so a transition is still one self-contained EVALSHA. Nothing here
-- touches Redis until a script calls it.
--
-- Conventions: "jp" is the job prefix (B .. ':'), so the job hash is jp .. id. Every time and
-- score goes through fmt(): Lua numbers are doubles, and Redis would otherwise receive them as
-- "%.14g" text (1e+15 instead of 1000000000000000) and store a rounded score.

local function fmt(n)
	return string.format('%.0f', n)
end

local function num(value, default)
	local n = tonumber(value)
	if n == nil then
		return default
	end
	return n
end

local function present(value)
	return value and value ~= ''
end

-- Appends one lifecycle entry to the task's stream; extra field/value pairs follow the id.
local function emit(events, event, id, ...)
	redis.call('XADD', events, 'MAXLEN', '~', '10000', '*', 'event', event, 'jobId', id, ...)
end

-- Priority 0 is the FIFO list (LPUSH head, workers RPOP the tail); higher priorities live in a
-- ZSET whose score puts the highest priority first and, within one priority, the oldest first.
local function requeue(waitKey, prioritizedKey, id, priority, ts)
	if priority <= 0 then
		redis.call('LPUSH', waitKey, id)
	else
		redis.call('ZADD', prioritizedKey, fmt(-(priority * 1e13) + ts), id)
	end
end

-- Gives back the job's concurrency slot. Returns true when the job had a concurrency key, so the
-- caller can wake workers whose candidates were blocked by the limit.
local function releaseConcurrency(jp, concurrencyKey)
	if not present(concurrencyKey) then
		return false
	end
	local counter = jp .. 'conc:' .. concurrencyKey
	if redis.call('DECR', counter) <= 0 then
		redis.call('DEL', counter)
	end
	return true
end

-- Drops the dedup key, but only while it still names this job: a later duplicate may own it.
local function releaseDedup(dedupKey, id)
	if present(dedupKey) and redis.call('GET', dedupKey) == id then
		redis.call('DEL', dedupKey)
	end
end

local function wakeNow(marker)
	redis.call('ZADD', marker, '0', '0')
end

-- LT keeps an earlier wake-up: a far retry must not postpone a job that is due sooner.
local function wakeAt(marker, at)
	redis.call('ZADD', marker, 'LT', fmt(at), '0')
end

-- Per-minute throughput counters, kept for a day. With a tally (a script settling many jobs), the
-- count is only noted there, and the script writes each counter once at the end.
local function countMetric(jp, kind, now, tally)
	local key = jp .. 'metrics:' .. kind .. ':' .. fmt(math.floor(now / 60000) * 60000)
	if tally then
		tally[key] = (tally[key] or 0) + 1
		return
	end
	if redis.call('INCR', key) == 1 then
		redis.call('EXPIRE', key, 86400)
	end
end

-- Adds a tally's counts: the same counters, and the same expiry on the one that is new, as an INCR
-- per job.
local function flushMetrics(tally)
	for key, count in pairs(tally) do
		if redis.call('INCRBY', key, count) == count then
			redis.call('EXPIRE', key, 86400)
		end
	end
end

-- Checks the worker's lock token; a mismatch aborts the script before anything was written.
local function checkLock(jp, id, token)
	if redis.call('GET', jp .. id .. ':lock') ~= token then
		return redis.error_reply('LOCK_MISMATCH')
	end
	return nil
end

-- Writes a new job hash. Optional fields are written only when given, as taskora does.
local function writeJob(key, state, data, ts, version, priority, maxAttempts, delay, expireAt,
		concurrencyKey, concurrencyLimit, workflowId, workflowNode, headers)
	if not delay and num(expireAt, 0) <= 0 and not present(concurrencyKey) and not present(workflowId)
			and not present(headers) then
		-- the common job: the same fields, without gathering them in a table first
		redis.call('HSET', key, 'ts', ts, '_v', version, 'attempt', '1', 'maxAttempts', maxAttempts,
			'state', state, 'priority', priority, 'data', data)
		return
	end
	local fields = { 'ts', ts, '_v', version, 'attempt', '1', 'maxAttempts', maxAttempts,
		'state', state, 'priority', priority, 'data', data }
	if delay then
		fields[#fields + 1] = 'delay'
		fields[#fields + 1] = delay
	end
	if num(expireAt, 0) > 0 then
		fields[#fields + 1] = 'expireAt'
		fields[#fields + 1] = expireAt
	end
	if present(concurrencyKey) then
		fields[#fields + 1] = 'concurrencyKey'
		fields[#fields + 1] = concurrencyKey
		fields[#fields + 1] = 'concurrencyLimit'
		fields[#fields + 1] = concurrencyLimit
	end
	if present(workflowId) then
		fields[#fields + 1] = '_wf'
		fields[#fields + 1] = workflowId
		fields[#fields + 1] = '_wfNode'
		fields[#fields + 1] = workflowNode
	end
	-- the dispatch's headers (JSON), a field of this port only: Node taskora reads named fields and
	-- never this one
	if present(headers) then
		fields[#fields + 1] = 'x-headers'
		fields[#fields + 1] = headers
	end
	redis.call('HSET', key, unpack(fields))
end

-- Phase one of FAIL and FAIL_AND_MOVE_TO_ACTIVE, after the lock check. f holds the keys active,
-- failed, events, delayed, marker, stalled, and optionally metrics (a tally for countMetric). A retry
-- goes to the delayed set; a permanent failure to the failed set. Returns {_wf, _wfNode} for a permanent failure, {"", ""} for a retry.
local function recordFailure(jp, f, id, message, now, retryDelay, wakeOnRelease)
	local key = jp .. id
	-- from the tail: the active list is pushed at the head, so the oldest claims, which tend to
	-- finish first, are found after a few entries instead of after every newer one
	redis.call('LREM', f.active, -1, id)
	redis.call('DEL', key .. ':lock')
	redis.call('SREM', f.stalled, id)
	local job = redis.call('HMGET', key, 'dedupKey', 'concurrencyKey', '_wf', '_wfNode')
	if releaseConcurrency(jp, job[2]) and wakeOnRelease then
		wakeNow(f.marker)
	end
	if retryDelay >= 0 then
		local runAt = now + retryDelay
		local attempt = redis.call('HINCRBY', key, 'attempt', 1)
		redis.call('HSET', key, 'state', 'retrying', 'error', message)
		redis.call('ZADD', f.delayed, fmt(runAt), id)
		wakeAt(f.marker, runAt)
		emit(f.events, 'retrying', id, 'attempt', tostring(attempt), 'nextAttemptAt', fmt(runAt))
		return { '', '' }
	end
	redis.call('HSET', key, 'state', 'failed', 'finishedOn', fmt(now), 'error', message)
	redis.call('ZADD', f.failed, fmt(now), id)
	releaseDedup(job[1], id)
	countMetric(jp, 'failed', now, f.metrics)
	emit(f.events, 'failed', id)
	return { job[3] or '', job[4] or '' }
end


-- Phase one of ACK and ACK_AND_MOVE_TO_ACTIVE, after the lock check. a holds the keys active,
-- completed, events, marker, stalled. Returns {_wf, _wfNode}.
local function recordCompletion(jp, a, id, result, now, wakeOnRelease)
	local key = jp .. id
	-- from the tail, as in recordFailure
	redis.call('LREM', a.active, -1, id)
	redis.call('DEL', key .. ':lock')
	-- taskora leaves the id in :stalled; a later sweep would then re-run a finished job
	redis.call('SREM', a.stalled, id)
	redis.call('HSET', key, 'state', 'completed', 'finishedOn', fmt(now), 'result', result)
	redis.call('ZADD', a.completed, fmt(now), id)
	local job = redis.call('HMGET', key, 'dedupKey', 'concurrencyKey', '_wf', '_wfNode')
	releaseDedup(job[1], id)
	if releaseConcurrency(jp, job[2]) and wakeOnRelease then
		wakeNow(a.marker)
	end
	countMetric(jp, 'completed', now, a.metrics)
	emit(a.events, 'completed', id)
	return { job[3] or '', job[4] or '' }
end

-- RETRY_DLQ's move, shared with RETRY_ALL_DLQ: a finished job goes back to its wait lane as a fresh
-- dispatch (attempt 1, ts now) with nothing left of its last run. Unlike taskora's, the stall count
-- and the cancel flag go too: kept, a retried job would stall out at once or be cancelled on its
-- first lock extension. The caller has taken the id out of its finished set. Returns false, doing
-- nothing, when the job is gone.
local function revive(jp, waitKey, prioritizedKey, events, id, now)
	local key = jp .. id
	local job = redis.call('HMGET', key, 'state', 'priority')
	if not job[1] then
		return false
	end
	redis.call('HSET', key, 'state', 'waiting', 'attempt', '1', 'ts', fmt(now))
	redis.call('HDEL', key, 'error', 'finishedOn', 'result', 'stalledCount', 'cancelledAt', 'cancelReason')
	requeue(waitKey, prioritizedKey, id, num(job[2], 0), now)
	emit(events, 'waiting', id)
	return true
end

-- Deletes a finished job: its set entry, hash, lock and log (TRIM and CLEAN_JOBS).
local function deleteFinished(jp, set, id)
	redis.call('ZREM', set, id)
	redis.call('DEL', jp .. id, jp .. id .. ':lock', jp .. id .. ':logs')
end
