-- Revokes session ARGV[1] until ARGV[2], at time ARGV[3], in the sorted set
-- KEYS[1]; keeps the set ARGV[4] seconds at least; tells every instance
-- through channel ARGV[5]. A set already holding ARGV[6] ids in force takes
-- no new one: returns 0, and nothing changes.
if redis.call('TYPE', KEYS[1])['ok'] ~= 'zset' then redis.call('DEL', KEYS[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local current = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if current == nil and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[6]) then
  return 0
end
if current == nil or current < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
redis.call('PUBLISH', ARGV[5], ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
return 1
