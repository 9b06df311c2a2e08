-- ENQUEUE_DELAYED: stores a job that runs at ts + delay.
-- KEYS[1] delayed, KEYS[2] events, KEYS[3] marker
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] data, ARGV[4] ts, ARGV[5] _v, ARGV[6] delay (ms),
-- ARGV[7] priority, ARGV[8] maxAttempts, ARGV[9] expireAt (0 = none), ARGV[10] concurrencyKey (""),
-- ARGV[11] concurrencyLimit, ARGV[12] _wf (""), ARGV[13] _wfNode, ARGV[14] headers (JSON, "" = none)
-- Returns 1, or 0 when the job is stored already (a dispatch sent again after its reply was lost).
local jp, id = ARGV[1], ARGV[2]
if redis.call('EXISTS', jp .. id) == 1 then
	return 0
end
local runAt = num(ARGV[4], 0) + num(ARGV[6], 0)
writeJob(jp .. id, 'delayed', ARGV[3], ARGV[4], ARGV[5], ARGV[7], ARGV[8], ARGV[6], ARGV[9], ARGV[10],
	ARGV[11], ARGV[12], ARGV[13], ARGV[14])
redis.call('ZADD', KEYS[1], fmt(runAt), id)
wakeAt(KEYS[3], runAt)
emit(KEYS[2], 'delayed', id)
return 1
