-- REPLACE_SCHEDULE: compare-and-set of a schedule's config, optionally moving its next run.
-- KEYS[1] schedules, KEYS[2] schedules:next
-- ARGV[1] name, ARGV[2] expected config JSON, ARGV[3] new config JSON, ARGV[4] next run (ms) or ''
-- A paused schedule (not in KEYS[2]) stays paused: the next run is only updated (ZADD XX).
-- Returns 1, or 0 when the stored config is not the expected one (changed or removed).
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
	return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[4] ~= '' then
	redis.call('ZADD', KEYS[2], 'XX', ARGV[4], ARGV[1])
end
return 1
