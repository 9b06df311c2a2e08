-- FAILED_ERRORS: for the dead letters, the error messages of one slice of the failed set, newest first,
-- counted by message, so dead letters group by error without every job travelling to the client.
-- The caller walks the set slice by slice, so no call holds Redis long.
-- KEYS[1] failed
-- ARGV[1] job prefix, ARGV[2] start rank, ARGV[3] count
-- Returns {message, n, message, n, ...}; a job without an error counts under ''.
local jp, start, count = ARGV[1], num(ARGV[2], 0), num(ARGV[3], 0)
local counts, order = {}, {}
if count > 0 then
	for _, id in ipairs(redis.call('ZREVRANGE', KEYS[1], start, start + count - 1)) do
		local message = redis.call('HGET', jp .. id, 'error') or ''
		if not counts[message] then
			order[#order + 1] = message
			counts[message] = 0
		end
		counts[message] = counts[message] + 1
	end
end
local reply = {}
for _, message in ipairs(order) do
	reply[#reply + 1] = message
	reply[#reply + 1] = counts[message]
end
return reply
