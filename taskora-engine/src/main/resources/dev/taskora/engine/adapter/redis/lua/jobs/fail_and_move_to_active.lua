-- FAIL_AND_MOVE_TO_ACTIVE: records a failed attempt (as FAIL) and claims the next job in one call.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] events, KEYS[5] marker, KEYS[6] expired,
-- KEYS[7] failed, KEYS[8] prioritized, KEYS[9] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] error message, ARGV[5] now,
-- ARGV[6] retry delay in ms (-1 = permanent), ARGV[7] next lock ttl (ms), ARGV[8] next token,
-- ARGV[9] onExpire ("fail" | "discard"), ARGV[10] singleton ("0" | "1"), ARGV[11] claim time
-- Returns {failedWf, failedWfNode, nextId, nextData, nextV, nextAttempt, nextTs, nextHeaders} ("" where absent);
-- error LOCK_MISMATCH when the token does not hold the lock (nothing changed, nothing claimed).
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[5], 0)
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
local f = { active = KEYS[2], failed = KEYS[7], events = KEYS[4], delayed = KEYS[3], marker = KEYS[5],
	stalled = KEYS[9] }
-- no marker write on release: the claim below leaves the marker right for what remains
local settled = recordFailure(jp, f, id, ARGV[4], now, num(ARGV[6], -1), false)
local k = { wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], events = KEYS[4], marker = KEYS[5],
	expired = KEYS[6], prioritized = KEYS[8] }
local nextJob = claimNext(jp, k, ARGV[8], ARGV[7], num(ARGV[11], now), ARGV[9] == 'discard', ARGV[10] == '1')
if not nextJob then
	nextJob = { '', '', '', '', '', '' }
end
return { settled[1], settled[2], nextJob[1], nextJob[2], nextJob[3], nextJob[4], nextJob[5], nextJob[6] }
