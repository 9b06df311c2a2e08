-- CLEAN_JOBS: deletes the oldest jobs of one finished set that finished at or before the cutoff,
-- at most limit of them: the set entry, the job hash, its lock and its log.
-- KEYS[1] completed, failed, cancelled or expired
-- ARGV[1] job prefix, ARGV[2] cutoff (epoch ms), ARGV[3] limit (at most 100 per call)
-- Returns the number removed; fewer than limit means none is left.
local jp, limit = ARGV[1], num(ARGV[3], 100)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(num(ARGV[2], 0)), 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
	deleteFinished(jp, KEYS[1], id)
end
return #ids
