-- ACK: completes an active job held with the given token.
-- KEYS[1] active, KEYS[2] completed, KEYS[3] events, KEYS[4] marker, KEYS[5] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] result, ARGV[5] now
-- Returns {_wf, _wfNode} ("" when the job is not part of a workflow); error LOCK_MISMATCH when
-- the token does not hold the lock (nothing changed then).
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[5], 0)
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
return recordCompletion(jp, { active = KEYS[1], completed = KEYS[2], events = KEYS[3], marker = KEYS[4],
	stalled = KEYS[5] }, id, ARGV[4], now, true)
