-- ADVANCE_WORKFLOW: a node completed. Marks it, enqueues every pending node whose dependencies
-- have all completed (its input: bound data, else the one dependency's result, else a JSON array
-- of the dependencies' results), and completes the workflow once every terminal node has.
-- Unlike taskora's, it also enqueues the ready nodes itself, in the same atomic step.
-- KEYS[1] the workflow hash
-- ARGV[1] key root, ARGV[2] workflow id, ARGV[3] node index, ARGV[4] result, ARGV[5] now
-- Returns {applied (0/1), completed (0/1), result or "", dispatched indices (comma-separated)}.
local key, root, wfId, index, result, now = KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HGET', key, 'state') ~= 'running' then
	return { 0, 0, '', '' }
end
local p = 'n:' .. index .. ':'
if redis.call('HGET', key, p .. 'state') == 'completed' then
	return { 1, 0, '', '' }
end
redis.call('HSET', key, p .. 'state', 'completed', p .. 'result', result)
local dispatched = {}
local completed = false
local final = ''
if redis.call('HGET', key, 'layout') == '1' then
	for _, follower in ipairs(wfSplit(redis.call('HGET', key, p .. 'out'))) do
		local q = 'n:' .. follower .. ':'
		if redis.call('HGET', key, q .. 'state') == 'pending' then
			local f = redis.call('HMGET', key, q .. 'task', q .. 'job', q .. 'v', q .. 'data', q .. 'deps')
			local deps = wfSplit(f[5])
			local ready
			if #deps > 64 then
				ready = wfScan(key, q .. 'scan', function(k)
					return deps[k + 1]
				end, #deps)
			else
				ready = wfAllCompleted(key, deps)
			end
			if ready then
				redis.call('HSET', key, q .. 'state', 'active')
				wfEnqueue(root, wfId, follower, f[1], f[2], f[3], f[4] or wfJoinResults(key, deps), now)
				dispatched[#dispatched + 1] = follower
			end
		end
	end
	if redis.call('HGET', key, p .. 'term') == '1' then
		local tcount = tonumber(redis.call('HGET', key, 'tcount'))
		local terminal = {}
		if tcount > 64 then
			completed = wfScan(key, 'tscan', function(k)
				return redis.call('HGET', key, 't:' .. k)
			end, tcount)
		end
		if tcount <= 64 or completed then
			for k = 0, tcount - 1 do
				terminal[k + 1] = redis.call('HGET', key, 't:' .. k)
			end
		end
		if tcount <= 64 then
			completed = wfAllCompleted(key, terminal)
		end
		if completed then
			final = wfJoinResults(key, terminal)
		end
	end
else
	-- A graph Node taskora stored: scan it as taskora's ADVANCE_WORKFLOW does.
	local graph = cjson.decode(redis.call('HGET', key, 'graph'))
	local done = tonumber(index)
	for i, node in ipairs(graph.nodes) do
		local j = i - 1
		local waits = false
		local deps = {}
		for k, dep in ipairs(node.deps) do
			deps[k] = tostring(dep)
			if dep == done then
				waits = true
			end
		end
		if waits and redis.call('HGET', key, 'n:' .. j .. ':state') == 'pending' and wfAllCompleted(key, deps) then
			local data = node.data
			if type(data) ~= 'string' then
				data = wfJoinResults(key, deps)
			end
			redis.call('HSET', key, 'n:' .. j .. ':state', 'active')
			wfEnqueue(root, wfId, j, node.taskName, node.jobId, tostring(node._v or 1), data, now)
			dispatched[#dispatched + 1] = tostring(j)
		end
	end
	local terminal = {}
	for k, t in ipairs(graph.terminal) do
		terminal[k] = tostring(t)
	end
	completed = wfAllCompleted(key, terminal)
	if completed then
		final = wfJoinResults(key, terminal)
	end
end
if completed then
	redis.call('HSET', key, 'state', 'completed', 'result', final)
	return { 1, 1, final, table.concat(dispatched, ',') }
end
return { 1, 0, '', table.concat(dispatched, ',') }
