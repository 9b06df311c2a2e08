-- ACK: completes an active job held with the given token.
-- KEYS[1] active, KEYS[2] completed, KEYS[3] events, KEYS[4] marker, KEYS[5] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] result, ARGV[5] now
-- Returns {_wf, _wfNode} ("" when the job is not part of a workflow); error LOCK_MISMATCH when
-- the token does not hold the lock (nothing changed then).
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[5], 0)
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
local key = jp .. id
redis.call('LREM', KEYS[1], 1, id)
redis.call('DEL', key .. ':lock')
-- taskora leaves the id in :stalled; a later sweep would then re-run a finished job
redis.call('SREM', KEYS[5], id)
redis.call('HSET', key, 'state', 'completed', 'finishedOn', fmt(now), 'result', ARGV[4])
redis.call('ZADD', KEYS[2], fmt(now), id)
local job = redis.call('HMGET', key, 'dedupKey', 'concurrencyKey', '_wf', '_wfNode')
releaseDedup(job[1], id)
if releaseConcurrency(jp, job[2]) then
	wakeNow(KEYS[4])
end
countMetric(jp, 'completed', now)
emit(KEYS[3], 'completed', id)
return { job[3] or '', job[4] or '' }
