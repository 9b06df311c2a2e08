-- FAIL: records a failed attempt of an active job: a retry after retryDelay, or a permanent failure.
-- KEYS[1] active, KEYS[2] failed, KEYS[3] events, KEYS[4] delayed, KEYS[5] marker, KEYS[6] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] error message, ARGV[5] now,
-- ARGV[6] retry delay in ms (-1 = permanent)
-- Returns {_wf, _wfNode} ("" for a retry or outside workflows); error LOCK_MISMATCH when the
-- token does not hold the lock (nothing changed then).
local jp, id = ARGV[1], ARGV[2]
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
local f = { active = KEYS[1], failed = KEYS[2], events = KEYS[3], delayed = KEYS[4], marker = KEYS[5],
	stalled = KEYS[6] }
return recordFailure(jp, f, id, ARGV[4], num(ARGV[5], 0), num(ARGV[6], -1), true)
