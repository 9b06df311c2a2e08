-- TRIM: deletes finished jobs of one terminal set: those finished at or before cutoff (when > 0),
-- then the oldest beyond the newest maxItems (when > 0); at most 100 per call. Deleting removes
-- the set entry, the job hash, its lock and its logs.
-- KEYS[1] the terminal ZSET (completed, failed, cancelled or expired)
-- ARGV[1] job prefix, ARGV[2] cutoff (epoch ms, 0 = none), ARGV[3] maxItems (0 = none)
-- Returns the number of jobs removed.
local jp, cutoff, maxItems = ARGV[1], num(ARGV[2], 0), num(ARGV[3], 0)
local budget = 100
local function remove(ids)
	for _, id in ipairs(ids) do
		deleteFinished(jp, KEYS[1], id)
	end
	budget = budget - #ids
end
if cutoff > 0 then
	remove(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(cutoff), 'LIMIT', 0, budget))
end
if maxItems > 0 and budget > 0 then
	local excess = redis.call('ZCARD', KEYS[1]) - maxItems
	if excess > 0 then
		remove(redis.call('ZRANGE', KEYS[1], 0, math.min(excess, budget) - 1))
	end
end
return 100 - budget
