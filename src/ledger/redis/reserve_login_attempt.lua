-- Reserves one sign-in attempt in the failed-login count KEYS[1] at time
-- ARGV[1]: the first opens a window of ARGV[2] seconds; while the count is
-- below ARGV[3] it goes up by one. Returns {1 if reserved else 0, the
-- count, the window's end}.
local now = tonumber(ARGV[1])
local fields = redis.pcall('HMGET', KEYS[1], 'count', 'until')
local count, ends = nil, nil
if type(fields) == 'table' and fields.err == nil then
  count = tonumber(fields[1])
  ends = tonumber(fields[2])
end
if count == nil or ends == nil or ends <= now then
  count = 0
  ends = now + tonumber(ARGV[2])
  redis.call('DEL', KEYS[1])
end
if count >= tonumber(ARGV[3]) then
  return {0, count, ends}
end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'until', ends)
redis.call('EXPIRE', KEYS[1], math.max(1, ends - now))
return {1, count, ends}
