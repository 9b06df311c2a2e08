-- DEBOUNCE: stores a delayed job as the pending job of its debounce key; the key's previous job is
-- deleted if it is still delayed (event 'debounced', replacedBy = the new id).
-- KEYS[1] delayed, KEYS[2] events, KEYS[3] marker
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] data, ARGV[4] ts, ARGV[5] _v, ARGV[6] delay (ms, > 0),
-- ARGV[7] priority, ARGV[8] maxAttempts, ARGV[9] debounce key (the full Redis key),
-- ARGV[10] expireAt (0 = none), ARGV[11] concurrencyKey (""), ARGV[12] concurrencyLimit,
-- ARGV[13] headers (JSON, "" = none)
-- Returns 1.
local jp, id, delay = ARGV[1], ARGV[2], num(ARGV[6], 0)
local previous = redis.call('GET', ARGV[9])
if previous and redis.call('ZREM', KEYS[1], previous) > 0 then
	redis.call('DEL', jp .. previous)
	emit(KEYS[2], 'debounced', previous, 'replacedBy', id)
end
local runAt = num(ARGV[4], 0) + delay
writeJob(jp .. id, 'delayed', ARGV[3], ARGV[4], ARGV[5], ARGV[7], ARGV[8], ARGV[6], ARGV[10], ARGV[11],
	ARGV[12], '', '', ARGV[13])
redis.call('ZADD', KEYS[1], fmt(runAt), id)
wakeAt(KEYS[3], runAt)
-- twice the window: the key outlives its job's wait, then cleans itself up
redis.call('SET', ARGV[9], id, 'PX', fmt(delay * 2))
emit(KEYS[2], 'delayed', id)
return 1
