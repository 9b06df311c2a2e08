-- EXTEND_LOCK: renews an active job's lock and takes it off the stall candidates.
-- KEYS[1] stalled
-- ARGV[1] job prefix, ARGV[2] id, ARGV[3] token, ARGV[4] ttl (ms)
-- Returns 1 (held), 0 (lost: another token or no lock) or -1 (held, but the job was cancelled).
local jp, id, token = ARGV[1], ARGV[2], ARGV[3]
local lock = jp .. id .. ':lock'
if redis.call('GET', lock) ~= token then
	return 0
end
redis.call('SET', lock, token, 'PX', ARGV[4])
redis.call('SREM', KEYS[1], id)
if redis.call('HEXISTS', jp .. id, 'cancelledAt') == 1 then
	return -1
end
return 1
