-- wrk script: POST one contact entry per request to /api/v1/entries (cookie session + CSRF),
-- spread over the citizens in CITIZENS (comma-separated keys the user may write).
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local date = os.getenv("DATE")
local citizens = {}
for key in string.gmatch(os.getenv("CITIZENS"), "[^,]+") do citizens[#citizens + 1] = key end
local n = 0
request = function()
  n = n + 1
  local citizen = citizens[(n % #citizens) + 1]
  local body = '{"citizen":"' .. citizen .. '","municipality":"151","kind":"contact","date":"' .. date ..
               '","worker":"w151-1","mode":"phone","minutes":15}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Cookie"] = cookie,
                                  ["X-CSRF-Token"] = csrf}, body)
end
