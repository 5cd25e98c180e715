// Integration tests of the JSON API (docs/api.md): the real server (http::Server + web::WebApp +
// Auth + App) on a fresh SQLite file, driven over HTTP on 127.0.0.1 with cpp-httplib and raw
// sockets. Each suite starts its own server with the users it needs (argon2 costs ~65 ms per
// user and per login) and a test clock fixed at 2024-06-30T12:00:00Z.
//
// Suites: ApiSession (login, lockout, logout, 401s), ApiEntries (register, append, read back,
// CSRF, validation, limits, injection, no CPR echo), ApiAuthz (one test per rule of docs/security.md, roles),
// ApiAccessLog, ApiStorage (no plain CPR in the SQLite files), ApiKeepAlive (idle connections
// never block others), ApiReports (alerts and status report equal the report functions).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "report/alerts.h"
#include "report/status_report.h"
#include "api_test_util.h"

namespace tov::apitest {
namespace {

// A small journal of five citizens in Ballerup (151) and one in Randers (730), as of the test
// clock (2024-06-30):
//   151-0001  25 years old in a shelter since 2023, no action plan (youth_in_shelter, no_action_plan)
//   151-0002  in a shelter since 2023-06-01, ready to move, action plan (shelter_over_6_months)
//   151-0003  ICM course held by worker w151, assessment and note, on the street since May 2024
//   151-0004  ACT course held by worker w151b, with friends/family
//   151-0005  a CTI course of w151 that has ended (so w151 no longer sees the citizen)
//   730-0001  CTI course of w730 since 2023-01-01, housed (cti_over_9_months)
constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2023-01-10","cpr":"100199-1237","name":"Anna","referred_by":"self"}
{"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-01-10","situation":"shelter","ready_for_housing":false}
{"citizen":"151-0002","municipality":"151","kind":"registered","date":"2023-05-01","birth_date":"1970-03-03","name":"Bent"}
{"citizen":"151-0002","municipality":"151","kind":"housing","date":"2023-06-01","situation":"shelter","ready_for_housing":true}
{"citizen":"151-0002","municipality":"151","kind":"action_plan","date":"2023-06-10","status":"offered"}
{"citizen":"151-0003","municipality":"151","kind":"registered","date":"2023-09-01","birth_date":"1980-01-01","name":"Carla"}
{"citizen":"151-0003","municipality":"151","kind":"action_plan","date":"2023-10-01","status":"accepted"}
{"citizen":"151-0003","municipality":"151","kind":"course_started","date":"2024-01-01","course":"151-0003-icm","method":"ICM","worker":"w151"}
{"citizen":"151-0003","municipality":"151","kind":"assessment","date":"2024-01-05","needs":{"housing":3,"mental_health":2},"uses_ordinary_services":"partly"}
{"citizen":"151-0003","municipality":"151","kind":"note","date":"2024-02-01","text":"confidential-note-text"}
{"citizen":"151-0003","municipality":"151","kind":"housing","date":"2024-05-01","situation":"street"}
{"citizen":"151-0004","municipality":"151","kind":"registered","date":"2023-09-01","birth_date":"1985-02-02","name":"Dan"}
{"citizen":"151-0004","municipality":"151","kind":"course_started","date":"2024-01-01","course":"151-0004-act","method":"ACT","worker":"w151b"}
{"citizen":"151-0004","municipality":"151","kind":"housing","date":"2024-01-01","situation":"friends_family"}
{"citizen":"151-0005","municipality":"151","kind":"registered","date":"2023-02-01","birth_date":"1990-04-04","name":"Ebbe"}
{"citizen":"151-0005","municipality":"151","kind":"course_started","date":"2023-03-01","course":"151-0005-cti","method":"CTI","worker":"w151"}
{"citizen":"151-0005","municipality":"151","kind":"course_ended","date":"2023-12-01","course":"151-0005-cti","reason":"completed"}
{"citizen":"730-0001","municipality":"730","kind":"registered","date":"2022-06-01","birth_date":"1975-05-05","name":"Erik"}
{"citizen":"730-0001","municipality":"730","kind":"housing","date":"2022-06-01","situation":"shelter"}
{"citizen":"730-0001","municipality":"730","kind":"course_started","date":"2023-01-01","course":"730-0001-cti","method":"CTI","worker":"w730"}
{"citizen":"730-0001","municipality":"730","kind":"housing","date":"2023-02-01","situation":"own_home"}
)";

const UserSpec kCw151{"cw151", "caseworker", "151"};
const UserSpec kCw730{"cw730", "caseworker", "730"};
const UserSpec kLead151{"lead151", "leader", "151"};
const UserSpec kW151{"w151", "worker", "151"};
const UserSpec kHouse151{"house151", "housing", "151"};
const UserSpec kNat{"nat", "national", ""};
const UserSpec kAdm{"adm", "admin", ""};

// The keys of the entries in a citizen view's "entries".
std::set<std::string> EntryIds(const json& view) {
  std::set<std::string> ids;
  if (view.contains("entries") && view["entries"].is_array())
    for (const auto& e : view["entries"])
      if (e.contains("id") && e["id"].is_string()) ids.insert(e["id"].get<std::string>());
  return ids;
}

std::set<std::string> EntryKinds(const json& view) {
  std::set<std::string> kinds;
  if (view.contains("entries") && view["entries"].is_array())
    for (const auto& e : view["entries"])
      if (e.contains("kind") && e["kind"].is_string()) kinds.insert(e["kind"].get<std::string>());
  return kinds;
}

std::vector<std::string> ListedKeys(const Reply& r) {
  std::vector<std::string> keys;
  if (r.j.is_object() && r.j.contains("citizens"))
    for (const auto& c : r.j["citizens"]) keys.push_back(c["citizen"].get<std::string>());
  return keys;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// ============================================================================================
// Sessions: login, lockout, logout, 401 without a session.
// ============================================================================================

class ApiSession : public PerStore {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start({kCw151, {"locky", "caseworker", "151"}, {"idler", "caseworker", "151"}});
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static inline std::unique_ptr<ApiServer> server_;
};
TOV_API_ON_BOTH_STORES(ApiSession);

TEST_P(ApiSession, LoginSetsHttpOnlyStrictCookieAndReturnsCsrfToken) {
  Reply r = server_->LoginReply("cw151");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Header("Content-Type").find("application/json"), std::string::npos);
  std::string cookie;
  for (const auto& sc : r.Headers("Set-Cookie"))
    if (sc.rfind("tov_session=", 0) == 0) cookie = sc;
  ASSERT_FALSE(cookie.empty()) << "no tov_session Set-Cookie";
  std::string value = cookie.substr(12, cookie.find(';') - 12);
  EXPECT_GE(value.size(), 32u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  ASSERT_TRUE(r.j.is_object());
  ASSERT_TRUE(r.j.contains("csrf_token") && r.j["csrf_token"].is_string()) << r.body;
  EXPECT_GE(r.j["csrf_token"].get<std::string>().size(), 16u);
  // The session token itself is never in the body.
  EXPECT_EQ(r.body.find(value), std::string::npos);

  // The cookie works.
  Session s{cookie.substr(0, cookie.find(';')), r.j["csrf_token"].get<std::string>()};
  Reply me = server_->Get("/api/v1/session", &s);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.j["user"], "cw151");
  EXPECT_EQ(me.j["role"], "caseworker");
  EXPECT_EQ(me.j["municipality"], "151");
}

TEST_P(ApiSession, WrongPasswordAndUnknownUserGive401WithTheSameJsonError) {
  Reply wrong = server_->LoginReply("cw151", "not the password");
  ExpectJsonError(wrong, 401);
  EXPECT_TRUE(wrong.Headers("Set-Cookie").empty());
  Reply unknown = server_->LoginReply("nobody-here", "not the password");
  ExpectJsonError(unknown, 401);
  EXPECT_EQ(wrong.j["error"], unknown.j["error"]) << "the message must not tell which accounts exist";
  // A right login afterwards resets the failure count (one wrong try is no lockout).
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
}

TEST_P(ApiSession, MalformedLoginBodiesAre400Or422NotAuthFailures) {
  ExpectJsonError(server_->Call("POST", "/api/v1/session", "{\"user\": "), 400);
  ExpectJsonError(server_->Call("POST", "/api/v1/session", "[1,2]"), 400);
  ExpectJsonError(server_->Post("/api/v1/session", json{{"user", "cw151"}}), 422, "password");
  ExpectJsonError(server_->Post("/api/v1/session", json{{"user", 5}, {"password", kPassword}}), 422, "user");
  ExpectJsonError(
      server_->Post("/api/v1/session", json{{"user", "cw151"}, {"password", kPassword}, {"admin", true}}), 422,
      "admin");
}

// A cross-site page can POST text/plain (or a form) without a CORS preflight, so a login from
// another site's page is refused whatever its type (login CSRF): the browser names the page's
// origin (Origin, Sec-Fetch-Site). Clients that are not browsers send neither and log in with
// any type, as long as the body is JSON (`curl -d` sends x-www-form-urlencoded).
TEST_P(ApiSession, ALoginFromAnotherSitesPageIsRefusedAndOtherClientsLogInWithAnyType) {
  const std::string body = json{{"user", "cw151"}, {"password", kPassword}}.dump();
  const std::string host = "127.0.0.1:" + std::to_string(server_->port());
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/json"}) {
    SCOPED_TRACE(type);
    for (const httplib::Headers& foreign :
         {httplib::Headers{{"Origin", "https://evil.example"}}, httplib::Headers{{"Origin", "null"}},
          httplib::Headers{{"Sec-Fetch-Site", "cross-site"}},
          httplib::Headers{{"Origin", "http://127.0.0.1:1"}}}) {
      httplib::Headers h = foreign;
      h.emplace("Content-Type", type);
      Reply r = server_->Call("POST", "/api/v1/session", body, nullptr, true, h);
      ExpectJsonError(r, 403);
      EXPECT_TRUE(r.Headers("Set-Cookie").empty());
    }
    // The server's own pages (same origin), and clients without Origin.
    Reply own = server_->Call("POST", "/api/v1/session", body, nullptr, true,
                              {{"Content-Type", type}, {"Origin", "http://" + host}, {"Sec-Fetch-Site", "same-origin"}});
    EXPECT_EQ(own.status, 200) << own.body;
    Reply plain = server_->Call("POST", "/api/v1/session", body, nullptr, true, {{"Content-Type", type}});
    EXPECT_EQ(plain.status, 200) << plain.body;
  }
  // No Content-Type at all.
  RawSocket sock(server_->port());
  ASSERT_TRUE(sock.connected());
  ASSERT_TRUE(sock.Send("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body));
  EXPECT_EQ(sock.ReadResponse(), 200);
}

TEST_P(ApiSession, FiveWrongPasswordsLockTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    Reply r = server_->LoginReply("locky", "wrong-password-" + std::to_string(i));
    ExpectJsonError(r, 401);
  }
  // Locked: the same answer as an unknown user (a 429 told that the account exists).
  const Reply unknown = server_->LoginReply("nobody-here", "not the password");
  Reply locked = server_->LoginReply("locky");
  ExpectJsonError(locked, 401);
  EXPECT_EQ(locked.body, unknown.body);
  EXPECT_TRUE(locked.Headers("Set-Cookie").empty());
  Reply again = server_->LoginReply("locky", "yet another wrong one");
  ExpectJsonError(again, 401);
  EXPECT_EQ(again.body, unknown.body);
  // Other accounts are not affected.
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
  // The lockout (15 minutes by default) ends.
  server_->clock().Advance(std::chrono::minutes(16));
  EXPECT_EQ(server_->LoginReply("locky").status, 200);
}

// ============================================================================================
// Lock-out under parallel guesses, on a server with as many worker threads as `serve` has.
// ============================================================================================

class ApiLockout : public PerStore {
 protected:
  // The account's lock alone: every guess here comes from one address (tested below).
  static AuthOptions NoSourceBackoff() {
    AuthOptions o;
    o.source_free_failures = 1'000'000;
    return o;
  }
  static void SetUpTestSuite() {
    server_ =
        ApiServer::Start({kCw151, {"target", "caseworker", "151"}, {"paged", "caseworker", "151"}},
                         "", NoSourceBackoff(), [](http::ServerOptions& o) { o.worker_threads = 32; });
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  // The login page's form, posted with the token of a fresh GET /login.
  static Reply PageLogin(const std::string& user, const std::string& password) {
    Reply page = server_->Get("/login");
    std::string cookie;
    for (const auto& sc : page.Headers("Set-Cookie"))
      if (sc.rfind("tov_login=", 0) == 0) cookie = sc.substr(0, sc.find(';'));
    std::smatch m;
    std::regex_search(page.body, m, std::regex("name=\"login_token\" value=\"([^\"]+)\""));
    EXPECT_FALSE(cookie.empty() || m.empty()) << "no login token";
    std::string form = "login_token=" + UrlEncode(m.empty() ? "" : m[1].str()) +
                       "&next=%2F&user=" + UrlEncode(user) + "&password=" + UrlEncode(password);
    return server_->Call(
        "POST", "/login", form, nullptr, false,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
  }

  static inline std::unique_ptr<ApiServer> server_;
};
TOV_API_ON_BOTH_STORES(ApiLockout);

// The failure count was read, then written back after the ~65 ms hash: 40 parallel wrong
// passwords were all checked and the account was not locked. Now each attempt is counted before
// its check, in one atomic update: at most 5 are checked, and the account is locked.
TEST_P(ApiLockout, FortyParallelWrongPasswordsCheckAtMostTheThresholdAndLockTheAccount) {
  constexpr int kGuesses = 40;
  constexpr int kThreshold = AuthOptions{}.max_failures;
  const Reply unknown = server_->LoginReply("nobody-at-all", "a guess");
  ExpectJsonError(unknown, 401);
  const int64_t checks_before = server_->auth().password_checks();
  std::vector<Reply> replies(kGuesses);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kGuesses) std::this_thread::yield();
      replies[i] = server_->LoginReply("target", "wrong guess " + std::to_string(i));
    });
  }
  for (auto& t : threads) t.join();
  const int64_t checked = server_->auth().password_checks() - checks_before;
  std::printf("[ figures  ] %lld of %d parallel wrong passwords were checked (threshold %d)\n",
              static_cast<long long>(checked), kGuesses, kThreshold);
  EXPECT_LE(checked, kThreshold);
  // Every guess got the answer an unknown user gets.
  for (int i = 0; i < kGuesses; ++i) {
    EXPECT_EQ(replies[i].status, unknown.status)
        << i << ": " << replies[i].body << replies[i].error;
    EXPECT_EQ(replies[i].body, unknown.body) << i;
    EXPECT_TRUE(replies[i].Headers("Set-Cookie").empty()) << i;
  }
  // Locked: the right password is refused, with that same answer, and not even checked.
  const int64_t checks_locked = server_->auth().password_checks();
  Reply right = server_->LoginReply("target");
  EXPECT_EQ(right.status, unknown.status) << right.body;
  EXPECT_EQ(right.body, unknown.body);
  EXPECT_TRUE(right.Headers("Set-Cookie").empty());
  EXPECT_EQ(server_->auth().password_checks(), checks_locked);
  // Other accounts are not affected, and the lock ends after 15 minutes.
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
  server_->clock().Advance(std::chrono::minutes(16));
  EXPECT_EQ(server_->LoginReply("target").status, 200);
}

// Each attempt is counted before its check, so 8 parallel logins with the right password used to
// count each other as failures: 7 of 8 got 401 (found by the soak). Logins of one account are
// now checked one at a time in the process: all succeed, and the count is clear afterwards.
TEST_P(ApiLockout, ParallelLoginsWithTheRightPasswordAllSucceed) {
  constexpr int kLogins = 8;
  std::vector<Reply> replies(kLogins);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kLogins; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kLogins) std::this_thread::yield();
      replies[i] = server_->LoginReply("cw151");
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kLogins; ++i) EXPECT_EQ(replies[i].status, 200) << i << ": " << replies[i].body;
  auto user = server_->app().store().FindUser("cw151");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_EQ((*user)->failed_logins, 0);
  EXPECT_EQ((*user)->locked_until_ms, 0);
}

// The login page answers a wrong password, an unknown user and a locked account alike (it said
// 429 "too many attempts" for a locked account, which told that the account exists).
TEST_P(ApiLockout, TheLoginPageGivesOneAnswerForAWrongPasswordAnUnknownUserAndALockedAccount) {
  // The answer without what differs by request: the user name echoed and the page's token.
  auto answer = [](const Reply& r, const std::string& user) {
    std::string body =
        std::regex_replace(r.body, std::regex("name=\"login_token\" value=\"[^\"]*\""), "TOKEN");
    for (size_t at; (at = body.find(user)) != std::string::npos;)
      body.replace(at, user.size(), "USER");
    return std::to_string(r.status) + " " + body;
  };
  auto alert = [](const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("<div class=\"alert-text\">([^<]*)<"))
               ? m[1].str()
               : page.substr(0, 200);
  };
  const std::string unknown = answer(PageLogin("nobody-at-all", "a guess"), "nobody-at-all");
  EXPECT_EQ(unknown.rfind("401 ", 0), 0u) << alert(unknown);
  const std::string wrong = answer(PageLogin("paged", "a wrong one"), "paged");
  EXPECT_TRUE(wrong == unknown) << wrong.substr(0, 4) << alert(wrong) << " / " << alert(unknown);
  for (int i = 0; i < 5; ++i) PageLogin("paged", "wrong " + std::to_string(i));
  for (const char* password : {kPassword, "wrong again"}) {
    const std::string locked = answer(PageLogin("paged", password), "paged");
    EXPECT_TRUE(locked == unknown)
        << locked.substr(0, 4) << alert(locked) << " / " << alert(unknown);
  }
}

TEST_P(ApiSession, EveryApiEndpointIs401WithoutASession) {
  struct Case {
    const char* method;
    const char* path;
    const char* body;
  };
  const Case cases[] = {
      {"GET", "/api/v1/session", ""},
      {"DELETE", "/api/v1/session", ""},
      {"GET", "/api/v1/citizens", ""},
      {"GET", "/api/v1/citizens?q=Anna", ""},
      {"POST", "/api/v1/citizens", R"({"cpr":"100199-1237"})"},
      {"GET", "/api/v1/citizens/151-0001", ""},
      {"GET", "/api/v1/citizens/151-0001?reveal_cpr=1", ""},
      {"POST", "/api/v1/entries", R"({"citizen":"151-0001","municipality":"151","kind":"died","date":"2024-01-01"})"},
      {"GET", "/api/v1/alerts", ""},
      {"GET", "/api/v1/alerts?as_of=2024-01-01", ""},
      {"GET", "/api/v1/reports/status", ""},
      {"GET", "/api/v1/reports/status?as_of=2024-01-01", ""},
      {"GET", "/api/v1/access-log?citizen=151-0001", ""},
      {"GET", "/api/v1/users", ""},
      {"POST", "/api/v1/users", R"({"name":"x","role":"admin","password":"12345678"})"},
      {"GET", "/api/v1/no-such-endpoint", ""},
  };
  int64_t before = server_->EntryCount();
  const Session bogus{"tov_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x"};
  const Session empty{"tov_session=", ""};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    ExpectJsonError(server_->Call(c.method, c.path, c.body), 401);
    ExpectJsonError(server_->Call(c.method, c.path, c.body, &bogus), 401);
    ExpectJsonError(server_->Call(c.method, c.path, c.body, &empty), 401);
  }
  EXPECT_EQ(server_->EntryCount(), before);
  // /healthz needs no session, and reads the database (which answers).
  auto health = server_->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.j.value("status", ""), "ok") << health.body;
  EXPECT_EQ(health.j.value("database", ""), "ok") << health.body;
  EXPECT_EQ(health.j.value("entries", -1), static_cast<int64_t>(server_->EntryCount())) << health.body;
}

TEST_P(ApiSession, LogoutNeedsTheCsrfTokenAndThenTheCookieNoLongerWorks) {
  Session s = server_->Login("cw151");
  ASSERT_EQ(server_->Get("/api/v1/citizens", &s).status, 200);
  // Without the token the logout is refused and the session survives.
  ExpectJsonError(server_->Call("DELETE", "/api/v1/session", "", &s, /*csrf=*/false), 403);
  ASSERT_EQ(server_->Get("/api/v1/citizens", &s).status, 200);

  Reply out = server_->Call("DELETE", "/api/v1/session", "", &s);
  ASSERT_EQ(out.status, 200) << out.body;
  bool expired = false;
  for (const auto& sc : out.Headers("Set-Cookie"))
    if (sc.rfind("tov_session=;", 0) == 0 || sc.find("Max-Age=0") != std::string::npos) expired = true;
  EXPECT_TRUE(expired) << "the logout should expire the cookie";
  ExpectJsonError(server_->Get("/api/v1/citizens", &s), 401);
  ExpectJsonError(server_->Get("/api/v1/session", &s), 401);
  ExpectJsonError(server_->Post("/api/v1/entries", json::object(), &s), 401);
  // Logging out twice is harmless.
  ExpectJsonError(server_->Call("DELETE", "/api/v1/session", "", &s), 401);
}

TEST_P(ApiSession, TwoSessionsOfOneUserAreIndependent) {
  Session a = server_->Login("cw151");
  Session b = server_->Login("cw151");
  EXPECT_NE(a.cookie, b.cookie);
  EXPECT_NE(a.csrf, b.csrf);
  // One session's CSRF token does not work with the other's cookie.
  Session mixed{a.cookie, b.csrf};
  ExpectJsonError(server_->Call("DELETE", "/api/v1/session", "", &mixed), 403);
  ASSERT_EQ(server_->Call("DELETE", "/api/v1/session", "", &a).status, 200);
  EXPECT_EQ(server_->Get("/api/v1/citizens", &a).status, 401);
  EXPECT_EQ(server_->Get("/api/v1/citizens", &b).status, 200);
}

TEST_P(ApiSession, AnIdleSessionExpires) {
  Session s = server_->Login("idler");
  ASSERT_EQ(server_->Get("/api/v1/session", &s).status, 200);
  server_->clock().Advance(std::chrono::minutes(29));
  ASSERT_EQ(server_->Get("/api/v1/session", &s).status, 200) << "use within 30 minutes keeps it alive";
  server_->clock().Advance(std::chrono::minutes(31));
  ExpectJsonError(server_->Get("/api/v1/session", &s), 401);
}

// ============================================================================================
// Register, append, read back; CSRF; validation; limits; injection; no CPR echo.
// ============================================================================================

class ApiEntries : public PerStore {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start({kCw151});
    if (server_) cw_ = server_->Login("cw151");
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  // Registers a citizen (201 expected) and returns its key.
  static std::string NewCitizen(const std::string& cpr) {
    Reply r = server_->Register(cw_, {{"cpr", cpr}, {"date", "2024-06-01"}, {"referred_by", "self"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.j.is_object() && r.j.contains("citizen") ? r.j["citizen"].get<std::string>() : "";
  }
  static json Entry(const std::string& citizen, const std::string& kind, const std::string& date = "2024-06-02") {
    return {{"citizen", citizen}, {"municipality", "151"}, {"kind", kind}, {"date", date}};
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline Session cw_;
};
TOV_API_ON_BOTH_STORES(ApiEntries);

TEST_P(ApiEntries, RegisterAppendSeveralKindsAndReadThemBack) {
  Reply reg = server_->Register(cw_, {{"cpr", "0503821234"}, {"name", "Frida"}, {"date", "2024-06-01"}, {"referred_by", "shelter"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  ASSERT_TRUE(reg.j.contains("id") && reg.j["id"].is_string()) << reg.body;
  ASSERT_TRUE(reg.j.contains("citizen") && reg.j["citizen"].is_string()) << reg.body;
  const std::string key = reg.j["citizen"];
  EXPECT_EQ(key.rfind("151-", 0), 0u) << key;
  std::vector<std::string> ids{reg.j["id"]};

  std::vector<json> entries;
  json housing = Entry(key, "housing", "2024-06-01");
  housing["situation"] = "shelter";
  housing["ready_for_housing"] = true;
  entries.push_back(housing);
  json assessment = Entry(key, "assessment");
  assessment["needs"] = {{"housing", 3}, {"finances", 2}};
  assessment["uses_ordinary_services"] = "no";
  entries.push_back(assessment);
  json decision = Entry(key, "decision");
  decision["paragraph"] = "85a";
  decision["granted"] = true;
  entries.push_back(decision);
  json plan = Entry(key, "action_plan");
  plan["status"] = "offered";
  entries.push_back(plan);
  json course = Entry(key, "course_started", "2024-06-03");
  course["course"] = key + "-icm";
  course["method"] = "ICM";
  course["worker"] = "w151";
  entries.push_back(course);
  json contact = Entry(key, "contact", "2024-06-04");
  contact["worker"] = "w151";
  contact["mode"] = "visit";
  contact["minutes"] = 45;
  entries.push_back(contact);
  json note = Entry(key, "note", "2024-06-05");
  note["text"] = "First meeting went well.";
  entries.push_back(note);
  json moved_in = Entry(key, "housing", "2024-06-20");
  moved_in["situation"] = "own_home";
  entries.push_back(moved_in);

  for (const auto& e : entries) {
    Reply r = server_->Append(cw_, e);
    ASSERT_EQ(r.status, 201) << e.dump() << " → " << r.body;
    ASSERT_TRUE(r.j.contains("id") && r.j["id"].is_string()) << r.body;
    ids.push_back(r.j["id"]);
  }
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "ids must be unique";

  Reply view = server_->Get("/api/v1/citizens/" + key, &cw_);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.j["citizen"], key);
  std::set<std::string> got = EntryIds(view.j);
  for (const auto& id : ids) EXPECT_TRUE(got.count(id)) << "entry " << id << " missing from " << view.body;
  std::set<std::string> kinds = EntryKinds(view.j);
  for (const char* k : {"registered", "housing", "assessment", "decision", "action_plan", "course_started", "contact", "note"})
    EXPECT_TRUE(kinds.count(k)) << k;
  // Entries carry the author.
  for (const auto& e : view.j["entries"])
    if (e.contains("by")) {
      EXPECT_EQ(e["by"], "cw151");
    }
  // The timeline shows the shelter stay and the move into a home.
  ASSERT_TRUE(view.j.contains("timeline") && view.j["timeline"].is_array()) << view.body;
  std::vector<std::string> situations;
  for (const auto& span : view.j["timeline"]) situations.push_back(span["situation"].get<std::string>());
  EXPECT_TRUE(Has(situations, "shelter")) << view.j["timeline"].dump();
  EXPECT_TRUE(Has(situations, "own_home")) << view.j["timeline"].dump();
  EXPECT_EQ(view.j["situation"], "own_home");
  EXPECT_EQ(view.j["name"], "Frida");

  // The new citizen is in the list.
  EXPECT_TRUE(Has(ListedKeys(server_->Get("/api/v1/citizens?q=Frida", &cw_)), key));
}

TEST_P(ApiEntries, RegisteringAssignsTheNextFreeKeyOfTheMunicipality) {
  std::string a = NewCitizen("010170-1111");
  std::string b = NewCitizen("020270-2222");
  ASSERT_EQ(a.size(), 8u);
  ASSERT_EQ(b.size(), 8u);
  EXPECT_EQ(std::stoi(b.substr(4)), std::stoi(a.substr(4)) + 1) << a << " " << b;
  // An explicit key is kept; registering the same key again is refused.
  Reply own = server_->Register(cw_, {{"citizen", "151-9001"}, {"birth_date", "1960-01-01"}});
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.j["citizen"], "151-9001");
  ExpectJsonError(server_->Register(cw_, {{"citizen", "151-9001"}, {"birth_date", "1960-01-01"}}), 422, "citizen");
}

TEST_P(ApiEntries, CsrfMissingOrForgedTokenIs403AndNothingIsStored) {
  std::string key = NewCitizen("030370-3333");
  int64_t before = server_->EntryCount();
  json note = Entry(key, "note");
  note["text"] = "csrf-probe-text";

  ExpectJsonError(server_->Post("/api/v1/entries", note, &cw_, /*csrf=*/false), 403);
  ExpectJsonError(server_->Post("/api/v1/citizens", json{{"birth_date", "1970-01-01"}}, &cw_, false), 403);
  Session forged{cw_.cookie, "forged-token-0123456789abcdef"};
  ExpectJsonError(server_->Post("/api/v1/entries", note, &forged), 403);
  Session empty_token{cw_.cookie, ""};
  ExpectJsonError(server_->Call("POST", "/api/v1/entries", note.dump(), &empty_token, true), 403);
  Session prefix{cw_.cookie, cw_.csrf.substr(0, cw_.csrf.size() - 1)};
  ExpectJsonError(server_->Post("/api/v1/entries", note, &prefix), 403);
  // A token from another session of the same user does not count either.
  Session other = server_->Login("cw151");
  Session crossed{cw_.cookie, other.csrf};
  ExpectJsonError(server_->Post("/api/v1/entries", note, &crossed), 403);
  // The token in the query string or the body is not accepted in place of the header.
  json with_token = note;
  with_token["csrf_token"] = cw_.csrf;
  EXPECT_NE(server_->Call("POST", "/api/v1/entries?csrf_token=" + cw_.csrf, note.dump(), &cw_, false).status, 201);

  EXPECT_EQ(server_->EntryCount(), before);
  Reply view = server_->Get("/api/v1/citizens/" + key, &cw_);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.body.find("csrf-probe-text"), std::string::npos);
  // With the right token it is stored.
  ASSERT_EQ(server_->Append(cw_, note).status, 201);
  EXPECT_EQ(server_->EntryCount(), before + 1);
}

TEST_P(ApiEntries, InvalidInputIs422WithFieldErrors) {
  std::string key = NewCitizen("040470-4444");
  int64_t before = server_->EntryCount();
  struct Case {
    std::string name;
    std::string path;
    json body;
    std::string field;
  };
  json contact = Entry(key, "contact");
  contact["worker"] = "w151";
  contact["mode"] = "phone";
  contact["minutes"] = 10;
  auto with = [](json j, const std::string& k, json v) {
    j[k] = std::move(v);
    return j;
  };
  auto without = [](json j, const std::string& k) {
    j.erase(k);
    return j;
  };
  std::vector<Case> cases = {
      {"unknown kind", "/api/v1/entries", with(contact, "kind", "visitation"), "kind"},
      {"kind of wrong type", "/api/v1/entries", with(contact, "kind", 7), "kind"},
      {"missing field", "/api/v1/entries", without(contact, "minutes"), "minutes"},
      {"missing date", "/api/v1/entries", without(contact, "date"), "date"},
      {"missing citizen", "/api/v1/entries", without(contact, "citizen"), "citizen"},
      {"wrong type (string for number)", "/api/v1/entries", with(contact, "minutes", "ten"), "minutes"},
      {"wrong type (number for string)", "/api/v1/entries", with(contact, "worker", 12), "worker"},
      {"wrong type (bool)", "/api/v1/entries", with(contact, "minutes", true), "minutes"},
      {"out of range", "/api/v1/entries", with(contact, "minutes", 100000), "minutes"},
      {"impossible date", "/api/v1/entries", with(contact, "date", "2023-02-29"), "date"},
      {"badly written date", "/api/v1/entries", with(contact, "date", "29/02/2024"), "date"},
      {"unknown field", "/api/v1/entries", with(contact, "colour", "blue"), "colour"},
      {"bad enum value", "/api/v1/entries", with(contact, "mode", "telepathy"), "mode"},
      {"unknown municipality", "/api/v1/entries", with(contact, "municipality", "999"), "municipality"},
      {"recorded set by client", "/api/v1/entries", with(contact, "recorded", "2024-01-01T00:00:00Z"), "recorded"},
      {"by someone else", "/api/v1/entries", with(contact, "by", "someone-else"), "by"},
      {"void of unknown entry", "/api/v1/entries", json{{"citizen", key}, {"municipality", "151"}, {"kind", "void"}, {"date", "2024-06-02"}, {"entry", "no-such-id"}}, "entry"},
      {"registered via entries twice", "/api/v1/entries", json{{"citizen", key}, {"municipality", "151"}, {"kind", "registered"}, {"date", "2024-06-02"}, {"birth_date", "1970-04-04"}}, "citizen"},
      {"invalid CPR", "/api/v1/citizens", json{{"cpr", "320170-1234"}}, "cpr"},
      {"CPR too short", "/api/v1/citizens", json{{"cpr", "12345"}}, "cpr"},
      {"CPR of wrong type", "/api/v1/citizens", json{{"cpr", 1234567890}}, "cpr"},
      {"register without cpr or birth date", "/api/v1/citizens", json{{"name", "Nobody"}}, "cpr"},
      {"register with unknown municipality", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"municipality", "999"}}, "municipality"},
      {"register with impossible date", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"date", "2023-02-29"}}, "date"},
      {"register with impossible birth date", "/api/v1/citizens", json{{"birth_date", "1970-02-30"}}, "birth_date"},
      {"register with unknown field", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"shoe_size", 44}}, "shoe_size"},
      {"register with another kind", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"kind", "housing"}}, "kind"},
      {"register with bad referral", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"referred_by", "aliens"}}, "referred_by"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.body.dump());
    Reply r = server_->Post(c.path, c.body, &cw_);
    ExpectJsonError(r, 422, c.field);
  }
  // A citizen who does not exist answers as one the user may not see: 404 (docs/api.md).
  ExpectJsonError(server_->Post("/api/v1/entries", with(contact, "citizen", "151-7777"), &cw_), 404);
  EXPECT_EQ(server_->EntryCount(), before) << "no invalid entry may be stored";
}

TEST_P(ApiEntries, MalformedJsonIs400) {
  int64_t before = server_->EntryCount();
  const char* bodies[] = {
      "",
      "{",
      "{\"citizen\": \"151-0001\",}",
      "not json at all",
      "[]",
      "[{\"kind\":\"note\"}]",
      "\"a string\"",
      "42",
      "null",
      "{\"a\": \"\xff\xfe\"}",  // invalid UTF-8
      "{\"a\": 1} trailing",
  };
  for (const char* path : {"/api/v1/entries", "/api/v1/citizens"}) {
    for (const char* b : bodies) {
      SCOPED_TRACE(std::string(path) + " body: " + b);
      ExpectJsonError(server_->Call("POST", path, b, &cw_), 400);
    }
  }
  EXPECT_EQ(server_->EntryCount(), before);
}

// The JSON parser takes a NUL byte for the end of the text, so `{valid}\0{more}` was stored as
// `{valid}` (201). A NUL byte or invalid UTF-8 anywhere in a body is now refused before parsing,
// in the API, the login and the pages' forms alike.
TEST_P(ApiEntries, NulByteOrInvalidUtf8AnywhereInABodyIs400) {
  std::string key = NewCitizen("120383-4441");
  int64_t before = server_->EntryCount();
  json note = Entry(key, "note");
  note["text"] = "first";
  json more = Entry(key, "note");
  more["text"] = "second";
  const std::string nul(1, '\0');
  const std::vector<std::string> bodies = {
      note.dump() + nul + more.dump(),
      note.dump() + nul,
      nul + note.dump(),
      note.dump() + "\xff",
      note.dump() + " \xc0\xaf",                                                    // overlong '/'
      "{\"citizen\":\"" + key + "\",\"kind\":\"note\",\"text\":\"\xed\xa0\x80\"}",  // a surrogate
  };
  for (const std::string& b : bodies) {
    SCOPED_TRACE(json(b).dump(-1, ' ', true, json::error_handler_t::replace));
    Reply r = server_->Call("POST", "/api/v1/entries", b, &cw_);
    ExpectJsonError(r, 400);
    if (r.j.is_object() && r.j.contains("error")) {
      std::string error = r.j["error"].get<std::string>();
      EXPECT_TRUE(error.find("NUL") != std::string::npos ||
                  error.find("UTF-8") != std::string::npos)
          << error;
    }
  }
  EXPECT_EQ(server_->EntryCount(), before);
  // The login, too.
  Reply login = server_->Call("POST", "/api/v1/session",
                              json{{"user", "cw151"}, {"password", kPassword}}.dump() + nul + "{}");
  ExpectJsonError(login, 400);
  EXPECT_TRUE(login.Headers("Set-Cookie").empty());
  // A page's form: a raw NUL byte, or a value that decodes to invalid UTF-8.
  const auto form_type = httplib::Headers{{"Content-Type", "application/x-www-form-urlencoded"}};
  const std::string intake =
      "csrf_token=" + UrlEncode(cw_.csrf) +
      "&action=register&date=2024-06-30&birth_date=1985-05-05&situation=street"
      "&situation_since=2024-06-30&name=";
  for (const std::string& form :
       {intake + "Ada" + nul + "x", intake + "Ada%FF", intake + "%ED%A0%80"}) {
    Reply r = server_->Call("POST", "/borgere/ny", form, &cw_, false, form_type);
    EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  }
  EXPECT_EQ(server_->EntryCount(), before);
  // The same form with a valid name is stored (so the refusals above were about the bytes).
  Reply ok = server_->Call("POST", "/borgere/ny", intake + "Ad%C3%A6", &cw_, false, form_type);
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 300);
}

TEST_P(ApiEntries, OversizedBodyIs413) {
  int64_t before = server_->EntryCount();
  // A JSON note of just over 1 MiB.
  json note = Entry("151-0001", "note");
  note["text"] = std::string(1024 * 1024 + 16, 'x');
  Reply r = server_->Post("/api/v1/entries", note, &cw_);
  EXPECT_EQ(r.status, 413) << r.error << " " << r.body.substr(0, 200);
  // Much larger still.
  Reply big = server_->Call("POST", "/api/v1/citizens", std::string(3 * 1024 * 1024, ' '), &cw_);
  EXPECT_EQ(big.status, 413) << big.error;
  // Announced by Content-Length only: refused before the body is sent.
  RawSocket sock(server_->port());
  ASSERT_TRUE(sock.connected());
  ASSERT_TRUE(sock.Send("POST /api/v1/entries HTTP/1.1\r\nHost: x\r\nCookie: " + cw_.cookie +
                        "\r\nX-CSRF-Token: " + cw_.csrf +
                        "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"));
  EXPECT_EQ(sock.ReadResponse(), 413);
  // Just under the limit is not 413 (the note is too long for the journal: 422).
  json under = Entry("151-0001", "note");
  under["text"] = std::string(1024 * 1024 - 200, 'y');
  Reply ok = server_->Post("/api/v1/entries", under, &cw_);
  EXPECT_NE(ok.status, 413) << ok.error;
  EXPECT_EQ(ok.status, 422) << ok.body.substr(0, 300);
  EXPECT_EQ(server_->EntryCount(), before);
}

TEST_P(ApiEntries, BadInputNeverGives500) {
  std::string key = NewCitizen("050570-5555");
  std::vector<std::pair<std::string, std::string>> posts = {
      {"/api/v1/entries", std::string(200000, '[')},
      {"/api/v1/entries", std::string(100000, '[') + std::string(100000, ']')},
      {"/api/v1/entries", "{\"citizen\":" + std::string(50000, '{')},
      {"/api/v1/entries", R"({"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-01-01","worker":"w","mode":"visit","minutes":1e400})"},
      {"/api/v1/entries", R"({"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-01-01","worker":"w","mode":"visit","minutes":18446744073709551616})"},
      {"/api/v1/entries", R"({"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-01-01","worker":"w","mode":"visit","minutes":-9223372036854775808})"},
      {"/api/v1/entries", R"({"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-01-01","worker":"w","mode":"visit","minutes":1.5})"},
      {"/api/v1/entries", R"({"citizen":null,"municipality":null,"kind":null,"date":null})"},
      {"/api/v1/entries", R"({"citizen":{},"municipality":[],"kind":{},"date":[]})"},
      {"/api/v1/entries", R"({"kind":"assessment","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","needs":[1,2],"uses_ordinary_services":"yes"})"},
      {"/api/v1/entries", R"({"kind":"assessment","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","needs":{"housing":99,"x":"y"},"uses_ordinary_services":"yes"})"},
      {"/api/v1/entries", R"({"kind":"void","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","entry":""})"},
      {"/api/v1/entries", R"({"kind":"course_phase","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","course":"nope","phase":2})"},
      {"/api/v1/entries", R"({"kind":"course_ended","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","course":"nope","reason":"completed"})"},
      {"/api/v1/entries", R"({"kind":"note","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","text":"a\u0000b"})"},
      {"/api/v1/entries", R"({"kind":"note","citizen":")" + std::string(10000, 'k') + R"(","municipality":"151","date":"2024-06-01","text":"x"})"},
      {"/api/v1/entries", R"({"kind":"note","citizen":"\u00ff\u20ac","municipality":"151","date":"2024-06-01","text":"x"})"},
      {"/api/v1/entries", R"({"kind":"moved","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","to":"1511"})"},
      {"/api/v1/entries", R"({"kind":"release_planned","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","from":"prison","expected":"9999-99-99","housing_solution":"no"})"},
      {"/api/v1/entries", R"({"kind":"note","citizen":")" + key + R"(","municipality":"151","date":"0000-01-01","text":"x"})"},
      {"/api/v1/entries", R"({"kind":"note","citizen":")" + key + R"(","municipality":"151","date":"2024-06-01","text":"x","id":"e1"})"},
      {"/api/v1/citizens", R"({"cpr":"000000-0000"})"},
      {"/api/v1/citizens", R"({"cpr":"311299-9999","birth_date":"1999-12-30"})"},
      {"/api/v1/citizens", R"({"citizen":"","birth_date":"1970-01-01"})"},
      {"/api/v1/citizens", R"({"birth_date":"1970-01-01","kind":null})"},
      {"/api/v1/citizens", R"({"birth_date":"1970-01-01","kind":["registered"]})"},
      {"/api/v1/session", R"({"user":"cw151","password":")" + std::string(5000, 'p') + R"("})"},
      {"/api/v1/users", R"({"name":"x"})"},
  };
  for (const auto& [path, body] : posts) {
    SCOPED_TRACE(path + " " + body.substr(0, 120));
    Reply r = server_->Call("POST", path, body, &cw_);
    EXPECT_GE(r.status, 400) << r.error;
    EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
  }
  const char* gets[] = {
      "/api/v1/citizens?page=0",
      "/api/v1/citizens?page=-1",
      "/api/v1/citizens?page=99999999999999999999",
      "/api/v1/citizens?page=abc",
      "/api/v1/citizens?page=999999",
      "/api/v1/citizens?q=%00",
      "/api/v1/citizens?q=%FF%FE",
      "/api/v1/citizens?municipality=%FF",
      "/api/v1/citizens?situation=%FF&method=%FE&alert=%FD",
      "/api/v1/citizens/%FF%FE",
      "/api/v1/citizens/..%2F..%2Fetc%2Fpasswd",
      "/api/v1/citizens/151-0001/extra",
      "/api/v1/citizens/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "/api/v1/alerts?as_of=2023-02-29",
      "/api/v1/alerts?as_of=%FF",
      "/api/v1/alerts?municipality=999",
      "/api/v1/alerts?municipality=%FF",
      "/api/v1/reports/status?as_of=tomorrow",
      "/api/v1/reports/status?known_at=yesterday",
      "/api/v1/reports/status?known_at=%FF",
      "/api/v1/reports/status?as_of=1800-01-01",
      "/api/v1/reports/status?as_of=2199-12-31",
      "/api/v1/access-log",
      "/api/v1/access-log?citizen=%FF",
      "/api/v1/nothing-here",
      "/api/v2/citizens",
      "/api/",
  };
  for (const char* path : gets) {
    SCOPED_TRACE(path);
    Reply r = server_->Get(path, &cw_);
    EXPECT_NE(r.status, 0) << r.error;
    EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
  }
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    for (const char* path : {"/api/v1/citizens", "/api/v1/citizens/151-0001", "/api/v1/entries", "/api/v1/users"}) {
      SCOPED_TRACE(std::string(method) + " " + path);
      Reply r = server_->Call(method, path, "{}", &cw_);
      EXPECT_GE(r.status, 400) << r.error;
      EXPECT_LT(r.status, 500) << r.body;
    }
  }
  EXPECT_TRUE(server_->error_log().empty()) << server_->error_log().front();
}

TEST_P(ApiEntries, SqlMetacharactersInASearchAreHarmless) {
  std::string key = NewCitizen("060670-6666");
  int64_t before = server_->EntryCount();
  for (const char* q : {"'; DROP TABLE entries; --", "\" OR 1=1 --", "%' OR '1'='1", "Robert'); DELETE FROM users;--"}) {
    SCOPED_TRACE(q);
    Reply r = server_->Get(std::string("/api/v1/citizens?q=") + UrlEncode(q), &cw_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.j["citizens"].is_array());
    EXPECT_TRUE(r.j["citizens"].empty()) << r.body;
    Reply a = server_->Get(std::string("/api/v1/access-log?citizen=") + UrlEncode(q), &cw_);
    EXPECT_LT(a.status, 500);
    Reply c = server_->Get(std::string("/api/v1/citizens/") + UrlEncode(q), &cw_);
    EXPECT_LT(c.status, 500);
  }
  // The journal, the users and the sessions are intact.
  EXPECT_EQ(server_->EntryCount(), before);
  Reply list = server_->Get("/api/v1/citizens", &cw_);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(ListedKeys(list), key));
  EXPECT_EQ(server_->Get("/api/v1/citizens/" + key, &cw_).status, 200);
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
  // A fresh App on the same file reads the whole journal back.
  EXPECT_EQ(server_->app().Read([](const Journal& j) { return static_cast<int64_t>(j.size()); }), before);
}

TEST_P(ApiEntries, ErrorsNeverEchoTheCprNumberSent) {
  const std::string digits = "2412784321";
  const std::string dashed = "241278-4321";
  const std::string bad_digits = "3213784321";  // day 32: not a CPR number, but still one sent
  const std::string bad_dashed = "321378-4321";
  std::string key = NewCitizen("070770-7777");
  std::vector<std::pair<std::string, json>> posts = {
      {"/api/v1/citizens", {{"cpr", bad_dashed}}},
      {"/api/v1/citizens", {{"cpr", bad_digits}}},
      {"/api/v1/citizens", {{"cpr", dashed}, {"municipality", "999"}}},
      {"/api/v1/citizens", {{"cpr", dashed}, {"date", "2023-02-29"}}},
      {"/api/v1/citizens", {{"cpr", dashed}, {"birth_date", "1978-12-25"}}},
      {"/api/v1/citizens", {{"cpr", dashed}, {"colour", "blue"}}},
      {"/api/v1/citizens", {{"cpr", digits + "0"}}},
      {"/api/v1/citizens", {{"cpr", dashed}, {"citizen", key}}},  // already registered
      {"/api/v1/citizens", {{"cpr", dashed}, {"municipality", "730"}}},  // 403
      {"/api/v1/entries", {{"citizen", dashed}, {"municipality", "151"}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", "x"}}},
      {"/api/v1/entries", {{"citizen", digits}, {"municipality", "151"}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", "x"}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "note"}, {"date", digits}, {"text", "x"}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", "x"}, {"cpr", dashed}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "contact"}, {"date", "2024-06-01"}, {"worker", "w"}, {"mode", dashed}, {"minutes", 5}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", "x"}, {dashed, 1}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "void"}, {"date", "2024-06-01"}, {"entry", digits}}},
      {"/api/v1/entries", {{"citizen", key}, {"municipality", "151"}, {"kind", "course_phase"}, {"date", "2024-06-01"}, {"course", dashed}, {"phase", 2}}},
  };
  for (const auto& [path, body] : posts) {
    SCOPED_TRACE(path + " " + body.dump());
    Reply r = server_->Post(path, body, &cw_);
    EXPECT_GE(r.status, 400) << r.body;
    EXPECT_LT(r.status, 500) << r.body;
    for (const auto& s : {digits, dashed, bad_digits, bad_dashed, std::string("241278"), std::string("321378")})
      EXPECT_EQ(r.body.find(s), std::string::npos) << "response echoes " << s << ": " << r.body;
  }
  for (const std::string& path :
       {"/api/v1/citizens/" + digits, "/api/v1/citizens/" + dashed, "/api/v1/citizens/" + dashed + "?reveal_cpr=1",
        "/api/v1/access-log?citizen=" + dashed, "/api/v1/citizens?q=" + dashed, "/api/v1/citizens?q=" + bad_dashed,
        "/api/v1/citizens?municipality=" + digits}) {
    SCOPED_TRACE(path);
    Reply r = server_->Get(path, &cw_);
    EXPECT_LT(r.status, 500) << r.body;
    for (const auto& s : {digits, dashed, bad_digits, bad_dashed, std::string("241278")})
      EXPECT_EQ(r.body.find(s), std::string::npos) << "response echoes " << s << ": " << r.body;
  }
  // Written with a space, a dot or a slash (the probe found these echoed and logged), in a
  // path, a key or a field.
  const std::vector<std::string> spelled = {"241278 4321", "241278.4321", "241278/4321", "24.12.78-4321",
                                            "24 12 78 4321"};
  for (const std::string& cpr : spelled) {
    SCOPED_TRACE(cpr);
    std::vector<Reply> replies = {
        server_->Get("/api/v1/citizens/" + cpr, &cw_),
        server_->Post("/api/v1/entries",
                      {{"citizen", cpr}, {"municipality", "151"}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", "x"}},
                      &cw_),
        server_->Post("/api/v1/entries",
                      {{"citizen", key}, {"municipality", "151"}, {"kind", "course_phase"}, {"date", "2024-06-01"},
                       {"course", cpr}, {"phase", 2}},
                      &cw_),
        server_->Post("/api/v1/citizens", {{"cpr", cpr}}, &cw_)};
    for (const Reply& r : replies) {
      EXPECT_GE(r.status, 400) << r.body;
      EXPECT_LT(r.status, 500) << r.body;
      EXPECT_EQ(r.body.find(cpr), std::string::npos) << "response echoes " << cpr << ": " << r.body;
      EXPECT_EQ(r.body.find("4321"), std::string::npos) << r.body;
    }
  }
  // Nor does the request log (it holds no query strings).
  for (const auto& line : server_->request_log()) {
    EXPECT_EQ(line.find(dashed), std::string::npos) << line;
    EXPECT_EQ(line.find(bad_dashed), std::string::npos) << line;
    for (const std::string& cpr : spelled) EXPECT_EQ(line.find(cpr), std::string::npos) << line;
  }
}

// ============================================================================================
// Authorisation: one test per rule of docs/security.md, roles.
// ============================================================================================

class ApiAuthz : public PerStore {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start({kCw151, kCw730, kLead151, kW151, kHouse151, kNat, kAdm}, kSeed);
    if (!server_) return;
    for (const auto& u : {kCw151, kCw730, kLead151, kW151, kHouse151, kNat, kAdm}) sessions_[u.name] = server_->Login(u.name);
  }
  static void TearDownTestSuite() {
    server_.reset();
    sessions_.clear();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static const Session& S(const std::string& user) { return sessions_.at(user); }
  static json Note(const std::string& citizen, const std::string& municipality, const std::string& text) {
    return {{"citizen", citizen}, {"municipality", municipality}, {"kind", "note"}, {"date", "2024-06-01"}, {"text", text}};
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline std::map<std::string, Session> sessions_;
};
TOV_API_ON_BOTH_STORES(ApiAuthz);

// Every answer that may carry personal data says `Cache-Control: no-store`, so that no browser
// or proxy keeps a copy: every API answer (successes and errors alike), every page and page
// fragment. Only the static assets may be cached.
TEST_P(ApiAuthz, EveryAnswerButTheStaticAssetsSaysNoStore) {
  const Session& cw = S("cw151");
  const Session& lead = S("lead151");
  const httplib::Headers form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  const httplib::Headers htmx = {{"HX-Request", "true"}, {"HX-Target", "citizen-results"}};
  struct Case {
    std::string what;
    Reply reply;
  };
  std::vector<Case> cases = {
      {"login", server_->LoginReply("cw151")},
      {"wrong login", server_->LoginReply("cw151", "not the password")},
      {"session", server_->Get("/api/v1/session", &cw)},
      {"no session", server_->Get("/api/v1/citizens")},
      {"citizens", server_->Get("/api/v1/citizens", &cw)},
      {"search", server_->Get("/api/v1/citizens?q=Anna", &cw)},
      {"citizen", server_->Get("/api/v1/citizens/151-0001", &cw)},
      {"citizen, cpr revealed", server_->Get("/api/v1/citizens/151-0001?reveal_cpr=1", &cw)},
      {"no such citizen", server_->Get("/api/v1/citizens/151-9999", &cw)},
      {"note", server_->Append(cw, Note("151-0001", "151", "no-store note"))},
      {"invalid entry", server_->Append(cw, Note("151-0001", "151", ""))},
      {"screening", server_->Post("/api/v1/screening", json{{"situation", "street"}}, &cw)},
      {"alerts", server_->Get("/api/v1/alerts", &cw)},
      {"status report", server_->Get("/api/v1/reports/status", &cw)},
      {"national report", server_->Get("/api/v1/reports/status", &S("nat"))},
      {"access log", server_->Get("/api/v1/access-log?citizen=151-0001", &lead)},
      {"users", server_->Get("/api/v1/users", &S("adm"))},
      {"no such endpoint", server_->Get("/api/v1/nothing", &cw)},
      {"front page", server_->Get("/", &cw)},
      {"citizen page", server_->Get("/borger/151-0001", &cw)},
      {"citizen list", server_->Get("/borgere", &cw)},
      {"citizen list fragment", server_->Call("GET", "/borgere?q=Anna", "", &cw, false, htmx)},
      {"screening fragment",
       server_->Call("POST", "/borgere/screening",
                     "csrf_token=" + UrlEncode(cw.csrf) + "&situation=street", &cw, false, form)},
      {"reports page", server_->Get("/rapporter", &S("nat"))},
      {"login page", server_->Get("/login")},
      {"missing page", server_->Get("/nothing-here", &cw)},
      {"health", server_->Get("/healthz")},
  };
  for (const Case& c : cases) {
    EXPECT_NE(c.reply.status, 0) << c.what << ": " << c.reply.error;
    EXPECT_EQ(c.reply.Header("Cache-Control"), "no-store")
        << c.what << " (" << c.reply.status << ")";
  }
  // The static assets hold no personal data and may be cached.
  Reply css = server_->Get("/static/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("Cache-Control"), "public, max-age=3600");
}

TEST_P(ApiAuthz, CaseworkerCannotReadOrWriteAnotherMunicipalitysCitizen) {
  // A citizen the user may not see answers 404, as one that does not exist (docs/api.md).
  const Session& cw = S("cw151");
  int64_t before = server_->EntryCount();
  ExpectJsonError(server_->Get("/api/v1/citizens/730-0001", &cw), 404);
  ExpectJsonError(server_->Get("/api/v1/citizens/730-0001?reveal_cpr=1", &cw), 404);
  // An entry for a 730 citizen, claiming either municipality.
  ExpectJsonError(server_->Append(cw, Note("730-0001", "151", "cross-1")), 404);
  ExpectJsonError(server_->Append(cw, Note("730-0001", "730", "cross-2")), 403);
  // An entry for their own citizen recorded as municipality 730.
  ExpectJsonError(server_->Append(cw, Note("151-0001", "730", "cross-3")), 403);
  // Registering a citizen in 730.
  ExpectJsonError(server_->Register(cw, {{"birth_date", "1970-01-01"}, {"municipality", "730"}}), 403);
  ExpectJsonError(server_->Register(cw, {{"birth_date", "1970-01-01"}, {"municipality", "730"}, {"citizen", "730-0100"}}), 403);
  // Listing 730.
  ExpectJsonError(server_->Get("/api/v1/citizens?municipality=730", &cw), 403);
  EXPECT_EQ(server_->EntryCount(), before);
  // Their own list has only 151 citizens, and the 730 caseworker can read 730-0001.
  Reply list = server_->Get("/api/v1/citizens", &cw);
  ASSERT_EQ(list.status, 200);
  for (const auto& k : ListedKeys(list)) EXPECT_EQ(k.rfind("151-", 0), 0u) << k;
  EXPECT_TRUE(Has(ListedKeys(list), "151-0001"));
  EXPECT_EQ(server_->Get("/api/v1/citizens/730-0001", &S("cw730")).status, 200);
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0001", &S("cw730")), 404);
  // A search by CPR does not cross the boundary either (151-0001's CPR, searched from 730).
  Reply by_cpr = server_->Get("/api/v1/citizens?q=100199-1237", &S("cw730"));
  ASSERT_EQ(by_cpr.status, 200);
  EXPECT_TRUE(ListedKeys(by_cpr).empty()) << by_cpr.body;
  EXPECT_EQ(ListedKeys(server_->Get("/api/v1/citizens?q=100199-1237", &cw)), std::vector<std::string>{"151-0001"});
  // Their own citizen works.
  EXPECT_EQ(server_->Get("/api/v1/citizens/151-0001", &cw).status, 200);
  // An unknown key is 404.
  ExpectJsonError(server_->Get("/api/v1/citizens/151-8888", &cw), 404);
}

TEST_P(ApiAuthz, WorkerSeesOnlyCitizensOfTheirOpenCourses) {
  const Session& w = S("w151");
  Reply list = server_->Get("/api/v1/citizens", &w);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(ListedKeys(list), std::vector<std::string>{"151-0003"}) << list.body;
  EXPECT_EQ(list.j["total"], 1);
  // Searching does not widen the list.
  EXPECT_TRUE(ListedKeys(server_->Get("/api/v1/citizens?q=Dan", &w)).empty());
  EXPECT_TRUE(ListedKeys(server_->Get("/api/v1/citizens?q=151-0004", &w)).empty());

  EXPECT_EQ(server_->Get("/api/v1/citizens/151-0003", &w).status, 200);
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0004", &w), 404);  // another worker's course
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0005", &w), 404);  // their course has ended
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0001", &w), 404);  // no course
  ExpectJsonError(server_->Get("/api/v1/citizens/730-0001", &w), 404);
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0003?reveal_cpr=1", &w), 403);
}

TEST_P(ApiAuthz, WorkerMayRecordAContactButNotAnAssessment) {
  const Session& w = S("w151");
  int64_t before = server_->EntryCount();
  json contact{{"citizen", "151-0003"}, {"municipality", "151"}, {"kind", "contact"}, {"date", "2024-06-20"},
               {"worker", "w151"}, {"mode", "outreach"}, {"minutes", 30}};
  Reply ok = server_->Append(w, contact);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_TRUE(ok.j.contains("id"));
  json assessment{{"citizen", "151-0003"}, {"municipality", "151"}, {"kind", "assessment"}, {"date", "2024-06-20"},
                  {"needs", {{"housing", 2}}}, {"uses_ordinary_services", "yes"}};
  ExpectJsonError(server_->Append(w, assessment), 403);
  json decision{{"citizen", "151-0003"}, {"municipality", "151"}, {"kind", "decision"}, {"date", "2024-06-20"},
                {"paragraph", "85a"}, {"granted", true}};
  ExpectJsonError(server_->Append(w, decision), 403);
  ExpectJsonError(server_->Register(w, {{"birth_date", "1970-01-01"}}), 403);
  // Not even a contact for a citizen who is not theirs.
  json other = contact;
  other["citizen"] = "151-0004";
  ExpectJsonError(server_->Append(w, other), 404);
  EXPECT_EQ(server_->EntryCount(), before + 1);
}

TEST_P(ApiAuthz, HousingNeverSeesAssessmentsNotesOrTheRecommendation) {
  const Session& h = S("house151");
  Reply r = server_->Get("/api/v1/citizens/151-0003", &h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(!r.j.contains("recommendation") || r.j["recommendation"].is_null()) << r.j["recommendation"].dump();
  std::set<std::string> kinds = EntryKinds(r.j);
  EXPECT_FALSE(kinds.count("assessment")) << r.body;
  EXPECT_FALSE(kinds.count("note")) << r.body;
  EXPECT_TRUE(kinds.count("housing")) << "housing entries are theirs to see: " << r.body;
  EXPECT_EQ(r.body.find("confidential-note-text"), std::string::npos);
  EXPECT_EQ(r.body.find("mental_health"), std::string::npos);
  EXPECT_EQ(r.body.find("\"needs\""), std::string::npos);
  EXPECT_EQ(r.body.find("uses_ordinary_services"), std::string::npos);
  // The caseworker's view of the same citizen has them (so the test above means something).
  Reply cw = server_->Get("/api/v1/citizens/151-0003", &S("cw151"));
  ASSERT_EQ(cw.status, 200);
  EXPECT_TRUE(EntryKinds(cw.j).count("assessment"));
  EXPECT_TRUE(EntryKinds(cw.j).count("note"));
  EXPECT_TRUE(cw.j.contains("recommendation") && !cw.j["recommendation"].is_null()) << cw.body;
  // Housing may record an offer but not a note.
  json offer{{"citizen", "151-0003"}, {"municipality", "151"}, {"kind", "housing_offer"}, {"date", "2024-06-21"},
             {"unit", "Byvej 3, 2. th"}, {"status", "offered"}};
  EXPECT_EQ(server_->Append(h, offer).status, 201);
  ExpectJsonError(server_->Append(h, Note("151-0003", "151", "from housing")), 403);
}

TEST_P(ApiAuthz, NationalGets403OnCitizensAndOnlyAggregatesAndPseudonyms) {
  const Session& n = S("nat");
  int64_t before = server_->EntryCount();
  ExpectJsonError(server_->Get("/api/v1/citizens", &n), 403);
  ExpectJsonError(server_->Get("/api/v1/citizens?municipality=151", &n), 403);
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0001", &n), 403);
  ExpectJsonError(server_->Get("/api/v1/citizens/730-0001", &n), 403);
  ExpectJsonError(server_->Register(n, {{"cpr", "010180-1234"}}), 403);
  ExpectJsonError(server_->Register(n, {{"birth_date", "1980-01-01"}, {"municipality", "151"}, {"citizen", "151-0200"}}), 403);
  ExpectJsonError(server_->Append(n, Note("151-0001", "151", "national note")), 403);
  ExpectJsonError(server_->Get("/api/v1/access-log?citizen=151-0001", &n), 403);
  EXPECT_EQ(server_->EntryCount(), before);

  // The status report: small cells suppressed in the municipalities' figures.
  Reply rep = server_->Get("/api/v1/reports/status?as_of=2024-06-30", &n);
  ASSERT_EQ(rep.status, 200) << rep.body;
  ASSERT_TRUE(rep.j.contains("municipalities"));
  ASSERT_TRUE(rep.j["municipalities"].contains("151")) << rep.body;
  EXPECT_NE(rep.j["municipalities"]["151"].dump().find("\"suppressed\":true"), std::string::npos) << rep.body;
  // 151 has four homeless citizens: a count of 1–4 is never shown.
  const json& homeless = rep.j["municipalities"]["151"]["homeless"];
  EXPECT_FALSE(homeless.contains("value") && homeless["value"].is_number()) << homeless.dump();
  EXPECT_EQ(rep.body.find("Anna"), std::string::npos);
  // The total is suppressed too, and the caseload is by method, never per worker.
  for (const json* f : {&rep.j["total"], &rep.j["municipalities"]["151"]}) {
    const json& caseload = (*f)["caseload"];
    EXPECT_TRUE(caseload.contains("suppressed") || (caseload.contains("value") && caseload.contains("by_method")))
        << caseload.dump();
    const json& h = (*f)["homeless"];
    if (h.contains("value")) {
      EXPECT_FALSE(h["value"].get<int64_t>() >= 1 && h["value"].get<int64_t>() <= 4) << f->dump();
    }
  }
  EXPECT_EQ(rep.body.find("contacts_30d"), std::string::npos);
  // The reports page reads the same suppressed report: hidden cells, no worker table.
  Reply page = server_->Get("/rapporter?as_of=2024-06-30", &n);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<span class=\"suppressed\">skjult</span>"), std::string::npos);
  EXPECT_EQ(page.body.find("&lt; 5"), std::string::npos);
  EXPECT_EQ(page.body.find("<caption>Sagsstamme pr. medarbejder</caption>"), std::string::npos);

  // Alerts: pseudonymised keys, never the raw key.
  Reply al = server_->Get("/api/v1/alerts?as_of=2024-06-30", &n);
  ASSERT_EQ(al.status, 200) << al.body;
  ASSERT_FALSE(al.j["alerts"].empty()) << al.body;
  for (const auto& a : al.j["alerts"]) {
    std::string c = a["citizen"];
    EXPECT_EQ(c.rfind("P-", 0), 0u) << c;
  }
  EXPECT_FALSE(std::regex_search(al.body, std::regex("[0-9]{3}-[0-9]{4}"))) << al.body;
  for (const char* k : {"151-0001", "151-0002", "151-0003", "730-0001"}) EXPECT_EQ(al.body.find(k), std::string::npos) << k;
  // The same citizen always gets the same pseudonym.
  Reply again = server_->Get("/api/v1/alerts?as_of=2024-06-30", &n);
  EXPECT_EQ(again.body, al.body);
}

// The homeless count over HTTP (DESIGN §10): the CLI's JSON; a municipal role its own
// municipality with keys (each named citizen logged as `list`), the national role every
// municipality with pseudonyms; roles without the status report refused; strict weeks.
TEST_P(ApiAuthz, HomelessCountByRole) {
  // 2024-W19 (6–12 May 2024): 151-0001 and 151-0002 in shelter, 151-0003 on the street from
  // 1 May, 151-0004 with friends; 151-0005 has no situation, 730-0001 is housed.
  const json expected = json::parse(R"({"week": "2024-W19", "from": "2024-05-06", "to": "2024-05-12",
    "municipalities": {"151": [
      {"citizen": "151-0001", "situation": "shelter", "age_band": "25-29", "sex": "male"},
      {"citizen": "151-0002", "situation": "shelter", "age_band": "50-59"},
      {"citizen": "151-0003", "situation": "street", "age_band": "40-49"},
      {"citizen": "151-0004", "situation": "friends_family", "age_band": "30-39"}]}})");
  Reply cw = server_->Get("/api/v1/count?week=2024-W19", &S("cw151"));
  ASSERT_EQ(cw.status, 200) << cw.body;
  EXPECT_EQ(cw.j, expected);
  Reply lead = server_->Get("/api/v1/count?week=2024-W19&municipality=151", &S("lead151"));
  ASSERT_EQ(lead.status, 200) << lead.body;
  EXPECT_EQ(lead.j, expected);
  ExpectJsonError(server_->Get("/api/v1/count?week=2024-W19&municipality=730", &S("cw151")), 403);
  Reply other = server_->Get("/api/v1/count?week=2024-W19", &S("cw730"));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.j["municipalities"], json::parse(R"({"730": []})"));
  Reply earlier = server_->Get("/api/v1/count?week=2022-W30", &S("cw730"));
  ASSERT_EQ(earlier.status, 200) << earlier.body;
  EXPECT_EQ(earlier.j["municipalities"]["730"],
            json::parse(R"([{"citizen": "730-0001", "situation": "shelter", "age_band": "40-49"}])"));

  Reply nat = server_->Get("/api/v1/count?week=2024-W19", &S("nat"));
  ASSERT_EQ(nat.status, 200) << nat.body;
  ASSERT_EQ(nat.j["municipalities"]["151"].size(), 4u) << nat.body;
  EXPECT_FALSE(std::regex_search(nat.body, std::regex("[0-9]{3}-[0-9]{4}"))) << nat.body;
  std::multiset<std::string> situations;
  for (const auto& person : nat.j["municipalities"]["151"]) {
    EXPECT_TRUE(std::regex_match(person["citizen"].get<std::string>(), std::regex("P-[a-z2-7]{16}"))) << person;
    situations.insert(person["situation"].get<std::string>());
  }
  EXPECT_EQ(situations, (std::multiset<std::string>{"friends_family", "shelter", "shelter", "street"}));
  // The same pseudonyms as the alerts: 151-0003 is a street sleeper there.
  Reply al = server_->Get("/api/v1/alerts?as_of=2024-05-12", &S("nat"));
  ASSERT_EQ(al.status, 200) << al.body;
  std::string street_pseudonym;
  for (const auto& a : al.j["alerts"])
    if (a["rule"] == "street_sleeper") street_pseudonym = a["citizen"];
  ASSERT_FALSE(street_pseudonym.empty()) << al.body;
  bool found = false;
  for (const auto& person : nat.j["municipalities"]["151"])
    if (person["citizen"] == street_pseudonym) found = person["situation"] == "street";
  EXPECT_TRUE(found) << nat.body << al.body;

  for (const char* user : {"w151", "house151", "adm"})
    ExpectJsonError(server_->Get("/api/v1/count?week=2024-W19", &S(user)), 403);
  for (const char* week : {"", "2024-W53", "2024-W00", "2024-W6", "2024-05-06", "%FF"})
    ExpectJsonError(server_->Get(std::string("/api/v1/count?week=") + week, &S("cw151")), 422, "week");
  ExpectJsonError(server_->Get("/api/v1/count", &S("cw151")), 422, "week");
  ExpectJsonError(server_->Get("/api/v1/count?week=2024-W19&municipality=999", &S("nat")), 422, "municipality");

  // Logged: the municipal count named 151-0003 (as `list`); the national one named nobody.
  Reply log = server_->Get("/api/v1/access-log?citizen=151-0003", &S("lead151"));
  ASSERT_EQ(log.status, 200) << log.body;
  std::multiset<std::string> listed_by;
  for (const auto& a : log.j["access"])
    if (a["action"] == "list" && a["detail"] == "count 2024-W19") listed_by.insert(a["user"].get<std::string>());
  EXPECT_EQ(listed_by, (std::multiset<std::string>{"cw151", "lead151"})) << log.body;
}

TEST_P(ApiAuthz, AdminManagesUsersButReadsNoCitizen) {
  const Session& a = S("adm");
  ExpectJsonError(server_->Get("/api/v1/citizens", &a), 403);
  ExpectJsonError(server_->Get("/api/v1/citizens/151-0001", &a), 403);
  ExpectJsonError(server_->Register(a, {{"birth_date", "1980-01-01"}}), 403);
  ExpectJsonError(server_->Register(a, {{"birth_date", "1980-01-01"}, {"municipality", "151"}, {"citizen", "151-0300"}}), 403);
  ExpectJsonError(server_->Append(a, Note("151-0001", "151", "admin note")), 403);
  ExpectJsonError(server_->Get("/api/v1/alerts", &a), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/status", &a), 403);
  // Administrators read the access log; an undecodable key is no server error.
  EXPECT_EQ(server_->Get("/api/v1/access-log?citizen=151-0001", &a).status, 200);
  Reply odd = server_->Get("/api/v1/access-log?citizen=%FF%FE", &a);
  EXPECT_GE(odd.status, 200);
  EXPECT_LT(odd.status, 500) << odd.body;

  Reply users = server_->Get("/api/v1/users", &a);
  ASSERT_EQ(users.status, 200) << users.body;
  std::set<std::string> names;
  for (const auto& u : users.j["users"]) names.insert(u["name"].get<std::string>());
  for (const char* n : {"cw151", "cw730", "lead151", "w151", "house151", "nat", "adm"}) EXPECT_TRUE(names.count(n)) << n;
  EXPECT_EQ(users.body.find("argon2"), std::string::npos) << "password hashes must not leave the server";

  Reply created = server_->Post("/api/v1/users", json{{"name", "newcw"}, {"role", "caseworker"}, {"municipality", "151"}, {"password", "a long enough password"}}, &a);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(server_->LoginReply("newcw", "a long enough password").status, 200);
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "newcw"}, {"role", "caseworker"}, {"municipality", "151"}, {"password", "a long enough password"}}, &a), 409);
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "bad name!"}, {"role", "caseworker"}, {"municipality", "151"}, {"password", "a long enough password"}}, &a), 422, "name");
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "x1"}, {"role", "king"}, {"municipality", "151"}, {"password", "a long enough password"}}, &a), 422, "role");
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "x2"}, {"role", "caseworker"}, {"municipality", "999"}, {"password", "a long enough password"}}, &a), 422, "municipality");
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "x3"}, {"role", "caseworker"}, {"municipality", "151"}, {"password", "short"}}, &a), 422, "password");
  // Creating a user is a write: it needs the CSRF token.
  ExpectJsonError(server_->Post("/api/v1/users", json{{"name", "x4"}, {"role", "admin"}, {"password", "a long enough password"}}, &a, false), 403);

  // Everyone else gets 403 on /api/v1/users.
  for (const char* user : {"cw151", "lead151", "w151", "house151", "nat"}) {
    SCOPED_TRACE(user);
    ExpectJsonError(server_->Get("/api/v1/users", &S(user)), 403);
    ExpectJsonError(server_->Post("/api/v1/users", json{{"name", std::string("esc-") + user}, {"role", "admin"}, {"password", "a long enough password"}}, &S(user)), 403);
  }
  EXPECT_EQ(server_->LoginReply("esc-cw151", "a long enough password").status, 401);
}

TEST_P(ApiAuthz, AMovedCitizenChangesHandsOnTheMovesDate) {
  const Session& cw151 = S("cw151");
  const Session& cw730 = S("cw730");
  Reply reg = server_->Register(cw151, {{"birth_date", "1966-06-06"}, {"name", "Mover"}, {"date", "2024-01-10"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string key = reg.j["citizen"];
  ASSERT_EQ(server_->Get("/api/v1/citizens/" + key, &cw151).status, 200);
  ExpectJsonError(server_->Get("/api/v1/citizens/" + key, &cw730), 404);

  json moved{{"citizen", key}, {"municipality", "151"}, {"kind", "moved"}, {"date", "2024-06-30"}, {"to", "730"}};
  ASSERT_EQ(server_->Append(cw151, moved).status, 201);

  EXPECT_EQ(server_->Get("/api/v1/citizens/" + key, &cw730).status, 200);
  EXPECT_TRUE(Has(ListedKeys(server_->Get("/api/v1/citizens", &cw730)), key));
  ExpectJsonError(server_->Get("/api/v1/citizens/" + key, &cw151), 404);
  EXPECT_FALSE(Has(ListedKeys(server_->Get("/api/v1/citizens", &cw151)), key));
  // The new municipality writes; the old one no longer can.
  EXPECT_EQ(server_->Append(cw730, Note(key, "730", "welcome to Randers")).status, 201);
  ExpectJsonError(server_->Append(cw151, Note(key, "151", "too late")), 404);

  // A move dated in the future is refused (DESIGN §4: no date after the day it is recorded); the
  // citizen stays where they are.
  Reply reg2 = server_->Register(cw151, {{"birth_date", "1967-07-07"}, {"date", "2024-01-10"}});
  ASSERT_EQ(reg2.status, 201) << reg2.body;
  const std::string key2 = reg2.j["citizen"];
  json later{{"citizen", key2}, {"municipality", "151"}, {"kind", "moved"}, {"date", "2024-07-15"}, {"to", "730"}};
  Reply refused = server_->Append(cw151, later);
  ExpectJsonError(refused, 422);
  EXPECT_TRUE(refused.j["fields"].contains("date")) << refused.body;
  EXPECT_EQ(server_->Get("/api/v1/citizens/" + key2, &cw151).status, 200);
  ExpectJsonError(server_->Get("/api/v1/citizens/" + key2, &cw730), 404);
}

TEST_P(ApiAuthz, ScreeningAnswersForTheRolesThatRegisterCitizens) {
  const Session& cw = S("cw151");
  const int64_t before = server_->EntryCount();
  auto screen = [&](const json& body, const Session& s) { return server_->Post("/api/v1/screening", body, &s); };
  auto result = [](const char* outcome, const char* reason) { return json{{"outcome", outcome}, {"reason", reason}}; };
  const json street{{"own_home", "no"}, {"situation", "street"}};
  for (const char* user : {"cw151", "lead151"}) {
    Reply r = screen(street, S(user));
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    EXPECT_EQ(r.j, result("in", "street")) << user << ": " << r.body;
  }
  EXPECT_EQ(screen({{"own_home", "yes"}, {"situation", "street"}}, cw).j, result("out", "own_home"));
  EXPECT_EQ(screen(json::object(), cw).j, result("incomplete", "unanswered"));
  EXPECT_EQ(screen({{"situation", ""}, {"night", "no"}}, cw).j, result("in", "no_place_tonight"));
  // The test clock says 2024-06-30: a release within a month without a home is in, a later one
  // out for now, one without a date not decided yet.
  EXPECT_EQ(screen({{"situation", "prison"}, {"release_housing", "no"}, {"release_expected", "2024-07-15"}}, cw).j,
            result("in", "release_within_month"));
  EXPECT_EQ(screen({{"situation", "prison"}, {"release_housing", "no"}, {"release_expected", "2024-09-01"}}, cw).j,
            result("out", "release_later"));
  EXPECT_EQ(screen({{"situation", "hospital"}, {"release_housing", ""}, {"release_expected", ""}}, cw).j,
            result("incomplete", "release_date_missing"));

  // Every bad field is named; nothing is screened.
  Reply bad = screen({{"own_home", "maybe"}, {"situation", "castle"}, {"night", true},
                      {"release_expected", "2024-02-30"}, {"cpr", "100199-1237"}}, cw);
  ExpectJsonError(bad, 422, "own_home");
  for (const char* field : {"situation", "night", "release_expected", "cpr"}) ExpectJsonError(bad, 422, field);
  EXPECT_EQ(bad.body.find("100199-1237"), std::string::npos) << bad.body;
  ExpectJsonError(server_->Call("POST", "/api/v1/screening", "[\"street\"]", &cw), 400);
  ExpectJsonError(server_->Call("POST", "/api/v1/screening", "{", &cw), 400);
  ExpectJsonError(server_->Get("/api/v1/screening", &cw), 405);
  ExpectJsonError(server_->Post("/api/v1/screening", street, &cw, /*csrf=*/false), 403);

  // The roles that do not register citizens, and no session.
  for (const char* user : {"w151", "house151", "nat", "adm"}) {
    SCOPED_TRACE(user);
    ExpectJsonError(screen(street, S(user)), 403);
  }
  ExpectJsonError(server_->Post("/api/v1/screening", street), 401);
  EXPECT_EQ(server_->EntryCount(), before);  // screening stores nothing
}

// ============================================================================================
// The access log.
// ============================================================================================

class ApiAccessLog : public PerStore {
 protected:
  static void SetUpTestSuite() { server_ = ApiServer::Start({kCw151, kLead151, {"cw151b", "caseworker", "151"}, kW151, kCw730}); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static inline std::unique_ptr<ApiServer> server_;
};
TOV_API_ON_BOTH_STORES(ApiAccessLog);

TEST_P(ApiAccessLog, EveryLookIsLoggedWithTheUserAndTheCprIsMaskedUnlessRevealed) {
  Session cw = server_->Login("cw151");
  Session cwb = server_->Login("cw151b");
  Session lead = server_->Login("lead151");
  Session w = server_->Login("w151");
  Session cw730 = server_->Login("cw730");
  const std::string cpr = "150385-1357";
  Reply reg = server_->Register(cw, {{"cpr", cpr}, {"name", "Gitte"}, {"date", "2024-05-01"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string key = reg.j["citizen"];
  json h{{"citizen", key}, {"municipality", "151"}, {"kind", "housing"}, {"date", "2024-05-02"}, {"situation", "street"}};
  Reply app = server_->Append(cw, h);
  ASSERT_EQ(app.status, 201);
  const std::string entry_id = app.j["id"];

  Reply list = server_->Get("/api/v1/citizens?q=Gitte", &cwb);
  ASSERT_TRUE(Has(ListedKeys(list), key));
  Reply masked = server_->Get("/api/v1/citizens/" + key, &cwb);
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.j["cpr"], "150385-xxxx") << masked.body;
  EXPECT_EQ(masked.body.find("1357"), std::string::npos) << masked.body;
  Reply revealed = server_->Get("/api/v1/citizens/" + key + "?reveal_cpr=1", &cw);
  ASSERT_EQ(revealed.status, 200);
  EXPECT_TRUE(revealed.j["cpr"] == cpr || revealed.j["cpr"] == "1503851357") << revealed.j["cpr"];
  // Workers may not reveal.
  ExpectJsonError(server_->Get("/api/v1/citizens/" + key + "?reveal_cpr=1", &w), 403);

  Reply log = server_->Get("/api/v1/access-log?citizen=" + key, &lead);
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_TRUE(log.j["access"].is_array());
  std::set<std::pair<std::string, std::string>> seen;  // (action, user)
  for (const auto& a : log.j["access"]) {
    seen.insert({a["action"].get<std::string>(), a["user"].get<std::string>()});
    EXPECT_EQ(a["citizen"], key);
    EXPECT_TRUE(a.contains("at") && a["at"].is_string());
    EXPECT_TRUE(a.contains("role"));
  }
  EXPECT_TRUE(seen.count({"append", "cw151"})) << log.body;
  EXPECT_TRUE(seen.count({"list", "cw151b"})) << log.body;
  EXPECT_TRUE(seen.count({"read", "cw151b"})) << log.body;
  EXPECT_TRUE(seen.count({"reveal_cpr", "cw151"})) << log.body;
  EXPECT_FALSE(seen.count({"read", "cw151"})) << "a reveal is logged as reveal_cpr, not as read: " << log.body;
  // The housing entry's append names the entry.
  bool names_entry = false;
  for (const auto& a : log.j["access"])
    if (a["action"] == "append" && a["detail"].get<std::string>().find(entry_id) != std::string::npos) names_entry = true;
  EXPECT_TRUE(names_entry) << log.body;
  // The log itself never holds the CPR.
  EXPECT_EQ(log.body.find("1503851357"), std::string::npos);
  EXPECT_EQ(log.body.find(cpr), std::string::npos);
  // A search by CPR finds the citizen and is logged as a list, without the CPR.
  Reply by_cpr = server_->Get("/api/v1/citizens?q=" + cpr, &cwb);
  ASSERT_EQ(by_cpr.status, 200);
  EXPECT_EQ(ListedKeys(by_cpr), std::vector<std::string>{key});
  Reply log2 = server_->Get("/api/v1/access-log?citizen=" + key, &lead);
  EXPECT_GT(log2.j["access"].size(), log.j["access"].size());
  EXPECT_EQ(log2.body.find(cpr), std::string::npos);
  EXPECT_EQ(log2.body.find("1503851357"), std::string::npos);

  // Only leaders (and administrators) read the log, and only for their municipality.
  ExpectJsonError(server_->Get("/api/v1/access-log?citizen=" + key, &cw), 403);
  ExpectJsonError(server_->Get("/api/v1/access-log?citizen=" + key, &cw730), 403);
  ExpectJsonError(server_->Get("/api/v1/access-log", &lead), 422, "citizen");
}

// ============================================================================================
// Storage: no CPR number in plain text in the SQLite files.
// ============================================================================================

class ApiStorage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ApiServer::Start({kCw151}); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static inline std::unique_ptr<ApiServer> server_;
};

TEST_F(ApiStorage, TheSqliteFilesHoldNoCprNumberInPlainText) {
  Session cw = server_->Login("cw151");
  const std::vector<std::string> cprs = {"280791-2468", "0911853579", "010203-4049"};
  std::vector<std::string> keys;
  for (const auto& c : cprs) {
    Reply r = server_->Register(cw, {{"cpr", c}, {"name", "Storage " + std::to_string(keys.size())}});
    ASSERT_EQ(r.status, 201) << r.body;
    keys.push_back(r.j["citizen"]);
  }
  // Searches and reads by CPR, so that every code path that touches it has run.
  for (size_t i = 0; i < cprs.size(); ++i) {
    Reply s = server_->Get("/api/v1/citizens?q=" + cprs[i], &cw);
    ASSERT_EQ(s.status, 200);
    EXPECT_EQ(ListedKeys(s), std::vector<std::string>{keys[i]}) << cprs[i];
    ASSERT_EQ(server_->Get("/api/v1/citizens/" + keys[i] + "?reveal_cpr=1", &cw).status, 200);
  }
  std::string bytes;
  int files = 0;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string b = ReadFileBytes(server_->db_path() + suffix);
    if (!b.empty()) ++files;
    bytes += b;
  }
  ASSERT_GE(files, 1);
  ASSERT_NE(bytes.find("Storage 0"), std::string::npos) << "the registrations should be in the files read";
  for (const auto& c : cprs) {
    std::string digits, dashed;
    for (char ch : c)
      if (ch != '-') digits += ch;
    dashed = digits.substr(0, 6) + "-" + digits.substr(6);
    EXPECT_EQ(bytes.find(digits), std::string::npos) << digits;
    EXPECT_EQ(bytes.find(dashed), std::string::npos) << dashed;
    EXPECT_EQ(bytes.find(digits.substr(6) + digits.substr(0, 6)), std::string::npos);
  }
  // Searching with the other spelling (dash or not) finds the same citizen: the blind index
  // is of the normalised number.
  EXPECT_EQ(ListedKeys(server_->Get("/api/v1/citizens?q=2807912468", &cw)), std::vector<std::string>{keys[0]});
  EXPECT_EQ(ListedKeys(server_->Get("/api/v1/citizens?q=091185-3579", &cw)), std::vector<std::string>{keys[1]});
  // After the server stops and the database is closed (the WAL checkpointed into the main
  // file), the files still hold no CPR number.
  server_->StopAndClose();
  std::string closed;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) closed += ReadFileBytes(server_->db_path() + suffix);
  ASSERT_NE(closed.find("Storage 2"), std::string::npos);
  for (const auto& c : cprs) {
    std::string digits;
    for (char ch : c)
      if (ch != '-') digits += ch;
    EXPECT_EQ(closed.find(digits), std::string::npos) << digits;
    EXPECT_EQ(closed.find(digits.substr(0, 6) + "-" + digits.substr(6)), std::string::npos) << digits;
  }
}

// ============================================================================================
// Idle keep-alive connections never block others.
// ============================================================================================

// At the connection limit (here 8, as `serve --max-connections 8`) a new connection gets a 503
// and /healthz answers again as soon as connections close, with no "accept failed" in the log.
TEST(ApiConnectionLimit, HealthzIsRefusedAtTheLimitAndAnswersOnceConnectionsClose) {
  auto server = ApiServer::Start({}, "", {}, [](http::ServerOptions& o) { o.max_connections = 8; });
  ASSERT_NE(server, nullptr);
  std::vector<std::unique_ptr<RawSocket>> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<RawSocket>(server->port()));
    ASSERT_TRUE(held.back()->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_EQ(held.back()->ReadResponse(), 200) << i;
  }
  std::string body;
  RawSocket over(server->port());
  ASSERT_TRUE(over.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(over.ReadResponse(&body), 503);
  EXPECT_NE(body.find("too many connections"), std::string::npos) << body;
  held.clear();
  int status = 0;
  for (auto start = std::chrono::steady_clock::now();
       std::chrono::steady_clock::now() - start < std::chrono::seconds(3);) {
    if ((status = server->Get("/healthz").status) == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200);
  for (const auto& line : server->error_log())
    EXPECT_EQ(line.find("accept failed"), std::string::npos) << line;
}

class ApiKeepAlive : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ApiServer::Start({kCw151}); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static inline std::unique_ptr<ApiServer> server_;
};

TEST_F(ApiKeepAlive, TwoHundredIdleConnectionsDoNotBlockANewRequest) {
  std::vector<std::unique_ptr<RawSocket>> idle;
  for (int i = 0; i < 200; ++i) {
    auto s = std::make_unique<RawSocket>(server_->port(), 5);
    ASSERT_TRUE(s->connected()) << i;
    ASSERT_TRUE(s->Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")) << i;
    idle.push_back(std::move(s));
  }
  for (int i = 0; i < 200; ++i) ASSERT_EQ(idle[i]->ReadResponse(), 200) << i;
  // All 200 connections are open and idle. A new connection is answered at once.
  httplib::Client cli("127.0.0.1", server_->port());
  cli.set_connection_timeout(std::chrono::seconds(2));
  cli.set_read_timeout(std::chrono::seconds(2));
  cli.set_write_timeout(std::chrono::seconds(2));
  auto start = std::chrono::steady_clock::now();
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  // And an authenticated API request too (login + read).
  Session s = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/api/v1/citizens", &s).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  // The idle connections still work afterwards.
  ASSERT_TRUE(idle[0]->Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(idle[0]->ReadResponse(), 200);
  ASSERT_TRUE(idle[199]->Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(idle[199]->ReadResponse(), 200);
}

TEST_F(ApiKeepAlive, HalfSentRequestsDoNotBlockANewRequest) {
  // Connections that started a request and stalled (slow clients) hold no worker either.
  std::vector<std::unique_ptr<RawSocket>> stalled;
  for (int i = 0; i < 50; ++i) {
    auto s = std::make_unique<RawSocket>(server_->port(), 5);
    ASSERT_TRUE(s->connected());
    ASSERT_TRUE(s->Send(i % 2 ? "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              : "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user\""));
    stalled.push_back(std::move(s));
  }
  httplib::Client cli("127.0.0.1", server_->port());
  cli.set_connection_timeout(std::chrono::seconds(2));
  cli.set_read_timeout(std::chrono::seconds(2));
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

// ============================================================================================
// Alerts and the status report: the same JSON as the report functions.
// ============================================================================================

class ApiReports : public PerStore {
 protected:
  static void SetUpTestSuite() { server_ = ApiServer::Start({kLead151, kCw730, kNat, kW151, kHouse151}, kSeed); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static json DirectAlerts(Date x, std::optional<std::string> municipality, bool pseudonymise) {
    report::AlertOptions o;
    o.as_of = x;
    o.known_at = server_->app().Now();
    o.municipality = municipality;
    auto alerts = server_->app().Read([&](const Journal& j) { return report::Alerts(j, o); });
    if (pseudonymise) {
      for (auto& a : alerts) a.citizen = crypto::Pseudonym(server_->app().store().keys(), a.citizen);
      std::sort(alerts.begin(), alerts.end(),
                [](auto& a, auto& b) { return a.rule != b.rule ? a.rule < b.rule : a.citizen < b.citizen; });
    }
    return report::AlertsJson(x, alerts);
  }
  static json DirectStatus(Date x, Timestamp known, std::optional<std::string> m, bool national) {
    report::StatusOptions o{x, known, m, national};
    json j = server_->app().Read([&](const Journal& jr) { return report::StatusReport(jr, o); });
    j.erase("known_at");
    return j;
  }
  static json WithoutKnownAt(json j) {
    if (j.is_object()) j.erase("known_at");
    return j;
  }

  static inline std::unique_ptr<ApiServer> server_;
};
TOV_API_ON_BOTH_STORES(ApiReports);

TEST_P(ApiReports, AlertsEqualReportAlertsForTheSameAsOf) {
  Session lead = server_->Login("lead151");
  for (const char* as_of : {"2024-06-30", "2024-03-01", "2023-07-01"}) {
    SCOPED_TRACE(as_of);
    Reply r = server_->Get(std::string("/api/v1/alerts?as_of=") + as_of, &lead);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(WithoutKnownAt(r.j), WithoutKnownAt(DirectAlerts(*ParseDate(as_of), "151", false)));
  }
  // Without as_of: today.
  Reply today = server_->Get("/api/v1/alerts", &lead);
  ASSERT_EQ(today.status, 200);
  json direct = DirectAlerts(Date::FromYmd(2024, 6, 30), "151", false);
  EXPECT_EQ(WithoutKnownAt(today.j), WithoutKnownAt(direct));
  // The seed gives alerts of several rules, so the comparison means something.
  std::set<std::string> rules;
  for (const auto& a : direct["alerts"]) rules.insert(a["rule"].get<std::string>());
  EXPECT_TRUE(rules.count("youth_in_shelter")) << direct.dump();
  EXPECT_TRUE(rules.count("shelter_over_6_months")) << direct.dump();
  EXPECT_TRUE(rules.count("street_sleeper")) << direct.dump();
  EXPECT_TRUE(rules.count("no_action_plan")) << direct.dump();
  for (const auto& a : direct["alerts"]) EXPECT_EQ(a["municipality"], "151");
  // Another municipality's alerts are 403 for a leader; 730's own caseworker gets 730's.
  ExpectJsonError(server_->Get("/api/v1/alerts?municipality=730", &lead), 403);
  Session cw730 = server_->Login("cw730");
  Reply r730 = server_->Get("/api/v1/alerts?as_of=2024-06-30", &cw730);
  ASSERT_EQ(r730.status, 200);
  EXPECT_EQ(WithoutKnownAt(r730.j), WithoutKnownAt(DirectAlerts(Date::FromYmd(2024, 6, 30), "730", false)));
  ExpectJsonError(server_->Get("/api/v1/alerts?as_of=2023-02-29", &lead), 422, "as_of");
}

TEST_P(ApiReports, NationalAlertsEqualPseudonymisedReportAlerts) {
  Session nat = server_->Login("nat");
  Reply all = server_->Get("/api/v1/alerts?as_of=2024-06-30", &nat);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.j, DirectAlerts(Date::FromYmd(2024, 6, 30), std::nullopt, true));
  Reply one = server_->Get("/api/v1/alerts?as_of=2024-06-30&municipality=730", &nat);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.j, DirectAlerts(Date::FromYmd(2024, 6, 30), "730", true));
  EXPECT_FALSE(one.j["alerts"].empty());
}

TEST_P(ApiReports, StatusReportEqualsReportStatusReport) {
  Session lead = server_->Login("lead151");
  Session nat = server_->Login("nat");
  const Timestamp now = server_->app().Now();
  for (const char* as_of : {"2024-06-30", "2024-01-01", "2023-06-30"}) {
    SCOPED_TRACE(as_of);
    Date x = *ParseDate(as_of);
    Reply r = server_->Get(std::string("/api/v1/reports/status?as_of=") + as_of, &lead);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(WithoutKnownAt(r.j), DirectStatus(x, now, "151", false));
    Reply n = server_->Get(std::string("/api/v1/reports/status?as_of=") + as_of, &nat);
    ASSERT_EQ(n.status, 200) << n.body;
    EXPECT_EQ(WithoutKnownAt(n.j), DirectStatus(x, now, std::nullopt, true));
    Reply n730 = server_->Get(std::string("/api/v1/reports/status?as_of=") + as_of + "&municipality=730", &nat);
    ASSERT_EQ(n730.status, 200) << n730.body;
    EXPECT_EQ(WithoutKnownAt(n730.j), DirectStatus(x, now, "730", true));
  }
  // known_at: a report as known at a time before the seed was recorded is empty of citizens.
  Reply past = server_->Get("/api/v1/reports/status?as_of=2024-06-30&known_at=2024-01-01T00:00:00Z", &lead);
  ASSERT_EQ(past.status, 200) << past.body;
  EXPECT_EQ(WithoutKnownAt(past.j),
            DirectStatus(Date::FromYmd(2024, 6, 30), *ParseTimestamp("2024-01-01T00:00:00Z"), "151", false));
  EXPECT_NE(WithoutKnownAt(past.j), DirectStatus(Date::FromYmd(2024, 6, 30), now, "151", false));
  // Default as_of is today.
  Reply today = server_->Get("/api/v1/reports/status", &lead);
  ASSERT_EQ(today.status, 200);
  EXPECT_EQ(WithoutKnownAt(today.j), DirectStatus(Date::FromYmd(2024, 6, 30), now, "151", false));
  // Who may see reports.
  ExpectJsonError(server_->Get("/api/v1/reports/status?municipality=730", &lead), 403);
  Session w = server_->Login("w151");
  ExpectJsonError(server_->Get("/api/v1/reports/status", &w), 403);
  Session h = server_->Login("house151");
  ExpectJsonError(server_->Get("/api/v1/reports/status", &h), 403);
  ExpectJsonError(server_->Get("/api/v1/alerts", &h), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/status?known_at=yesterday", &lead), 422, "known_at");
}

TEST_P(ApiReports, WorkerAlertsAreOnlyTheirOwnCitizens) {
  Session w = server_->Login("w151");
  Reply r = server_->Get("/api/v1/alerts?as_of=2024-06-30", &w);
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& a : r.j["alerts"]) EXPECT_EQ(a["citizen"], "151-0003") << r.body;
  EXPECT_FALSE(r.j["alerts"].empty()) << "151-0003 sleeps on the street";
}

}  // namespace
}  // namespace tov::apitest
