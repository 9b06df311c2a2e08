-- FAIL_WORKFLOW: a node failed for good. The node becomes failed, the workflow failed with its
-- error; pending nodes are cancelled (each gets a cancelled job), active ones returned.
-- KEYS[1] the workflow hash
-- ARGV[1] key root, ARGV[2] workflow id, ARGV[3] node index, ARGV[4] error, ARGV[5] now
-- Returns {applied (0/1), then task, jobId, node index per active node}.
local key, root, wfId, index, err, now = KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HGET', key, 'state') ~= 'running' then
	return { 0 }
end
redis.call('HSET', key, 'n:' .. index .. ':state', 'failed', 'n:' .. index .. ':error', err, 'state', 'failed',
	'error', err)
local reply = { 1 }
for _, value in ipairs(wfHalt(key, root, wfId, now, 'workflow failed')) do
	reply[#reply + 1] = value
end
return reply
