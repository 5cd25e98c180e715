-- wrk script: GET /api/v1/citizens/{key} spread over the citizens in CITIZENS (comma-separated).
local cookie = os.getenv("COOKIE")
local citizens = {}
for key in string.gmatch(os.getenv("CITIZENS"), "[^,]+") do citizens[#citizens + 1] = key end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/citizens/" .. citizens[(n % #citizens) + 1], {["Cookie"] = cookie})
end
