-- CLAIM_DUE_SCHEDULES: taskora's TICK_SCHEDULER, with a lease instead of a removal.
-- KEYS[1] schedules:next, KEYS[2] schedules
-- ARGV[1] now (ms), ARGV[2] lease end (ms)
-- Each due schedule (at most 100) is moved to the lease end rather than removed, so a leader that
-- dies before recording the run leaves it due again instead of silently paused. A due name without
-- a config is dropped from KEYS[1].
-- Returns the flat list {name, config, due time, ...}.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, 100)
local out = {}
for i = 1, #due, 2 do
	local name = due[i]
	local config = redis.call('HGET', KEYS[2], name)
	if config then
		redis.call('ZADD', KEYS[1], ARGV[2], name)
		out[#out + 1] = name
		out[#out + 1] = config
		out[#out + 1] = due[i + 1]
	else
		redis.call('ZREM', KEYS[1], name)
	end
end
return out
