-- NACK: gives an active job back to the wait lanes without using up an attempt (the worker cannot
-- run its payload version).
-- KEYS[1] active, KEYS[2] wait, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized, KEYS[6] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token
-- Returns 1; error LOCK_MISMATCH when the token does not hold the lock.
local jp, id = ARGV[1], ARGV[2]
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
local key = jp .. id
redis.call('LREM', KEYS[1], 1, id)
redis.call('DEL', key .. ':lock')
redis.call('SREM', KEYS[6], id)
local job = redis.call('HMGET', key, 'concurrencyKey', 'priority', 'ts')
releaseConcurrency(jp, job[1])
redis.call('HSET', key, 'state', 'waiting')
requeue(KEYS[2], KEYS[5], id, num(job[2], 0), num(job[3], 0))
wakeNow(KEYS[4])
emit(KEYS[3], 'waiting', id)
return 1
