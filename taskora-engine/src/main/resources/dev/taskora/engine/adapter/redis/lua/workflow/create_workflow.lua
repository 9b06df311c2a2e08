-- CREATE_WORKFLOW: stores a workflow (taskora's fields plus this library's layout, see
-- workflow_lib.lua) with every node pending, then enqueues the root nodes and marks them active.
-- KEYS[1] the workflow hash
-- ARGV[1] key root ("taskora:" or "taskora:<prefix>:"), ARGV[2] workflow id, ARGV[3] graph JSON,
-- ARGV[4] now, ARGV[5] node count, ARGV[6] terminal indices (comma-separated), then per node six
-- values: task, jobId, _v, data ("" when unbound), deps, dependents (comma-separated indices)
-- Returns 1, or the error WORKFLOW_EXISTS.
local key, root, wfId, now = KEYS[1], ARGV[1], ARGV[2], ARGV[4]
if redis.call('EXISTS', key) == 1 then
	return redis.error_reply('WORKFLOW_EXISTS')
end
local count = tonumber(ARGV[5])
local terminal = wfSplit(ARGV[6])
redis.call('HSET', key, 'graph', ARGV[3], 'state', 'running', 'createdAt', now, 'layout', '1', 'count',
	tostring(count), 'tcount', tostring(#terminal))
for k = 1, #terminal do
	redis.call('HSET', key, 't:' .. (k - 1), terminal[k], 'n:' .. terminal[k] .. ':term', '1')
end
for i = 0, count - 1 do
	local a = 7 + i * 6
	local p = 'n:' .. i .. ':'
	redis.call('HSET', key, p .. 'state', 'pending', p .. 'task', ARGV[a], p .. 'job', ARGV[a + 1], p .. 'v',
		ARGV[a + 2], p .. 'deps', ARGV[a + 4], p .. 'out', ARGV[a + 5])
	if ARGV[a + 3] ~= '' then
		redis.call('HSET', key, p .. 'data', ARGV[a + 3])
	end
end
for i = 0, count - 1 do
	local a = 7 + i * 6
	if ARGV[a + 4] == '' then
		redis.call('HSET', key, 'n:' .. i .. ':state', 'active')
		wfEnqueue(root, wfId, i, ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], now)
	end
end
return 1
