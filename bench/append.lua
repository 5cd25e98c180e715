-- wrk script: POST one contact entry per request to /api/v1/entries (cookie session + CSRF).
-- Needs COOKIE and CSRF in the environment, and CITIZEN (a key the user may write).
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local citizen = os.getenv("CITIZEN")
local worker = os.getenv("WORKER") or "w151-1"
local date = os.getenv("DATE")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = cookie
wrk.headers["X-CSRF-Token"] = csrf
wrk.body = '{"citizen":"' .. citizen .. '","municipality":"151","kind":"contact","date":"' .. date ..
           '","worker":"' .. worker .. '","mode":"phone","minutes":15}'
