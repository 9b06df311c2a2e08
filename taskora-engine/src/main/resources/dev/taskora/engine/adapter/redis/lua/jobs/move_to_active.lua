-- MOVE_TO_ACTIVE: promotes due delayed jobs, then claims the next job and locks it.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] events, KEYS[5] marker, KEYS[6] expired,
-- KEYS[7] prioritized
-- ARGV[1] job prefix, ARGV[2] lock ttl (ms), ARGV[3] lock token, ARGV[4] now,
-- ARGV[5] onExpire ("fail" | "discard"), ARGV[6] singleton ("0" | "1")
-- Returns {id, data, _v, attempt, ts, x-headers} or nil when nothing is claimable now.
local k = { wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], events = KEYS[4], marker = KEYS[5],
	expired = KEYS[6], prioritized = KEYS[7] }
return claimNext(ARGV[1], k, ARGV[3], ARGV[2], num(ARGV[4], 0), ARGV[5] == 'discard', ARGV[6] == '1')
