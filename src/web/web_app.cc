// Routing, authentication, CSRF and the JSON API (docs/api.md).
#include "web/web_app.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "domain/municipality.h"
#include "report/citizen_report.h"
#include "report/status_report.h"
#include "app/administration.h"
#include "app/citizens.h"
#include "app/implementation.h"
#include "app/housing.h"
#include "app/reports.h"
#include "common/text.h"
#include "web/api_screening.h"
#include "web/pages.h"

namespace tov::web {
namespace {

using json = nlohmann::json;
// The session cookie. Behind TLS (secure cookies) it carries the __Host- prefix, which a browser
// accepts only with Secure, Path=/ and no Domain, so no other site or subdomain can set it.
constexpr const char* kSessionCookie = "tov_session";
constexpr const char* kSecureSessionCookie = "__Host-tov_session";

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Invalid UTF-8 (e.g. a percent-decoded path echoed in an error) is replaced, not thrown on.
http::Response Ok(int status, const json& body) {
  return http::Response::Json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string RedactCpr(std::string s) { return RedactCprLike(std::move(s)); }

// Whether a request comes from another site's page: a browser says so in Sec-Fetch-Site, or
// sends an Origin whose host is not the one asked. A login from there is refused (login CSRF);
// clients that are not browsers (curl, scripts) send neither and may log in with any
// Content-Type, as long as the body is JSON.
bool CrossSite(const http::Request& r) {
  if (auto site = r.Header("Sec-Fetch-Site"); site && *site == "cross-site") return true;
  auto origin = r.Header("Origin");
  if (!origin) return false;
  if (*origin == "null") return true;  // a sandboxed frame or a file:// page
  std::string_view o(*origin);
  size_t scheme = o.find("://");
  if (scheme == std::string_view::npos) return true;
  std::string_view host = o.substr(scheme + 3);
  return host != r.Header("Host").value_or("");
}

std::string ContentType(const std::string& path) {
  auto ends = [&](const char* s) {
    std::string_view suffix(s);
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

http::Response JsonError(int status, const std::string& message, const std::vector<FieldError>& fields) {
  json j{{"error", RedactCpr(message)}};
  if (!fields.empty()) {
    json f = json::object();
    for (const auto& e : fields)
      if (!f.contains(e.field)) f[RedactCpr(e.field)] = RedactCpr(e.reason);
    j["fields"] = f;
  }
  return Ok(status, j);
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnavailable: return 503;
    default: return 500;
  }
}

namespace {
http::Response FromStatus(const Status& s) {
  int code = HttpStatusFor(s);
  // Not the database's message: it names the database's address.
  if (code == 503) {
    http::Response r = JsonError(503, "the database did not answer in time; try again", {});
    r.AddHeader("Retry-After", "1");
    return r;
  }
  return JsonError(code, code == 500 ? "internal error" : s.message(), s.field_errors());
}
}  // namespace

WebApp::WebApp(App& app, Auth& auth, WebOptions options)
    : app_(app), auth_(auth), options_(std::move(options)) {}

const char* WebApp::SessionCookieName() const {
  return options_.secure_cookies ? kSecureSessionCookie : kSessionCookie;
}

std::optional<SessionInfo> WebApp::SessionOf(const http::Request& r, bool* cookie) {
  auto token = r.Cookie(SessionCookieName());
  if (!token) return std::nullopt;
  auto s = auth_.Authenticate(*token);
  if (!s.ok()) return std::nullopt;
  if (cookie) *cookie = true;
  return *s;
}

void WebApp::SetSessionCookie(http::Response& r, const std::string& token) {
  http::CookieOptions o;
  o.http_only = true;
  o.same_site = http::SameSite::kStrict;
  o.secure = options_.secure_cookies;
  (void)r.SetCookie(SessionCookieName(), token, o);
}

void WebApp::ClearSessionCookie(http::Response& r) {
  http::CookieOptions o;
  o.http_only = true;
  o.same_site = http::SameSite::kStrict;
  o.secure = options_.secure_cookies;
  (void)r.ExpireCookie(SessionCookieName(), o);
}

http::Response WebApp::Handle(const http::Request& r) {
  auto start = std::chrono::steady_clock::now();
  http::Response resp = Route(r);
  // Answers may carry personal data: no browser or proxy may keep them. Static assets set their
  // own caching.
  if (!resp.Header("Cache-Control")) resp.SetHeader("Cache-Control", "no-store");
  if (options_.request_log) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // The path only: queries may hold names or CPR numbers being searched for.
    json line{{"method", r.method}, {"path", RedactCpr(r.path.substr(0, 200))}, {"status", resp.status},
              {"ms", std::round(ms * 100) / 100}};
    options_.request_log(line.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return resp;
}

http::Response WebApp::Route(const http::Request& r) {
  if (r.path == "/healthz") return Health();
  if (r.path.rfind("/api/", 0) == 0) {
    // Before any JSON parser, which would take a NUL byte for the end of the body.
    if (auto problem = TextProblem(r.body)) return JsonError(400, "the body " + *problem);
    return Api(r);
  }
  if (r.path.rfind("/static/", 0) == 0) return Static(r);
  return HandlePage(*this, r);
}

// 200 while the database answers, else 503 with Retry-After, so that a load balancer sends no
// writes to a server that cannot store them. The reason stays in the server's log: it names the
// database's address, which is not for the client (docs/operations.md).
http::Response WebApp::Health() {
  size_t entries = app_.Read([](const Journal& j) { return j.size(); });
  Status db = app_.CheckStore();
  if (db.ok()) return Ok(200, {{"status", "ok"}, {"entries", entries}, {"database", "ok"}});
  if (options_.request_log)
    options_.request_log(json{{"fault", "the database does not answer /healthz"}, {"reason", db.ToString()}}.dump(
        -1, ' ', false, json::error_handler_t::replace));
  http::Response resp = Ok(503, {{"status", "unavailable"}, {"entries", entries}, {"database", "unavailable"}});
  resp.AddHeader("Retry-After", "1");
  return resp;
}

http::Response WebApp::Static(const http::Request& r) {
  if (r.method != "GET" && r.method != "HEAD") return http::Response::Text(405, "method not allowed");
  std::string rel = r.path.substr(8);
  bool safe = !rel.empty() && rel.find("..") == std::string::npos && rel[0] != '/' &&
              std::all_of(rel.begin(), rel.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '/';
              });
  if (!safe || options_.static_dir.empty()) return http::Response::Text(404, "not found");
  std::ifstream f(options_.static_dir + "/" + rel, std::ios::binary);
  if (!f) return http::Response::Text(404, "not found");
  std::stringstream ss;
  ss << f.rdbuf();
  http::Response resp{200, {}, ss.str()};
  resp.SetHeader("Content-Type", ContentType(rel));
  resp.SetHeader("Cache-Control", "public, max-age=3600");
  return resp;
}

http::Response WebApp::Api(const http::Request& r) {
  auto seg = Segments(r.path);  // "api", "v1", ...
  if (seg.size() < 3 || seg[1] != "v1") return JsonError(404, "no such endpoint");
  const std::string& what = seg[2];
  const std::string& method = r.method;

  // Login does not need a session.
  if (what == "session" && seg.size() == 3 && method == "POST") {
    // A foreign site's form or fetch can send text/plain without a preflight; its browser
    // tells us where it comes from.
    if (CrossSite(r)) return JsonError(403, "a login from another site's page is refused");
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    std::vector<FieldError> fields;
    for (const char* f : {"user", "password"})
      if (!body.contains(f) || !body[f].is_string()) fields.push_back({f, "is required (a string)"});
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "user" && it.key() != "password") fields.push_back({it.key(), "is not a field of a login"});
    if (!fields.empty()) return JsonError(422, "invalid login", fields);
    auto login = auth_.Login(body["user"].get<std::string>(), body["password"].get<std::string>(),
                             r.remote_address);
    if (!login.ok()) {
      http::Response refused = FromStatus(login.status());
      if (int wait = RetryAfterSeconds(login.status())) refused.SetHeader("Retry-After", std::to_string(wait));
      return refused;
    }
    auto resp = Ok(200, {{"csrf_token", login->csrf_token}, {"user", login->principal.user},
                         {"role", RoleName(login->principal.role)},
                         {"municipality", login->principal.municipality},
                         {"must_change_password", login->must_change_password}});
    SetSessionCookie(resp, login->token);
    return resp;
  }

  bool cookie = false;
  auto session = SessionOf(r, &cookie);
  if (!session) return JsonError(401, "not logged in, or the session has expired");
  const Principal& p = session->principal;
  if (IsWrite(method) && cookie) {
    auto token = r.Header("X-CSRF-Token");
    if (!token || !SameToken(*token, session->csrf_token))
      return JsonError(403, "missing or wrong CSRF token (send it in X-CSRF-Token)");
  }
  const Date today = Today();

  if (what == "session" && seg.size() == 3) {
    if (method == "DELETE") {
      if (auto token = r.Cookie(SessionCookieName())) (void)auth_.Logout(*token);
      auto resp = Ok(200, {{"logged_out", true}});
      ClearSessionCookie(resp);
      return resp;
    }
    if (method == "GET")
      return Ok(200, {{"user", p.user}, {"role", RoleName(p.role)}, {"municipality", p.municipality},
                      {"csrf_token", session->csrf_token},
                      {"must_change_password", session->must_change_password}});
    return JsonError(405, "method not allowed");
  }
  // The user chooses their own password: {"current_password", "new_password"}.
  if (what == "session" && seg.size() == 4 && seg[3] == "password") {
    if (method != "PUT" && method != "POST") return JsonError(405, "method not allowed");
    auto token = r.Cookie(SessionCookieName());
    if (!token) return JsonError(401, "not logged in, or the session has expired");
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    std::vector<FieldError> fields;
    for (const char* f : {"current_password", "new_password"})
      if (!body.contains(f) || !body[f].is_string()) fields.push_back({f, "is required (a string)"});
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "current_password" && it.key() != "new_password")
        fields.push_back({it.key(), "is not a field of a password change"});
    if (!fields.empty()) return JsonError(422, "invalid password change", fields);
    Status s = auth_.ChangePassword(*token, body["current_password"].get<std::string>(),
                                    body["new_password"].get<std::string>());
    if (!s.ok()) return FromStatus(s);
    return Ok(200, {{"password_changed", true}});
  }

  if (what == "screening" && seg.size() == 3)
    return method == "POST" ? ScreeningApi(p, r, today) : JsonError(405, "method not allowed");

  // ---- citizens ----
  if (what == "citizens" && seg.size() == 3 && method == "GET") {
    CitizenQuery q;
    q.q = r.Query("q").value_or("");
    q.situation = r.Query("situation").value_or("");
    q.method = r.Query("method").value_or("");
    q.alert = r.Query("alert").value_or("");
    q.page = r.Query("page").value_or("1");
    q.municipality = r.Query("municipality").value_or("");
    auto list = ListCitizens(app_, p, q);
    if (!list.ok()) return FromStatus(list.status());
    json rows = json::array();
    for (const CitizenRow& c : list->rows) {
      json row{{"citizen", c.key}, {"municipality", c.municipality}, {"homeless", c.homeless}, {"dead", c.dead}};
      row["name"] = c.name ? json(*c.name) : json(nullptr);
      row["age"] = c.age ? json(*c.age) : json(nullptr);
      row["situation"] = c.situation ? json(std::string(SituationName(*c.situation))) : json(nullptr);
      json methods = json::array();
      for (Method m : c.open_methods) methods.push_back(std::string(MethodName(m)));
      row["open_methods"] = methods;
      json rules = json::array();
      for (const auto& a : c.alerts) rules.push_back(a.rule);
      row["alerts"] = rules;
      rows.push_back(row);
    }
    return Ok(200, {{"citizens", rows}, {"page", list->page}, {"page_size", list->page_size}, {"total", list->total}});
  }

  if ((what == "citizens" || what == "entries") && seg.size() == 3 && method == "POST") {
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    auto recorded = what == "citizens" ? RegisterCitizen(app_, p, {std::move(body)}) : RecordEntry(app_, p, std::move(body));
    if (!recorded.ok()) {
      const Status& s = recorded.status();
      if (s.code() == StatusCode::kInvalidArgument) return JsonError(422, "invalid entry", s.field_errors());
      return FromStatus(s);
    }
    if (!recorded->unit.empty()) return Ok(201, {{"id", recorded->ids.front()}, {"unit", recorded->unit}});
    if (recorded->citizen.empty())  // an entry about a municipality (DESIGN §10)
      return Ok(201, {{"id", recorded->ids.front()}, {"municipality", recorded->municipality}});
    return Ok(201, {{"id", recorded->ids.front()}, {"citizen", recorded->citizen}});
  }

  if (what == "citizens" && seg.size() == 4 && method == "GET") {
    const std::string& key = seg[3];
    bool reveal = r.Query("reveal_cpr").value_or("") == "1";
    std::string view;
    Status s = ViewCitizen(app_, p, key, reveal, "api", [&](const CitizenAccess& c) {
      report::CitizenViewOptions o = c.ViewOptions();
      // The view depends only on the citizen's entries (all recorded by now), the date, the
      // thresholds and what the role sees: a rendering is reused until one of them changes.
      const auto& entries = c.journal.EntriesOf(key);
      const CitizenFilter& f = c.filter;
      const std::string cache_key = key + '\x1f' + (f.assessments ? "a" : "") + (f.notes ? "n" : "") +
                                    (f.decisions ? "d" : "") + (f.health_decisions ? "h" : "") +
                                    (f.recommendation ? "r" : "") + (f.alerts ? "l" : "") + (f.full_cpr ? "c" : "");
      const std::string version = std::to_string(entries.empty() ? 0 : entries.back()->seq) + '\x1f' +
                                  c.today.ToString() + '\x1f' + std::to_string(o.thresholds.shelter_months) + ',' +
                                  std::to_string(o.thresholds.youth_age) + ',' + std::to_string(o.thresholds.cti_months) +
                                  ',' + std::to_string(o.thresholds.release_days) + ',' +
                                  std::to_string(o.thresholds.action_plan_days);
      if (auto cached = view_cache_.Find(cache_key, version)) {
        view = std::move(*cached);
        return;
      }
      view = report::CitizenJson(c.course, o).dump(-1, ' ', false, json::error_handler_t::replace);
      view_cache_.Put(cache_key, version, view);
    });
    if (!s.ok()) return FromStatus(s);
    return http::Response::Json(200, std::move(view));
  }

  // ---- alerts and reports ----
  auto as_of_param = [&](Date* out) -> std::optional<http::Response> {
    auto v = r.Query("as_of");
    if (!v || v->empty()) {
      *out = today;
      return std::nullopt;
    }
    auto d = ParseDate(*v);
    if (!d) return JsonError(422, "invalid as_of", {{"as_of", "must be a real date YYYY-MM-DD"}});
    *out = *d;
    return std::nullopt;
  };
  // `known_at`: absent or empty leaves `out` (now); a bare date means the end of that UTC day.
  auto known_at_param = [&](std::optional<Timestamp>* out) -> std::optional<http::Response> {
    auto k = r.Query("known_at");
    if (!k || k->empty()) return std::nullopt;
    auto t = ParseTimestamp(*k, true);
    if (!t) return JsonError(422, "invalid known_at", {{"known_at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z"}});
    *out = *t;
    return std::nullopt;
  };

  if (what == "alerts" && seg.size() == 3 && method == "GET") {
    AlertQuery q;
    if (auto e = as_of_param(&q.as_of)) return *e;
    q.municipality = r.Query("municipality");
    auto alerts = ListAlerts(app_, p, q);
    if (!alerts.ok()) return FromStatus(alerts.status());
    return Ok(200, report::AlertsJson(alerts->as_of, alerts->alerts));
  }

  if (what == "count" && seg.size() == 3 && method == "GET") {
    const std::string week_text = r.Query("week").value_or("");
    auto week = report::ParseIsoWeek(week_text);
    if (!week) return JsonError(422, "invalid week", {{"week", report::IsoWeekError(week_text)}});
    const std::string format = r.Query("format").value_or("json");
    if (format != "json" && format != "csv") return JsonError(422, "invalid format", {{"format", "must be json or csv"}});
    CountQuery q{*week, std::nullopt, r.Query("municipality"), false};
    auto count = MakeHomelessCount(app_, p, q);
    if (!count.ok()) return FromStatus(count.status());
    if (format == "csv") {
      http::Response out = http::Response::Text(200, count->Csv());
      out.SetHeader("Content-Type", "text/csv; charset=utf-8");
      out.SetHeader("Content-Disposition", "attachment; filename=\"count-" + week->ToString() + ".csv\"");
      return out;
    }
    return Ok(200, count->Json());
  }

  if (what == "reports" && seg.size() == 4 && seg[3] == "status" && method == "GET") {
    StatusQuery q;
    if (auto e = as_of_param(&q.as_of)) return *e;
    q.municipality = r.Query("municipality");
    if (auto k = r.Query("known_at"); k && !k->empty()) {
      auto t = ParseTimestamp(*k, true);
      if (!t) return JsonError(422, "invalid known_at", {{"known_at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z"}});
      q.known_at = *t;
    }
    auto report = MakeStatusReport(app_, p, q);
    if (!report.ok()) return FromStatus(report.status());
    return Ok(200, report->figures);
  }

  if (what == "reports" && seg.size() == 4 && seg[3] == "youth" && method == "GET") {
    YouthQuery q;
    if (auto e = as_of_param(&q.as_of)) return *e;
    if (auto m = r.Query("municipality"); m && !m->empty()) q.municipality = *m;
    if (auto e = known_at_param(&q.known_at)) return *e;
    auto report = MakeYouthReport(app_, p, q);
    if (!report.ok()) return FromStatus(report.status());
    return Ok(200, report->figures);
  }

  if (what == "reports" && seg.size() == 4 && seg[3] == "outreach" && method == "GET") {
    OutreachQuery q;
    if (auto e = as_of_param(&q.as_of)) return *e;
    q.municipality = r.Query("municipality");
    if (auto e = known_at_param(&q.known_at)) return *e;
    auto report = MakeOutreachReport(app_, p, q);
    if (!report.ok()) return FromStatus(report.status());
    return Ok(200, report->figures);
  }

  if (what == "reports" && seg.size() == 4 && seg[3] == "implementation" && method == "GET") {
    ImplementationQuery q;
    if (auto e = as_of_param(&q.as_of)) return *e;
    if (auto m = r.Query("municipality"); m && !m->empty()) q.municipality = *m;
    auto report = MakeImplementationReport(app_, p, q);
    if (!report.ok()) return FromStatus(report.status());
    return Ok(200, report->figures);
  }

  // ---- housing allocation (DESIGN §9; docs/housing.md) ----
  if (what == "housing" && seg.size() >= 4) {
    if (method != "GET") return JsonError(405, "method not allowed");
    std::optional<Timestamp> known_at;
    if (auto k = r.Query("known_at"); k && !k->empty()) {
      auto t = ParseTimestamp(*k, true);
      if (!t) return JsonError(422, "invalid known_at", {{"known_at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z"}});
      known_at = *t;
    }
    Date as_of;
    if (auto e = as_of_param(&as_of)) return *e;
    if (seg.size() == 4 && seg[3] == "queue") {
      auto q = HousingQueue(app_, p, {as_of, known_at, r.Query("municipality")});
      if (!q.ok()) return FromStatus(q.status());
      return Ok(200, report::QueueJson(q->as_of, q->municipality, q->queue));
    }
    if (seg.size() == 6 && seg[3] == "units" && seg[5] == "candidates") {
      auto split = HousingCandidates(app_, p, {seg[4], as_of, known_at});
      if (!split.ok()) return FromStatus(split.status());
      return Ok(200, report::CandidatesJson(*split));
    }
    return JsonError(404, "no such endpoint");
  }

  if (what == "access-log" && seg.size() == 3 && method == "GET") {
    std::string citizen = r.Query("citizen").value_or("");
    auto records = ReadAccessLog(app_, p, citizen);
    if (!records.ok()) return FromStatus(records.status());
    json list = json::array();
    for (const auto& a : *records)
      list.push_back({{"at", a.at.ToString()}, {"user", a.actor}, {"role", a.role}, {"citizen", a.citizen},
                      {"action", a.action}, {"detail", a.detail}});
    return Ok(200, {{"citizen", citizen}, {"access", list}});
  }

  // ---- settings: {key: value} of a municipality's thresholds (docs/api.md) ----
  if (what == "settings" && seg.size() == 3) {
    std::string municipality = r.Query("municipality").value_or("");
    if (municipality.empty()) municipality = p.municipality.empty() ? "*" : p.municipality;
    if (method == "PUT") {
      json body = json::parse(r.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
      // Numbers (or their digits as a string); the use case checks every key and value at once.
      std::vector<std::pair<std::string, std::string>> values;
      for (auto it = body.begin(); it != body.end(); ++it) {
        if (it->is_number_integer()) values.emplace_back(it.key(), std::to_string(it->get<int64_t>()));
        else if (it->is_string()) values.emplace_back(it.key(), it->get<std::string>());
        else values.emplace_back(it.key(), "");  // not a whole number: refused with its range
      }
      Status s = ChangeSettings(app_, p, municipality, values);
      if (!s.ok()) return FromStatus(s);
    } else if (method != "GET") {
      return JsonError(405, "method not allowed");
    }
    if (municipality != "*" && !FindMunicipality(municipality))
      return JsonError(422, "invalid settings", {{"municipality", "is not a municipality code"}});
    auto t = ReadThresholds(app_, p, municipality);
    if (!t.ok()) return FromStatus(t.status());
    json out = json::object();
    for (const auto& key : report::ThresholdKeys()) out[key] = report::ThresholdValue(*t, key);
    return Ok(200, out);
  }

  if (what == "users" && seg.size() == 3) {
    if (method == "GET") {
      auto users = ListUsers(app_, p);
      if (!users.ok()) return FromStatus(users.status());
      json list = json::array();
      for (const auto& u : *users)
        list.push_back({{"name", u.name}, {"role", RoleName(u.role)}, {"municipality", u.municipality}, {"active", u.active},
                        {"full_name", u.full_name}});
      return Ok(200, {{"users", list}});
    }
    if (method == "POST") {
      if (!Allowed(p.role, Permission::kManageUsers)) return JsonError(403, "only administrators manage users");
      json body = json::parse(r.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
      std::vector<FieldError> fields;
      constexpr int kFields = 5;
      std::string v[kFields];
      const char* names[kFields] = {"name", "role", "municipality", "password", "full_name"};
      for (int i = 0; i < kFields; ++i) {
        if (body.contains(names[i]) && body[names[i]].is_string()) v[i] = body[names[i]].get<std::string>();
        else if (body.contains(names[i])) fields.push_back({names[i], "must be a string"});
      }
      for (auto it = body.begin(); it != body.end(); ++it)
        if (std::none_of(names, names + kFields, [&](const char* n) { return it.key() == n; }))
          fields.push_back({it.key(), "is not a field of a user"});
      if (!fields.empty()) return JsonError(422, "invalid user", fields);
      NewUser user{v[0], v[1], v[2], v[3]};
      if (body.contains("full_name")) user.full_name = v[4];  // optional: without it, no real name
      Status s = AddUser(app_, p, user);
      if (!s.ok()) return FromStatus(s);
      return Ok(201, {{"name", v[0]}});
    }
    return JsonError(405, "method not allowed");
  }
  if (what == "users" && seg.size() == 4) {
    if (method != "PATCH") return JsonError(405, "method not allowed");
    if (!Allowed(p.role, Permission::kManageUsers)) return JsonError(403, "only administrators manage users");
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    UserChange change;
    std::vector<FieldError> fields;
    for (auto it = body.begin(); it != body.end(); ++it) {
      const std::string& k = it.key();
      if (k == "active") {
        if (it->is_boolean()) change.active = it->get<bool>();
        else fields.push_back({k, "must be true or false"});
      } else if (k == "role" || k == "municipality" || k == "password" || k == "full_name") {
        if (!it->is_string()) {
          fields.push_back({k, "must be a string"});
          continue;
        }
        (k == "role"           ? change.role
         : k == "municipality" ? change.municipality
         : k == "password"     ? change.password
                               : change.full_name) = it->get<std::string>();
      } else {
        fields.push_back({k, "is not a field of a user change (active, role, municipality, password, full_name)"});
      }
    }
    if (!fields.empty()) return JsonError(422, "invalid user change", fields);
    auto token = r.Cookie(SessionCookieName());
    auto changed = ChangeUser(app_, p, seg[3], change, token ? auth_.SessionKey(*token) : "");
    if (!changed.ok()) return FromStatus(changed.status());
    return Ok(200, {{"name", changed->name}, {"role", RoleName(changed->role)},
                    {"municipality", changed->municipality}, {"active", changed->active},
                    {"full_name", changed->full_name}});
  }
  if (what == "admin-log" && seg.size() == 3) {
    if (method != "GET") return JsonError(405, "method not allowed");
    auto records = ReadAdminLog(app_, p);
    if (!records.ok()) return FromStatus(records.status());
    json list = json::array();
    for (const auto& a : *records)
      list.push_back({{"at", a.at.ToString()}, {"user", a.actor}, {"role", a.role}, {"action", a.action},
                      {"detail", a.detail}});
    return Ok(200, {{"actions", list}});
  }
  return JsonError(404, "no such endpoint");
}

}  // namespace tov::web
