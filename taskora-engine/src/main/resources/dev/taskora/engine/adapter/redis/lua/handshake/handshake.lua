-- HANDSHAKE: reads the store's wire-format record, writing ours first when there is none.
-- KEYS[1] meta
-- ARGV[1] wireVersion, ARGV[2] minCompat, ARGV[3] writtenBy, ARGV[4] now
-- Returns {wireVersion, minCompat, writtenBy, writtenAt} as stored ("" or "0" where missing).
if redis.call('EXISTS', KEYS[1]) == 0 then
	redis.call('HSET', KEYS[1], 'wireVersion', ARGV[1], 'minCompat', ARGV[2], 'writtenBy', ARGV[3],
		'writtenAt', ARGV[4])
	return { ARGV[1], ARGV[2], ARGV[3], ARGV[4] }
end
local meta = redis.call('HMGET', KEYS[1], 'wireVersion', 'minCompat', 'writtenBy', 'writtenAt')
return { meta[1] or '', meta[2] or '', meta[3] or '', meta[4] or '0' }
