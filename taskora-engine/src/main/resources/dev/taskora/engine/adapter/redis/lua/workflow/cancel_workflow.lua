-- CANCEL_WORKFLOW: the workflow becomes cancelled (error = the reason, when given); pending nodes
-- are cancelled (each gets a cancelled job), active ones returned.
-- KEYS[1] the workflow hash
-- ARGV[1] key root, ARGV[2] workflow id, ARGV[3] reason ("" for none), ARGV[4] now
-- Returns {applied (0/1), then task, jobId, node index per active node}.
local key, root, wfId, reason, now = KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('HGET', key, 'state') ~= 'running' then
	return { 0 }
end
redis.call('HSET', key, 'state', 'cancelled')
if reason ~= '' then
	redis.call('HSET', key, 'error', reason)
else
	reason = 'workflow cancelled'
end
local reply = { 1 }
for _, value in ipairs(wfHalt(key, root, wfId, now, reason)) do
	reply[#reply + 1] = value
end
return reply
