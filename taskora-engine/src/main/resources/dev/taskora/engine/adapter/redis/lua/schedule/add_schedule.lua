-- ADD_SCHEDULE: stores a new schedule with its first run; refuses a name already taken.
-- KEYS[1] schedules, KEYS[2] schedules:next
-- ARGV[1] name, ARGV[2] config JSON, ARGV[3] next run (ms)
-- Returns 1, or 0 when a schedule of that name exists.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
	return 0
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
