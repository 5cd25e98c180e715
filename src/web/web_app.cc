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
#include "security/crypto.h"
#include "web/pages.h"

namespace tov::web {
namespace {

using json = nlohmann::json;
constexpr const char* kSessionCookie = "tov_session";
constexpr size_t kPageSize = 50;

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

// Replaces anything shaped like a CPR number (a run of ten or more digits, or six digits, a dash
// and four) by asterisks, so that an error message or a log line never repeats a CPR number the
// client sent, whatever field or path it was sent in.
std::string RedactCpr(std::string s) {
  auto digit = [&](size_t i) { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); };
  for (size_t i = 0; i < s.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;
    size_t j = i;
    while (digit(j)) ++j;
    size_t len = j - i >= 10 ? j - i : 0;
    if (j - i == 6 && j < s.size() && s[j] == '-' && digit(j + 1) && digit(j + 2) && digit(j + 3) &&
        digit(j + 4) && !digit(j + 5))
      len = 11;
    if (len) s.replace(i, len, "**********");
    i += len ? 9 : j - i - 1;
  }
  return s;
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
    default: return 500;
  }
}

namespace {
http::Response FromStatus(const Status& s) {
  int code = HttpStatusFor(s);
  return JsonError(code, code == 500 ? "internal error" : s.message(), s.field_errors());
}
}  // namespace

WebApp::WebApp(App& app, Auth& auth, WebOptions options)
    : app_(app), auth_(auth), options_(std::move(options)) {}

report::Thresholds WebApp::ThresholdsFor(const std::string& municipality) {
  report::Thresholds t;
  // The settings table changes rarely (`tovholder settings set`); read it at most once a second.
  std::shared_ptr<const SettingsMap> settings;
  {
    std::lock_guard lock(settings_mu_);
    int64_t now = app_.Now().millis();
    if (!settings_ || now - settings_read_ms_ > 1000) {
      auto fresh = app_.store().Settings();
      if (!fresh.ok()) return t;
      settings_ = std::make_shared<const SettingsMap>(std::move(*fresh));
      settings_read_ms_ = now;
    }
    settings = settings_;
  }
  return report::ThresholdsFor(*settings, municipality);
}

std::optional<SessionInfo> WebApp::SessionOf(const http::Request& r, bool* cookie) {
  auto token = r.Cookie(kSessionCookie);
  if (!token) return std::nullopt;
  auto s = auth_.Authenticate(*token);
  if (!s.ok()) return std::nullopt;
  if (cookie) *cookie = true;
  return *s;
}

void WebApp::LogAccess(const Principal& p, const std::string& citizen, const std::string& action,
                       const std::string& detail) {
  app_.LogAccess({{0, app_.Now(), p.user, std::string(RoleName(p.role)), citizen, action, detail}});
}

void WebApp::SetSessionCookie(http::Response& r, const std::string& token) {
  http::CookieOptions o;
  o.http_only = true;
  o.same_site = http::SameSite::kStrict;
  o.secure = options_.secure_cookies;
  (void)r.SetCookie(kSessionCookie, token, o);
}

void WebApp::ClearSessionCookie(http::Response& r) {
  http::CookieOptions o;
  o.http_only = true;
  o.same_site = http::SameSite::kStrict;
  o.secure = options_.secure_cookies;
  (void)r.ExpireCookie(kSessionCookie, o);
}

http::Response WebApp::Handle(const http::Request& r) {
  auto start = std::chrono::steady_clock::now();
  http::Response resp = Route(r);
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
  if (r.path == "/healthz") return Ok(200, {{"status", "ok"}, {"entries", app_.Read([](const Journal& j) { return j.size(); })}});
  if (r.path.rfind("/api/", 0) == 0) return Api(r);
  if (r.path.rfind("/static/", 0) == 0) return Static(r);
  return HandlePage(*this, r);
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
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    std::vector<FieldError> fields;
    for (const char* f : {"user", "password"})
      if (!body.contains(f) || !body[f].is_string()) fields.push_back({f, "is required (a string)"});
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "user" && it.key() != "password") fields.push_back({it.key(), "is not a field of a login"});
    if (!fields.empty()) return JsonError(422, "invalid login", fields);
    auto login = auth_.Login(body["user"].get<std::string>(), body["password"].get<std::string>());
    if (!login.ok()) return FromStatus(login.status());
    auto resp = Ok(200, {{"csrf_token", login->csrf_token}, {"user", login->principal.user},
                         {"role", RoleName(login->principal.role)},
                         {"municipality", login->principal.municipality}});
    SetSessionCookie(resp, login->token);
    return resp;
  }

  bool cookie = false;
  auto session = SessionOf(r, &cookie);
  if (!session) return JsonError(401, "not logged in, or the session has expired");
  const Principal& p = session->principal;
  if (IsWrite(method) && cookie) {
    auto token = r.Header("X-CSRF-Token");
    if (!token || !crypto::ConstantTimeEquals(*token, session->csrf_token))
      return JsonError(403, "missing or wrong CSRF token (send it in X-CSRF-Token)");
  }
  const Date today = Today();

  if (what == "session" && seg.size() == 3) {
    if (method == "DELETE") {
      (void)auth_.Logout(*r.Cookie(kSessionCookie));
      auto resp = Ok(200, {{"logged_out", true}});
      ClearSessionCookie(resp);
      return resp;
    }
    if (method == "GET")
      return Ok(200, {{"user", p.user}, {"role", RoleName(p.role)}, {"municipality", p.municipality},
                      {"csrf_token", session->csrf_token}});
    return JsonError(405, "method not allowed");
  }

  // ---- citizens ----
  if (what == "citizens" && seg.size() == 3 && method == "GET") {
    if (p.role == Role::kNational || p.role == Role::kAdmin)
      return JsonError(403, "this role reads no citizen data");
    if (auto m = r.Query("municipality"); m && !m->empty() && *m != p.municipality)
      return JsonError(403, "you can only list citizens of your own municipality");
    std::string q = r.Query("q").value_or("");
    std::string situation = r.Query("situation").value_or("");
    std::string method_filter = r.Query("method").value_or("");
    std::string alert_filter = r.Query("alert").value_or("");
    size_t page = 1;
    if (auto pg = r.Query("page")) {
      if (pg->empty() || pg->size() > 6 || !std::all_of(pg->begin(), pg->end(), ::isdigit) || std::stoul(*pg) == 0)
        return JsonError(422, "invalid page", {{"page", "must be a whole number from 1"}});
      page = std::stoul(*pg);
    }
    std::vector<std::string> cpr_hits;
    bool by_cpr = false;
    if (auto cpr = ParseCpr(q)) {
      by_cpr = true;
      auto hits = app_.store().CitizensWithCpr(q);
      if (!hits.ok()) return FromStatus(hits.status());
      cpr_hits = *hits;
    }
    std::string needle = q;
    std::transform(needle.begin(), needle.end(), needle.begin(), ::tolower);
    auto thresholds = ThresholdsFor(p.municipality);
    json rows = json::array();
    size_t total = 0;
    std::vector<std::string> listed;
    app_.Read([&](const Journal& j) {
      auto consider = [&](const std::string& key) {
        CitizenCourse c = j.CourseOf(key);
        if (!CanReadCitizen(p, c, today)) return;
        if (!q.empty() && !by_cpr) {
          std::string name = c.name.value_or("");
          std::transform(name.begin(), name.end(), name.begin(), ::tolower);
          if (name.find(needle) == std::string::npos && key.rfind(q, 0) != 0) return;
        }
        auto s = c.SituationOn(today);
        if (!situation.empty() && (!s || SituationName(*s) != situation) &&
            !(situation == "homeless" && c.HomelessOn(today)))
          return;
        auto open = c.OpenCourses(today);
        if (!method_filter.empty() &&
            std::none_of(open.begin(), open.end(), [&](auto* k) { return MethodName(k->method) == method_filter; }))
          return;
        auto alerts = report::AlertsFor(c, today, thresholds);
        if (!alert_filter.empty() &&
            std::none_of(alerts.begin(), alerts.end(), [&](auto& a) { return a.rule == alert_filter; }))
          return;
        ++total;
        if (total <= (page - 1) * kPageSize || total > page * kPageSize) return;
        json row{{"citizen", key}, {"municipality", c.MunicipalityOn(today)}, {"homeless", c.HomelessOn(today)},
                 {"dead", c.DeadOn(today)}};
        row["name"] = c.name ? json(*c.name) : json(nullptr);
        row["age"] = c.AgeOn(today) ? json(*c.AgeOn(today)) : json(nullptr);
        row["situation"] = s ? json(std::string(SituationName(*s))) : json(nullptr);
        json methods = json::array();
        for (auto* k : open) methods.push_back(std::string(MethodName(k->method)));
        row["open_methods"] = methods;
        json rules = json::array();
        for (auto& a : alerts) rules.push_back(a.rule);
        row["alerts"] = rules;
        rows.push_back(row);
        listed.push_back(key);
      };
      if (by_cpr) {
        for (const auto& key : cpr_hits) consider(key);
      } else {
        for (const auto& key : j.citizens()) consider(key);
      }
      return 0;
    });
    std::vector<AccessRecord> log;
    for (const auto& key : listed) log.push_back({0, app_.Now(), p.user, std::string(RoleName(p.role)), key, "list", by_cpr ? "search by cpr" : "search"});
    app_.LogAccess(std::move(log));
    return Ok(200, {{"citizens", rows}, {"page", page}, {"page_size", kPageSize}, {"total", total}});
  }

  if ((what == "citizens" && seg.size() == 3 && method == "POST") || (what == "entries" && seg.size() == 3 && method == "POST")) {
    // Roles that record nothing are refused before validation (whose errors would be about
    // fields they have no business filling in, e.g. their empty municipality).
    if (p.role == Role::kNational || p.role == Role::kAdmin)
      return JsonError(403, "this role records no citizen data");
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
    if (what == "citizens") {
      if (!body.contains("kind")) body["kind"] = "registered";
      if (body["kind"] != "registered") return JsonError(422, "invalid entry", {{"kind", "must be registered (or left out)"}});
      if (!body.contains("municipality")) body["municipality"] = p.municipality;
      if (!body.contains("date")) body["date"] = today.ToString();
      if (!body.contains("citizen") && p.role != Role::kNational && p.role != Role::kAdmin) {
        // Next free key <municipality>-NNNN.
        std::string prefix = p.municipality + "-";
        int n = app_.Read([&](const Journal& j) {
          int best = 0;
          for (const auto& k : j.citizens())
            if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size() &&
                std::all_of(k.begin() + prefix.size(), k.end(), ::isdigit) && k.size() - prefix.size() < 9)
              best = std::max(best, std::stoi(k.substr(prefix.size())));
          return best;
        });
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d", n + 1);
        body["citizen"] = prefix + buf;
      }
    }
    if (body.contains("recorded")) return JsonError(422, "invalid entry", {{"recorded", "is set by the server"}});
    if (body.contains("by") && body["by"] != p.user) return JsonError(422, "invalid entry", {{"by", "must be your own user name (or left out)"}});
    ParseOptions po{app_.Now(), true};
    auto entry = ParseEntry(body, po);
    if (!entry.ok()) return JsonError(422, "invalid entry", entry.status().field_errors());
    entry->by = p.user;
    if (!CanWriteKind(p, entry->kind())) return JsonError(403, "your role may not record this kind of entry");
    if (entry->municipality != p.municipality)
      return JsonError(403, "you can only record entries for your own municipality",
                       {{"municipality", "must be " + p.municipality}});
    if (entry->kind() != Kind::kRegistered) {
      bool allowed = false, exists = false;
      app_.Read([&](const Journal& j) {
        CitizenCourse c = j.CourseOf(entry->citizen);
        exists = c.registered;
        allowed = CanReadCitizen(p, c, today);
        return 0;
      });
      if (!exists) return JsonError(422, "invalid entry", {{"citizen", "\"" + entry->citizen + "\" is not registered"}});
      if (!allowed) return JsonError(403, "this citizen is not yours to write");
    }
    const std::string citizen = entry->citizen;  // App::Append moves the entry into the journal
    std::vector<Entry> batch{std::move(*entry)};
    std::vector<BatchError> errors;
    Status s = app_.Append(batch, {p.user, std::string(RoleName(p.role))}, &errors);
    if (!s.ok()) {
      std::vector<FieldError> fields;
      for (auto& e : errors) fields.push_back(e.error);
      if (!fields.empty()) return JsonError(422, "invalid entry", fields);
      return FromStatus(s);
    }
    return Ok(201, {{"id", batch[0].id}, {"citizen", citizen}});
  }

  if (what == "citizens" && seg.size() == 4 && method == "GET") {
    const std::string& key = seg[3];
    bool reveal = r.Query("reveal_cpr").value_or("") == "1";
    if (reveal && p.role != Role::kCaseworker && p.role != Role::kLeader)
      return JsonError(403, "only caseworkers and leaders may reveal a CPR number");
    std::optional<std::string> view;
    bool found = false;
    app_.Read([&](const Journal& j) {
      CitizenCourse c = j.CourseOf(key);
      found = c.registered;
      if (!found || !CanReadCitizen(p, c, today)) return 0;
      report::CitizenViewOptions o;
      o.as_of = today;
      o.thresholds = ThresholdsFor(c.MunicipalityOn(today));
      o.include_health = SeesHealth(p);
      o.reveal_cpr = reveal;
      // The view depends only on the citizen's entries (all recorded by now), the date, the
      // thresholds and the options: a rendering is reused until one of them changes.
      const auto& entries = j.EntriesOf(key);
      std::string cache_key = key + '\x1f' + std::to_string(entries.empty() ? 0 : entries.back()->seq) + '\x1f' +
                              today.ToString() + '\x1f' + (o.include_health ? "h" : "") + (reveal ? "r" : "") + '\x1f' +
                              std::to_string(o.thresholds.shelter_months) + ',' + std::to_string(o.thresholds.youth_age) + ',' +
                              std::to_string(o.thresholds.cti_months) + ',' + std::to_string(o.thresholds.release_days) + ',' +
                              std::to_string(o.thresholds.action_plan_days);
      {
        std::lock_guard lock(view_cache_mu_);
        auto it = view_cache_.find(cache_key);
        if (it != view_cache_.end()) {
          view = it->second;
          return 0;
        }
      }
      view = report::CitizenJson(c, o).dump(-1, ' ', false, json::error_handler_t::replace);
      std::lock_guard lock(view_cache_mu_);
      if (view_cache_.size() >= 20000) view_cache_.clear();  // bounded; cheap to rebuild
      view_cache_.emplace(std::move(cache_key), *view);
      return 0;
    });
    if (!found) return JsonError(404, "no citizen " + key);
    if (!view) return JsonError(403, "this citizen belongs to another municipality or caseload");
    LogAccess(p, key, reveal ? "reveal_cpr" : "read", "api");
    return http::Response::Json(200, std::move(*view));
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
  auto municipality_param = [&](std::optional<std::string>* out) -> std::optional<http::Response> {
    auto m = r.Query("municipality");
    if (m && !m->empty()) {
      if (!FindMunicipality(*m)) return JsonError(422, "invalid municipality", {{"municipality", "is not a municipality code"}});
      *out = *m;
    }
    if (p.role == Role::kNational) return std::nullopt;
    if (*out && **out != p.municipality) return JsonError(403, "you can only see your own municipality");
    *out = p.municipality;
    return std::nullopt;
  };

  if (what == "alerts" && seg.size() == 3 && method == "GET") {
    if (p.role == Role::kAdmin || p.role == Role::kHousing) return JsonError(403, "this role sees no alerts");
    Date x;
    if (auto e = as_of_param(&x)) return *e;
    std::optional<std::string> m;
    if (auto e = municipality_param(&m)) return *e;
    report::AlertOptions o;
    o.as_of = x;
    o.known_at = app_.Now();
    o.municipality = m;
    if (m) o.per_municipality[*m] = ThresholdsFor(*m);
    std::vector<report::Alert> alerts = app_.Read([&](const Journal& j) {
      auto all = report::Alerts(j, o);
      if (p.role == Role::kWorker) {
        std::erase_if(all, [&](const report::Alert& a) { return !CanReadCitizen(p, j.CourseOf(a.citizen), today); });
      }
      return all;
    });
    if (p.role == Role::kNational) {
      for (auto& a : alerts) a.citizen = crypto::Pseudonym(app_.store().keys(), a.citizen);
      std::sort(alerts.begin(), alerts.end(), [](auto& a, auto& b) { return a.rule != b.rule ? a.rule < b.rule : a.citizen < b.citizen; });
    } else {
      std::vector<AccessRecord> log;
      for (auto& a : alerts) log.push_back({0, app_.Now(), p.user, std::string(RoleName(p.role)), a.citizen, "alert", a.rule});
      app_.LogAccess(std::move(log));
    }
    return Ok(200, report::AlertsJson(x, alerts));
  }

  if (what == "reports" && seg.size() == 4 && seg[3] == "status" && method == "GET") {
    if (p.role != Role::kLeader && p.role != Role::kCaseworker && p.role != Role::kNational)
      return JsonError(403, "reports are for caseworkers, leaders and the national team");
    Date x;
    if (auto e = as_of_param(&x)) return *e;
    std::optional<std::string> m;
    if (auto e = municipality_param(&m)) return *e;
    Timestamp known = app_.Now();
    if (auto k = r.Query("known_at"); k && !k->empty()) {
      auto t = ParseTimestamp(*k, true);
      if (!t) return JsonError(422, "invalid known_at", {{"known_at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z"}});
      known = *t;
    }
    report::StatusOptions o{x, known, m, p.role == Role::kNational};
    auto j = app_.Read([&](const Journal& jr) { return report::StatusReport(jr, o); });
    return Ok(200, j);
  }

  if (what == "access-log" && seg.size() == 3 && method == "GET") {
    auto citizen = r.Query("citizen");
    if (!citizen || citizen->empty()) return JsonError(422, "invalid query", {{"citizen", "is required"}});
    if (p.role != Role::kLeader && p.role != Role::kAdmin) return JsonError(403, "the access log is for leaders and administrators");
    if (p.role == Role::kLeader) {
      bool mine = app_.Read([&](const Journal& j) {
        CitizenCourse c = j.CourseOf(*citizen);
        return c.registered && CanReadCitizen(p, c, today);
      });
      if (!mine) return JsonError(403, "this citizen is not in your municipality");
    }
    (void)app_.FlushAccessLog();
    auto records = app_.store().AccessLog(*citizen);
    if (!records.ok()) return FromStatus(records.status());
    json list = json::array();
    for (const auto& a : *records)
      list.push_back({{"at", a.at.ToString()}, {"user", a.actor}, {"role", a.role}, {"citizen", a.citizen},
                      {"action", a.action}, {"detail", a.detail}});
    LogAccess(p, *citizen, "read_access_log", "");
    return Ok(200, {{"citizen", *citizen}, {"access", list}});
  }

  if (what == "users" && seg.size() == 3) {
    if (p.role != Role::kAdmin) return JsonError(403, "only administrators manage users");
    if (method == "GET") {
      auto users = app_.store().ListUsers();
      if (!users.ok()) return FromStatus(users.status());
      json list = json::array();
      for (const auto& u : *users)
        list.push_back({{"name", u.name}, {"role", u.role}, {"municipality", u.municipality}, {"active", u.active}});
      return Ok(200, {{"users", list}});
    }
    if (method == "POST") {
      json body = json::parse(r.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) return JsonError(400, "the body must be a JSON object");
      std::vector<FieldError> fields;
      std::string v[4];
      const char* names[4] = {"name", "role", "municipality", "password"};
      for (int i = 0; i < 4; ++i) {
        if (body.contains(names[i]) && body[names[i]].is_string()) v[i] = body[names[i]].get<std::string>();
        else if (body.contains(names[i])) fields.push_back({names[i], "must be a string"});
      }
      for (auto it = body.begin(); it != body.end(); ++it)
        if (std::none_of(names, names + 4, [&](const char* n) { return it.key() == n; }))
          fields.push_back({it.key(), "is not a field of a user"});
      if (!fields.empty()) return JsonError(422, "invalid user", fields);
      Status s = auth_.AddUser(v[0], v[1], v[2], v[3]);
      if (!s.ok()) return FromStatus(s);
      return Ok(201, {{"name", v[0]}});
    }
    return JsonError(405, "method not allowed");
  }
  return JsonError(404, "no such endpoint");
}

}  // namespace tov::web
