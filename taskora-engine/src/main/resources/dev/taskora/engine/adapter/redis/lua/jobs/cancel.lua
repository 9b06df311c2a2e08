-- CANCEL: cancels a waiting, delayed or retrying job at once; flags an active one and tells its
-- worker through the cancel channel.
-- KEYS[1] wait, KEYS[2] delayed, KEYS[3] cancelled, KEYS[4] events, KEYS[5] marker,
-- KEYS[6] cancel channel, KEYS[7] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] reason ("" = none), ARGV[4] now
-- Returns 1 (cancelled), 2 (active: flagged), 3 (already finished) or 0 (no such job).
-- (taskora returns 0 for both of the last two; the Java adapter tells them apart.)
local jp, id, reason, now = ARGV[1], ARGV[2], ARGV[3], num(ARGV[4], 0)
local key = jp .. id
local state = redis.call('HGET', key, 'state')
if not state then
	return 0
end
if state == 'active' then
	if reason ~= '' then
		redis.call('HSET', key, 'cancelledAt', fmt(now), 'cancelReason', reason)
	else
		redis.call('HSET', key, 'cancelledAt', fmt(now))
	end
	redis.call('PUBLISH', KEYS[6], id)
	return 2
end
if state ~= 'waiting' and state ~= 'delayed' and state ~= 'retrying' then
	return 3
end
if state == 'waiting' then
	if redis.call('LREM', KEYS[1], 0, id) == 0 then
		redis.call('ZREM', KEYS[7], id)
	end
else
	redis.call('ZREM', KEYS[2], id)
end
if reason ~= '' then
	redis.call('HSET', key, 'state', 'cancelled', 'finishedOn', fmt(now), 'cancelReason', reason)
else
	redis.call('HSET', key, 'state', 'cancelled', 'finishedOn', fmt(now))
end
redis.call('ZADD', KEYS[3], fmt(now), id)
releaseDedup(redis.call('HGET', key, 'dedupKey'), id)
emit(KEYS[4], 'cancelled', id, 'reason', reason)
return 1
