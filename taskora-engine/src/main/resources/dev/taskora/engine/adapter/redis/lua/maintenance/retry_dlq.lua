-- RETRY_DLQ: moves one failed (or cancelled) job back to the wait lanes as a fresh dispatch.
-- KEYS[1] failed (or cancelled), KEYS[2] wait, KEYS[3] events, KEYS[4] marker, KEYS[5] prioritized
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] now
-- Returns 1, or 0 when the job is not in the set.
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[3], 0)
if redis.call('ZREM', KEYS[1], id) == 0 then
	return 0
end
if not revive(jp, KEYS[2], KEYS[5], KEYS[3], id, now) then
	return 0
end
wakeNow(KEYS[4])
return 1
