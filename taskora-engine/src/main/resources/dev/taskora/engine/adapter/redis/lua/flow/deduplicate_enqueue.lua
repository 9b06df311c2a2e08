-- DEDUPLICATE_ENQUEUE: stores a job as the holder of its dedup key, unless the key's holder is in
-- one of the blocking states. The key has no TTL: ACK, a permanent FAIL and CANCEL release it.
-- KEYS[1] wait, KEYS[2] delayed, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] data, ARGV[4] ts, ARGV[5] _v, ARGV[6] priority,
-- ARGV[7] maxAttempts, ARGV[8] dedup key (the full Redis key), ARGV[9] delay (ms, 0 = now),
-- ARGV[10] expireAt (0 = none), ARGV[11] concurrencyKey (""), ARGV[12] concurrencyLimit,
-- ARGV[13] headers (JSON, "" = none), ARGV[14..] the states that block a duplicate
-- Returns {1} (stored) or {0, existingId} (a duplicate: nothing written).
local jp, dedupKey = ARGV[1], ARGV[8]
local holder = redis.call('GET', dedupKey)
if holder then
	local state = redis.call('HGET', jp .. holder, 'state')
	if state then
		for i = 14, #ARGV do
			if ARGV[i] == state then
				return { 0, holder }
			end
		end
	end
	redis.call('DEL', dedupKey)
end
storeFlowJob(jp, { wait = KEYS[1], delayed = KEYS[2], events = KEYS[3], marker = KEYS[4],
	prioritized = KEYS[5] }, ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[9], ARGV[10],
	ARGV[11], ARGV[12], dedupKey, ARGV[13])
redis.call('SET', dedupKey, ARGV[2])
return { 1 }
