-- ENQUEUE: stores a job that may run now.
-- KEYS[1] wait, KEYS[2] events, KEYS[3] marker, KEYS[4] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] data, ARGV[4] ts, ARGV[5] _v, ARGV[6] priority,
-- ARGV[7] maxAttempts, ARGV[8] expireAt (0 = none), ARGV[9] concurrencyKey (""),
-- ARGV[10] concurrencyLimit, ARGV[11] _wf (""), ARGV[12] _wfNode, ARGV[13] headers (JSON, "" = none)
-- Returns 1, or 0 when the job is stored already (a dispatch sent again after its reply was lost).
local jp, id = ARGV[1], ARGV[2]
if redis.call('EXISTS', jp .. id) == 1 then
	return 0
end
writeJob(jp .. id, 'waiting', ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], nil, ARGV[8], ARGV[9],
	ARGV[10], ARGV[11], ARGV[12], ARGV[13])
requeue(KEYS[1], KEYS[4], id, num(ARGV[6], 0), num(ARGV[4], 0))
wakeNow(KEYS[3])
emit(KEYS[2], 'waiting', id)
return 1
