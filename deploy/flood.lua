-- wrk script for deploy/bench.sh: posts the sign-in form with a username of
-- USERNAME_BYTES bytes (a new one per request when VARY is set) and a
-- password of PASSWORD_BYTES bytes, with the session's cookie and token.
local cookie = os.getenv("FLOOD_COOKIE")
local token = os.getenv("FLOOD_TOKEN")
local origin = os.getenv("FLOOD_ORIGIN")
local username_bytes = tonumber(os.getenv("USERNAME_BYTES"))
local password = string.rep("p", tonumber(os.getenv("PASSWORD_BYTES")))
local vary = os.getenv("VARY") == "1"
local fixed = string.rep("u", username_bytes)
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "session=" .. cookie
wrk.headers["Origin"] = origin

request = function()
  local username = fixed
  if vary then
    counter = counter + 1
    local tag = tostring(math.random(1, 2147483647)) .. "-" .. counter
    username = tag .. string.rep("u", math.max(0, username_bytes - #tag))
  end
  local body = "csrf_token=" .. token .. "&username=" .. username .. "&password=" .. password
  return wrk.format(nil, "/login", nil, body)
end
