-- THROTTLE_ENQUEUE: stores a job unless its throttle key already admitted max jobs in the current
-- fixed window (a counter that lives for the window from its first admission).
-- KEYS[1] wait, KEYS[2] delayed, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] data, ARGV[4] ts, ARGV[5] _v, ARGV[6] priority,
-- ARGV[7] maxAttempts, ARGV[8] throttle key (the full Redis key), ARGV[9] max, ARGV[10] window (ms),
-- ARGV[11] delay (ms, 0 = now), ARGV[12] expireAt (0 = none), ARGV[13] concurrencyKey (""),
-- ARGV[14] concurrencyLimit, ARGV[15] headers (JSON, "" = none)
-- Returns 1 (stored) or 0 (throttled: nothing written).
local count = num(redis.call('GET', ARGV[8]), 0)
if count >= num(ARGV[9], 0) then
	return 0
end
if count == 0 then
	redis.call('SET', ARGV[8], '1', 'PX', ARGV[10])
else
	redis.call('INCR', ARGV[8])
end
storeFlowJob(ARGV[1], { wait = KEYS[1], delayed = KEYS[2], events = KEYS[3], marker = KEYS[4],
	prioritized = KEYS[5] }, ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[11], ARGV[12],
	ARGV[13], ARGV[14], nil, ARGV[15])
return 1
