-- Keeps entry ARGV[1], charged to client ARGV[2], until ARGV[3], at time
-- ARGV[4], in a store that strangers share fairly: the rule of
-- src/ledger/fair.rs, in Redis.
--   KEYS[1]  the index: a sorted set of entries, scored by their end
--   KEYS[2]  the owners: a hash, entry -> client
--   KEYS[3]  the holders: a sorted set, client -> how many it holds
--   ARGV[5]  the prefix of each client's own sorted set (prefix .. client)
--   ARGV[6]  the share of one client, ARGV[7] the total
--   ARGV[8]  'longest' (an entry again keeps the later end), 'replace',
--            or 'forget' (the entry is dropped, and nothing kept)
--   ARGV[9]  the prefix of the entries' value keys ('' for no value),
--   ARGV[10] the value
--   ARGV[11] a channel told `<entry> <end> <now>` for the entry kept and
--            `- <entry>` for each forgotten ('' for none)
-- Entries that ended go first. A new entry past its client's share
-- forgets that client's entry that ends first; past the total, the
-- first-ending entry of the client holding the most. Nothing is refused.
-- Returns every entry forgotten to make room. None of these keys has a
-- time to live, so a volatile-* maxmemory policy never evicts them.
local index, owners, holders = KEYS[1], KEYS[2], KEYS[3]
local id, owner = ARGV[1], ARGV[2]
local ends, now = tonumber(ARGV[3]), tonumber(ARGV[4])
local by, share, total = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local mode, values, value, channel = ARGV[8], ARGV[9], ARGV[10], ARGV[11]

for _, key in ipairs({index, holders}) do
  if redis.call('TYPE', key)['ok'] ~= 'zset' then redis.call('DEL', key) end
end
if redis.call('TYPE', owners)['ok'] ~= 'hash' then redis.call('DEL', owners) end
-- An index written by an older version may carry a time to live: drop it.
redis.call('PERSIST', index)

local function forget(member)
  local who = redis.call('HGET', owners, member)
  if who then
    redis.call('ZREM', by .. who, member)
    redis.call('HDEL', owners, member)
    if tonumber(redis.call('ZINCRBY', holders, -1, who)) <= 0 then
      redis.call('ZREM', holders, who)
    end
  end
  redis.call('ZREM', index, member)
  if values ~= '' then redis.call('DEL', values .. member) end
end

for _, member in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', now, 'LIMIT', 0, 64)) do
  forget(member)
end

if mode == 'forget' then
  forget(id)
  return {}
end

local out = {}
local current = tonumber(redis.call('ZSCORE', index, id))
if current ~= nil then
  if mode == 'longest' and current > ends then ends = current end
  forget(id)
else
  local mine, rounds = by .. owner, 0
  if redis.call('TYPE', mine)['ok'] ~= 'zset' then redis.call('DEL', mine) end
  while redis.call('ZCARD', mine) >= share and rounds < 100 do
    local first = redis.call('ZRANGE', mine, 0, 0)[1]
    forget(first)
    redis.call('ZREM', mine, first)
    table.insert(out, first)
    rounds = rounds + 1
  end
  while redis.call('ZCARD', index) >= total and rounds < 200 do
    local top = redis.call('ZREVRANGE', holders, 0, 0)[1]
    local first = nil
    if top then
      first = redis.call('ZRANGE', by .. top, 0, 0)[1]
      if not first then redis.call('ZREM', holders, top) end
    else
      first = redis.call('ZRANGE', index, 0, 0)[1]
    end
    if first then
      forget(first)
      redis.call('ZREM', index, first)
      table.insert(out, first)
    end
    rounds = rounds + 1
  end
end
if channel ~= '' then
  for i = 1, #out do redis.call('PUBLISH', channel, '- ' .. out[i]) end
end
if ends <= now then return out end
redis.call('ZADD', index, ends, id)
redis.call('ZADD', by .. owner, ends, id)
redis.call('HSET', owners, id, owner)
redis.call('ZINCRBY', holders, 1, owner)
if values ~= '' then
  redis.call('SET', values .. id, value, 'EX', math.max(1, ends - now))
end
if channel ~= '' then
  redis.call('PUBLISH', channel, id .. ' ' .. string.format('%d', ends) .. ' ' .. ARGV[4])
end
return out
