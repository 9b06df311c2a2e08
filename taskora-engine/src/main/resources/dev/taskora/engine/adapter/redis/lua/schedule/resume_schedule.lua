-- RESUME_SCHEDULE: gives a paused schedule its next run; a scheduled one keeps its own (ZADD NX).
-- KEYS[1] schedules, KEYS[2] schedules:next
-- ARGV[1] name, ARGV[2] next run (ms)
-- Returns 1, or 0 when there is no such schedule.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
	return 0
end
redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
return 1
