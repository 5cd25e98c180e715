-- wrk script: a login flood (POST /api/v1/session with a right password, no pause).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"user":"leder","password":"demo-password"}'
