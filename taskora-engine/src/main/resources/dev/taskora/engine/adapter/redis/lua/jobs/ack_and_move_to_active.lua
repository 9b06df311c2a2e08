-- ACK_AND_MOVE_TO_ACTIVE: completes an active job and claims the next one in the same call.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] events, KEYS[5] marker, KEYS[6] expired,
-- KEYS[7] completed, KEYS[8] prioritized, KEYS[9] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] result, ARGV[5] now,
-- ARGV[6] next lock ttl (ms), ARGV[7] next token, ARGV[8] onExpire ("fail" | "discard"),
-- ARGV[9] singleton ("0" | "1"), ARGV[10] claim time
-- Returns {ackedWf, ackedWfNode, nextId, nextData, nextV, nextAttempt, nextTs, nextHeaders} ("" where absent);
-- error LOCK_MISMATCH when the token does not hold the lock (nothing changed, nothing claimed).
local jp, id, now = ARGV[1], ARGV[2], num(ARGV[5], 0)
local mismatch = checkLock(jp, id, ARGV[3])
if mismatch then
	return mismatch
end
-- no marker write on release: the claim below leaves the marker right for what remains
local acked = recordCompletion(jp, { active = KEYS[2], completed = KEYS[7], events = KEYS[4], marker = KEYS[5],
	stalled = KEYS[9] }, id, ARGV[4], now, false)
local k = { wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], events = KEYS[4], marker = KEYS[5],
	expired = KEYS[6], prioritized = KEYS[8] }
local nextJob = claimNext(jp, k, ARGV[7], ARGV[6], num(ARGV[10], now), ARGV[8] == 'discard', ARGV[9] == '1')
if not nextJob then
	nextJob = { '', '', '', '', '', '' }
end
return { acked[1], acked[2], nextJob[1], nextJob[2], nextJob[3], nextJob[4], nextJob[5], nextJob[6] }
