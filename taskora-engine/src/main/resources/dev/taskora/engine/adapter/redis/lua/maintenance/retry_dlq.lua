-- RETRY_DLQ: moves one failed job back to the wait lanes with its attempts reset.
-- KEYS[1] failed, KEYS[2] wait, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] now
-- Returns 1, or 0 when the job is not in the failed set.
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[3], 0)
if redis.call('ZREM', KEYS[1], id) == 0 then
	return 0
end
local key = jp .. id
redis.call('HSET', key, 'state', 'waiting', 'attempt', '1', 'ts', fmt(now))
redis.call('HDEL', key, 'error', 'finishedOn', 'result')
requeue(KEYS[2], KEYS[5], id, num(redis.call('HGET', key, 'priority'), 0), now)
wakeNow(KEYS[4])
emit(KEYS[3], 'waiting', id)
return 1
