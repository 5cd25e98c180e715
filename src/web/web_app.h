// The web application: maps HTTP requests to the application (docs/api.md). JSON under /api/v1/,
// HTML pages under / (pages.h), static assets under /static/, /healthz. Authentication by
// session cookie, CSRF token on cookie-authenticated writes, authorisation (auth.h) on every
// request, every look at or change of a citizen written to the access log, and structured
// request logs without personal data.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/auth.h"
#include "report/alerts.h"
#include "web/http_server.h"
#include "web/render_cache.h"

namespace tov::web {

struct WebOptions {
  std::string static_dir;           // served under /static/ (read-only, no traversal)
  bool secure_cookies = false;      // add Secure to cookies (behind TLS)
  // One JSON line per request, and one per fault of the server's own ({"fault": …, "reason": …}).
  std::function<void(const std::string&)> request_log;
};

// Everything a handler needs about the request's user.
struct RequestContext {
  const http::Request& request;
  std::optional<SessionInfo> session;  // set when the request carries a valid session
  bool cookie_auth = false;
};

class WebApp {
 public:
  WebApp(App& app, Auth& auth, WebOptions options);
  http::Response Handle(const http::Request& request);

  App& app() { return app_; }
  Auth& auth() { return auth_; }
  const WebOptions& options() const { return options_; }

  // Shared helpers for the API and the HTML pages.
  Date Today() const { return app_.Now().date(); }
  report::Thresholds ThresholdsFor(const std::string& municipality) { return app_.ThresholdsFor(municipality); }
  std::optional<SessionInfo> SessionOf(const http::Request& r, bool* cookie = nullptr);
  // "__Host-tov_session" behind TLS (secure cookies), else "tov_session".
  const char* SessionCookieName() const;
  // Builds the session cookie headers for a login / logout.
  void SetSessionCookie(http::Response& r, const std::string& token);
  void ClearSessionCookie(http::Response& r);

 private:
  http::Response Route(const http::Request& r);
  http::Response Api(const http::Request& r);
  http::Response Static(const http::Request& r);
  http::Response Health();

  App& app_;
  Auth& auth_;
  WebOptions options_;
  // Rendered citizen views (API), keyed by citizen, its last entry, date, thresholds, options.
  RenderCache view_cache_{64 << 20};  // 64 MiB
};

// A JSON error response: {"error": message, "fields": {name: reason}}.
http::Response JsonError(int status, const std::string& message,
                         const std::vector<FieldError>& fields = {});
// The HTTP status for a Status (422 invalid, 404, 403, 401, 409, 429, 413, else 500).
int HttpStatusFor(const Status& s);

}  // namespace tov::web
