-- STALLED_CHECK: one two-phase stall sweep. Phase 1 settles the candidates of the previous sweep
-- whose lock expired: a flagged job is cancelled, others are re-queued, or failed once they stalled
-- more than maxStalledCount times. Phase 2 makes every active job a candidate for the next sweep.
-- KEYS[1] stalled, KEYS[2] active, KEYS[3] wait, KEYS[4] failed, KEYS[5] events, KEYS[6] marker,
-- KEYS[7] cancelled, KEYS[8] prioritized
-- ARGV[1] job prefix, ARGV[2] maxStalledCount, ARGV[3] now
-- Returns {nRecovered, recovered ids..., nFailed, failed ids...}.
local jp, maxStalled, now = ARGV[1], num(ARGV[2], 1), num(ARGV[3], 0)
local recovered, failed = {}, {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
	local key = jp .. id
	if redis.call('EXISTS', key .. ':lock') == 0 then
		local job = redis.call('HMGET', key, 'state', 'cancelledAt', 'concurrencyKey', 'priority', 'ts',
			'dedupKey', 'cancelReason')
		-- Unlike taskora, only a job that is still active counts: one that finished after it became a
		-- candidate (by a worker that did not clear :stalled) must not run again.
		if job[1] == 'active' then
			redis.call('LREM', KEYS[2], 1, id)
			if present(job[2]) then
				releaseConcurrency(jp, job[3])
				redis.call('HSET', key, 'state', 'cancelled', 'finishedOn', fmt(now))
				redis.call('ZADD', KEYS[7], fmt(now), id)
				releaseDedup(job[6], id)
				emit(KEYS[5], 'cancelled', id, 'reason', job[7] or '')
			else
				local count = redis.call('HINCRBY', key, 'stalledCount', 1)
				releaseConcurrency(jp, job[3])
				if count > maxStalled then
					redis.call('HSET', key, 'state', 'failed', 'finishedOn', fmt(now),
						'error', 'Job stalled and exceeded max stalled count')
					redis.call('ZADD', KEYS[4], fmt(now), id)
					releaseDedup(job[6], id)
					countMetric(jp, 'failed', now)
					emit(KEYS[5], 'stalled', id, 'count', tostring(count), 'action', 'failed')
					emit(KEYS[5], 'failed', id)
					failed[#failed + 1] = id
				else
					redis.call('HSET', key, 'state', 'waiting')
					requeue(KEYS[3], KEYS[8], id, num(job[4], 0), num(job[5], 0))
					wakeNow(KEYS[6])
					emit(KEYS[5], 'stalled', id, 'count', tostring(count), 'action', 'recovered')
					recovered[#recovered + 1] = id
				end
			end
		end
		redis.call('SREM', KEYS[1], id)
	end
end
local active = redis.call('LRANGE', KEYS[2], 0, -1)
-- SADD in slices: unpack() of a very long list would overflow the Lua stack
for i = 1, #active, 1000 do
	redis.call('SADD', KEYS[1], unpack(active, i, math.min(i + 999, #active)))
end
local reply = { #recovered }
for _, id in ipairs(recovered) do
	reply[#reply + 1] = id
end
reply[#reply + 1] = #failed
for _, id in ipairs(failed) do
	reply[#reply + 1] = id
end
return reply
