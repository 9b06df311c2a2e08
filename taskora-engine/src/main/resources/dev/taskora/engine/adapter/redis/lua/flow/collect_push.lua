-- COLLECT_PUSH: adds an item to its collect buffer. At maxSize the buffer becomes a waiting job at
-- once; otherwise the key's flush sentinel (a delayed job whose data the claim replaces with the
-- buffer) is replaced by one due at min(now + delay, firstAt + maxWait).
-- KEYS[1] delayed, KEYS[2] events, KEYS[3] marker, KEYS[4] wait
-- ARGV[1] job prefix, ARGV[2] id (of the new sentinel or batch job), ARGV[3] serialized item,
-- ARGV[4] now, ARGV[5] _v, ARGV[6] delay (ms, > 0), ARGV[7] maxSize (0 = none),
-- ARGV[8] maxWait (ms, 0 = none), ARGV[9] collect key, ARGV[10] maxAttempts
-- Returns {1, count} (flushed into a waiting job) or {0, count} (buffered).
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[4], 0)
local delay, maxSize, maxWait = num(ARGV[6], 0), num(ARGV[7], 0), num(ARGV[8], 0)
local base = jp .. 'collect:' .. ARGV[9]
local itemsKey, metaKey, flushIdKey = base .. ':items', base .. ':meta', base .. ':job'
redis.call('RPUSH', itemsKey, ARGV[3])
local count = redis.call('HINCRBY', metaKey, 'count', 1)
redis.call('HSET', metaKey, 'lastAt', fmt(now))
if count == 1 then
	redis.call('HSET', metaKey, 'firstAt', fmt(now))
end
dropSentinel(jp, KEYS[1], flushIdKey)
if maxSize > 0 and count >= maxSize then
	local items = redis.call('LRANGE', itemsKey, 0, -1)
	redis.call('DEL', itemsKey, metaKey, flushIdKey)
	-- a batch job has priority 0: the FIFO list
	redis.call('HSET', jp .. id, 'ts', ARGV[4], '_v', ARGV[5], 'attempt', '1', 'maxAttempts', ARGV[10],
		'state', 'waiting', 'priority', '0', 'data', '[' .. table.concat(items, ',') .. ']')
	redis.call('LPUSH', KEYS[4], id)
	wakeNow(KEYS[3])
	emit(KEYS[2], 'waiting', id)
	return { 1, count }
end
local flushAt = now + delay
if maxWait > 0 then
	local deadline = num(redis.call('HGET', metaKey, 'firstAt'), now) + maxWait
	if deadline < flushAt then
		flushAt = deadline
	end
end
-- data is a placeholder: the claim drains the buffer into it
redis.call('HSET', jp .. id, 'ts', ARGV[4], '_v', ARGV[5], 'attempt', '1', 'maxAttempts', ARGV[10],
	'state', 'delayed', 'collectKey', ARGV[9], 'data', '[]')
redis.call('ZADD', KEYS[1], fmt(flushAt), id)
wakeAt(KEYS[3], flushAt)
redis.call('SET', flushIdKey, id, 'PX', fmt(math.max(delay, (maxWait > 0) and maxWait or delay) * 2))
emit(KEYS[2], 'collect', id, 'count', tostring(count), 'key', ARGV[9])
return { 0, count }
