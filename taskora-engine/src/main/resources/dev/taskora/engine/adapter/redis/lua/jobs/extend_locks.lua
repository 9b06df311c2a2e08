-- EXTEND_LOCKS: EXTEND_LOCK for every job a worker runs, in one call.
-- KEYS[1] stalled
-- ARGV[1] job prefix, ARGV[2] ttl (ms), then pairs of ARGV[2i+1] id, ARGV[2i+2] token
-- Returns one code per job, in order: 1 (held), 0 (lost) or -1 (held, but cancelled).
local jp, ttl = ARGV[1], ARGV[2]
local codes = {}
for i = 3, #ARGV - 1, 2 do
	local id, token = ARGV[i], ARGV[i + 1]
	local lock = jp .. id .. ':lock'
	local code = 0
	if redis.call('GET', lock) == token then
		redis.call('SET', lock, token, 'PX', ttl)
		redis.call('SREM', KEYS[1], id)
		code = (redis.call('HEXISTS', jp .. id, 'cancelledAt') == 1) and -1 or 1
	end
	codes[#codes + 1] = code
end
return codes
