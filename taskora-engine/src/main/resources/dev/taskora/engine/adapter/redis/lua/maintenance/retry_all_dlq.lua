-- RETRY_ALL_DLQ: moves a batch of the oldest failed jobs back to the wait lanes, as RETRY_DLQ does
-- one, with one marker write for the batch. Unlike taskora's, only jobs that failed at or before
-- ARGV[4]: a caller looping over batches never takes up a job that failed again meanwhile.
-- KEYS[1] failed, KEYS[2] wait, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] limit (at most 100 per call), ARGV[3] now, ARGV[4] failed up to (ms)
-- Returns how many ids left the failed set; fewer than limit means none is left.
local jp, limit, now = ARGV[1], num(ARGV[2], 100), num(ARGV[3], 0)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(num(ARGV[4], 0)), 'LIMIT', 0, limit)
if #ids == 0 then
	return 0
end
redis.call('ZREM', KEYS[1], unpack(ids))
for _, id in ipairs(ids) do
	revive(jp, KEYS[2], KEYS[5], KEYS[3], id, now)
end
wakeNow(KEYS[4])
return #ids
