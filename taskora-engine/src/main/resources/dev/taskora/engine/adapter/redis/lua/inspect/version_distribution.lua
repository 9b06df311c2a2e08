-- VERSION_DISTRIBUTION: for the inspector, how many waiting, active and delayed (or retrying) jobs carry
-- each payload version, in one atomic read, taskora's reply. Unlike taskora's, a job without a
-- _v counts as version 1, as it reads everywhere else.
-- KEYS[1] wait, KEYS[2] active, KEYS[3] delayed, KEYS[4] prioritized
-- ARGV[1] job prefix
-- Returns {'waiting', v, n, ..., 'END', 'active', v, n, ..., 'END', 'delayed', v, n, ..., 'END'}.
local jp = ARGV[1]
local reply = {}

local function section(name, lists)
	local counts = {}
	for _, ids in ipairs(lists) do
		for _, id in ipairs(ids) do
			local key = jp .. id
			if redis.call('EXISTS', key) == 1 then
				local v = tostring(num(redis.call('HGET', key, '_v'), 1))
				counts[v] = (counts[v] or 0) + 1
			end
		end
	end
	reply[#reply + 1] = name
	for v, n in pairs(counts) do
		reply[#reply + 1] = v
		reply[#reply + 1] = n
	end
	reply[#reply + 1] = 'END'
end

section('waiting', { redis.call('LRANGE', KEYS[1], 0, -1), redis.call('ZRANGE', KEYS[4], 0, -1) })
section('active', { redis.call('LRANGE', KEYS[2], 0, -1) })
section('delayed', { redis.call('ZRANGE', KEYS[3], 0, -1) })
return reply
