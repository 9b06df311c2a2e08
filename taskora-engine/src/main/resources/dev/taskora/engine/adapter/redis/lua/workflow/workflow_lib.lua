-- workflow_lib.lua: helpers of the workflow scripts. A workflow hash is taskora's wf:{id} (graph,
-- state, createdAt, result, error, n:<i>:state|result|error). A workflow this library created also
-- has layout=1 and, per node, n:<i>:task, :job, :v, :data (bound input only), :deps and :out
-- (comma-separated node indices) and :term (1 on terminal nodes), plus the terminal nodes as t:<k>
-- (tcount of them); these let a step touch only the nodes next to it instead of decoding the whole
-- graph. A workflow Node taskora created has only the graph, and is
-- advanced the way taskora does it.
--
-- Node jobs live in their own task's keys (root .. '{' .. task .. '}'), so these scripts touch keys
-- of several slots: like taskora's, they need a single Redis, not a Cluster.

-- Above 64 dependencies (or terminal nodes), a cursor (n:<i>:scan, tscan) moves past the members
-- seen completed instead of reading every one at each step: each member is passed once over the
-- workflow's life, and a member completed by a Node worker (which keeps no count) is seen too.

local function wfBase(root, task)
	return root .. '{' .. task .. '}'
end

-- Moves the cursor stored in cursorField past the completed nodes of a list of total nodes
-- (member(k) gives the k-th, from 0); true once it passed them all.
local function wfScan(key, cursorField, member, total)
	local k = tonumber(redis.call('HGET', key, cursorField) or '0')
	while k < total and redis.call('HGET', key, 'n:' .. member(k) .. ':state') == 'completed' do
		k = k + 1
	end
	redis.call('HSET', key, cursorField, tostring(k))
	return k >= total
end

local function wfSplit(csv)
	local list = {}
	if csv then
		for part in string.gmatch(csv, '[^,]+') do
			list[#list + 1] = part
		end
	end
	return list
end

-- Enqueues a node's job (taskora's ENQUEUE with _wf/_wfNode, maxAttempts 1) unless it exists.
local function wfEnqueue(root, wfId, index, task, jobId, version, data, now)
	local base = wfBase(root, task)
	local jp = base .. ':'
	if redis.call('EXISTS', jp .. jobId) == 1 then
		return
	end
	writeJob(jp .. jobId, 'waiting', data, now, version, '0', '1', nil, '0', '', '0', wfId, tostring(index))
	requeue(base .. ':wait', base .. ':prioritized', jobId, 0, num(now, 0))
	wakeNow(base .. ':marker')
	emit(base .. ':events', 'waiting', jobId)
end

-- Stores a never-enqueued node's job as cancelled, so whoever waits for it hears the end.
local function wfCancelPending(root, wfId, index, task, jobId, version, data, now, reason)
	local base = wfBase(root, task)
	local key = base .. ':' .. jobId
	if redis.call('EXISTS', key) == 1 then
		return
	end
	redis.call('HSET', key, 'ts', now, '_v', version, 'attempt', '1', 'maxAttempts', '1', 'state', 'cancelled',
		'priority', '0', 'data', data, 'finishedOn', now, 'cancelReason', reason, '_wf', wfId, '_wfNode', tostring(index))
	redis.call('ZADD', base .. ':cancelled', now, jobId)
	emit(base .. ':events', 'cancelled', jobId, 'reason', reason)
end

-- The results of nodes, comma-joined in a JSON array (one node: its result as it is).
local function wfJoinResults(key, indices)
	if #indices == 1 then
		return redis.call('HGET', key, 'n:' .. indices[1] .. ':result') or 'null'
	end
	local parts = {}
	for k = 1, #indices do
		parts[k] = redis.call('HGET', key, 'n:' .. indices[k] .. ':result') or 'null'
	end
	return '[' .. table.concat(parts, ',') .. ']'
end

local function wfAllCompleted(key, indices)
	for k = 1, #indices do
		if redis.call('HGET', key, 'n:' .. indices[k] .. ':state') ~= 'completed' then
			return false
		end
	end
	return true
end

-- Every node as {task, jobId, v, data (or false)}, by 0-based index + 1.
local function wfNodes(key)
	local nodes = {}
	if redis.call('HGET', key, 'layout') == '1' then
		local count = tonumber(redis.call('HGET', key, 'count'))
		for i = 0, count - 1 do
			local f = redis.call('HMGET', key, 'n:' .. i .. ':task', 'n:' .. i .. ':job', 'n:' .. i .. ':v',
				'n:' .. i .. ':data')
			nodes[i + 1] = { f[1], f[2], f[3], f[4] }
		end
		return nodes
	end
	local graph = cjson.decode(redis.call('HGET', key, 'graph'))
	for i, node in ipairs(graph.nodes) do
		local data = node.data
		if type(data) ~= 'string' then
			data = false
		end
		nodes[i] = { node.taskName, node.jobId, tostring(node._v or 1), data }
	end
	return nodes
end

-- FAIL_WORKFLOW / CANCEL_WORKFLOW after the workflow's own fields: pending nodes become cancelled
-- (with a cancelled job), active ones cancelled too and returned as {task, jobId, index} triples
-- for the caller to cancel through the job store.
local function wfHalt(key, root, wfId, now, reason)
	local active = {}
	local nodes = wfNodes(key)
	for i = 1, #nodes do
		local index = i - 1
		local field = 'n:' .. index .. ':state'
		local state = redis.call('HGET', key, field)
		local node = nodes[i]
		if state == 'active' then
			redis.call('HSET', key, field, 'cancelled')
			active[#active + 1] = node[1]
			active[#active + 1] = node[2]
			active[#active + 1] = tostring(index)
		elseif state == 'pending' then
			redis.call('HSET', key, field, 'cancelled')
			-- Node taskora leaves its root nodes pending while their jobs run: such a job is cancelled too.
			local jobState = redis.call('HGET', wfBase(root, node[1]) .. ':' .. node[2], 'state')
			if jobState and jobState ~= 'completed' and jobState ~= 'failed' and jobState ~= 'cancelled'
					and jobState ~= 'expired' then
				active[#active + 1] = node[1]
				active[#active + 1] = node[2]
				active[#active + 1] = tostring(index)
			else
				wfCancelPending(root, wfId, index, node[1], node[2], node[3], node[4] or 'null', now, reason)
			end
		end
	end
	return active
end
