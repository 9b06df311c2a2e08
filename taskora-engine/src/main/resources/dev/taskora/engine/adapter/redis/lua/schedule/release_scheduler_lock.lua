-- RELEASE_SCHEDULER_LOCK: deletes the scheduler lock if the token holds it.
-- KEYS[1] schedules:lock
-- ARGV[1] token
-- Returns 1 when released, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0
