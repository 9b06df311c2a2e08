-- ENQUEUE_BULK: stores many jobs of one task atomically, in order, with one marker write.
-- KEYS[1] wait, KEYS[2] delayed, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] count, then 13 values per job: id, data, ts, _v, priority,
-- maxAttempts, expireAt, concurrencyKey, concurrencyLimit, delay (0 = now), _wf, _wfNode,
-- headers (JSON, "" = none)
-- Returns the number of jobs stored; a job stored already (a dispatch sent again after its reply was
-- lost) is skipped.
local jp, count = ARGV[1], num(ARGV[2], 0)
local anyNow, earliest, stored = false, nil, 0
for i = 0, count - 1 do
	local b = 3 + i * 13
	local id, ts, priority, delay = ARGV[b], ARGV[b + 2], ARGV[b + 4], num(ARGV[b + 9], 0)
	local fresh = redis.call('EXISTS', jp .. id) == 0
	if fresh and delay > 0 then
		local runAt = num(ts, 0) + delay
		writeJob(jp .. id, 'delayed', ARGV[b + 1], ts, ARGV[b + 3], priority, ARGV[b + 5], ARGV[b + 9],
			ARGV[b + 6], ARGV[b + 7], ARGV[b + 8], ARGV[b + 10], ARGV[b + 11], ARGV[b + 12])
		redis.call('ZADD', KEYS[2], fmt(runAt), id)
		if earliest == nil or runAt < earliest then
			earliest = runAt
		end
		emit(KEYS[3], 'delayed', id)
		stored = stored + 1
	elseif fresh then
		writeJob(jp .. id, 'waiting', ARGV[b + 1], ts, ARGV[b + 3], priority, ARGV[b + 5], nil,
			ARGV[b + 6], ARGV[b + 7], ARGV[b + 8], ARGV[b + 10], ARGV[b + 11], ARGV[b + 12])
		requeue(KEYS[1], KEYS[5], id, num(priority, 0), num(ts, 0))
		anyNow = true
		emit(KEYS[3], 'waiting', id)
		stored = stored + 1
	end
end
if anyNow then
	wakeNow(KEYS[4])
elseif earliest ~= nil then
	wakeAt(KEYS[4], earliest)
end
return stored
