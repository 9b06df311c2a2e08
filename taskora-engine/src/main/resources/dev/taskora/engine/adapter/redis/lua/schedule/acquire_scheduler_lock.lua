-- ACQUIRE_SCHEDULER_LOCK: taskora's ACQUIRE_SCHEDULER_LOCK and RENEW_SCHEDULER_LOCK in one call.
-- KEYS[1] schedules:lock
-- ARGV[1] token, ARGV[2] TTL (ms)
-- Returns 1 when the token holds the lock now (taken, or extended), else 0.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	return 1
end
if not holder then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	return 1
end
return 0
