-- FINISH_CANCEL: moves a flagged active job to cancelled once its handler has stopped.
-- KEYS[1] active, KEYS[2] cancelled, KEYS[3] events, KEYS[4] marker, KEYS[5] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] now
-- Returns 1; error LOCK_MISMATCH when the token does not hold the lock.
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[4], 0)
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
local key = jp .. id
redis.call('LREM', KEYS[1], 1, id)
redis.call('DEL', key .. ':lock')
redis.call('SREM', KEYS[5], id)
redis.call('HSET', key, 'state', 'cancelled', 'finishedOn', fmt(now))
redis.call('ZADD', KEYS[2], fmt(now), id)
local job = redis.call('HMGET', key, 'dedupKey', 'concurrencyKey', 'cancelReason')
releaseDedup(job[1], id)
if releaseConcurrency(jp, job[2]) then
	wakeNow(KEYS[4])
end
emit(KEYS[3], 'cancelled', id, 'reason', job[3] or '')
return 1
