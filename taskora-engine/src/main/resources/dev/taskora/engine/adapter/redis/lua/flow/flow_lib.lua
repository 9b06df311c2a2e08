-- flow_lib.lua: helpers shared by the flow-control scripts, prepended like lib.lua's.
--
-- The key table k holds: wait, delayed, events, marker, prioritized.

-- Stores a new job as ENQUEUE (delay 0) or ENQUEUE_DELAYED would, holding dedupKey when one is
-- given (the full Redis key of the dedup string).
local function storeFlowJob(jp, k, id, data, ts, version, priority, maxAttempts, delay, expireAt,
		concurrencyKey, concurrencyLimit, dedupKey, headers)
	local key = jp .. id
	local delayMs = num(delay, 0)
	if delayMs > 0 then
		writeJob(key, 'delayed', data, ts, version, priority, maxAttempts, delay, expireAt, concurrencyKey,
			concurrencyLimit, '', '', headers)
	else
		writeJob(key, 'waiting', data, ts, version, priority, maxAttempts, nil, expireAt, concurrencyKey,
			concurrencyLimit, '', '', headers)
	end
	if present(dedupKey) then
		redis.call('HSET', key, 'dedupKey', dedupKey)
	end
	if delayMs > 0 then
		local runAt = num(ts, 0) + delayMs
		redis.call('ZADD', k.delayed, fmt(runAt), id)
		wakeAt(k.marker, runAt)
		emit(k.events, 'delayed', id)
	else
		requeue(k.wait, k.prioritized, id, num(priority, 0), num(ts, 0))
		wakeNow(k.marker)
		emit(k.events, 'waiting', id)
	end
end

-- Deletes the collect sentinel a key's :job string names, if it is still delayed or waiting to be
-- claimed; a claimed one has already drained the buffer and deleted the string.
local function dropSentinel(jp, delayed, flushIdKey)
	local previous = redis.call('GET', flushIdKey)
	if previous then
		redis.call('ZREM', delayed, previous)
		redis.call('DEL', jp .. previous)
	end
end
