-- Keeps the order record ARGV[1] (`{"v": …, "until": …, "order": …}`) in
-- KEYS[1] for ARGV[2] seconds, unless a record still in force at ARGV[3] is
-- there: then returns that one, whatever its version, and changes nothing.
-- A key holding anything but a record counts as no order.
local placed = redis.pcall('GET', KEYS[1])
if type(placed) == 'string' then
  local ok, entry = pcall(cjson.decode, placed)
  if ok and type(entry) == 'table' and type(entry['until']) == 'number'
    and entry['until'] > tonumber(ARGV[3]) then
    return placed
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
