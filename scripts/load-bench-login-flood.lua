-- For scripts/load-bench.sh: wrong sign-ins for ever new usernames, all
-- with one session's cookie and token (BENCH_FLOOD_COOKIE, BENCH_FLOOD_BODY).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_FLOOD_COOKIE")
local body = os.getenv("BENCH_FLOOD_BODY")
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, body .. "&username=nobody-" .. math.random(1, 1000000000) .. "-" .. n)
end
