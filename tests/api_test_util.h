// Helpers for the HTTP API integration tests (tests/api_test.cc): a real tovholder server
// (http::Server + web::WebApp + Auth + App) on a fresh database — a SQLite file in its own
// mkdtemp directory, or a new database on the test binary's PostgreSQL cluster (pg_test_util.h)
// for the suites instantiated on both stores (TOV_API_ON_BOTH_STORES) — bound to 127.0.0.1 on an OS-chosen port, with a settable test clock; an HTTP
// client (cpp-httplib) that carries the session cookie and CSRF token by hand; and a raw
// blocking socket for the tests where the connection itself matters.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/administration.h"
#include "app/auth.h"
#include "security/crypto.h"
#include "web/http_server.h"
#include "web/web_app.h"
#include "pg_test_util.h"

namespace tov::apitest {

using json = nlohmann::json;

// The store under a test. A fixture whose tests should pass on both stores derives from
// PerStore, uses TEST_P, and is instantiated with TOV_API_ON_BOTH_STORES(Fixture): its suites
// are then Sqlite/Fixture and Postgres/Fixture, and every ApiServer::Start in them (in
// SetUpTestSuite too, which cannot see a parameter) opens the store the suite's name says.
enum class StoreKind { kSqlite, kPostgres };
using PerStore = ::testing::TestWithParam<StoreKind>;
inline StoreKind StoreOfCurrentSuite() {
  const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
  return suite && std::string_view(suite->name()).rfind("Postgres/", 0) == 0 ? StoreKind::kPostgres
                                                                              : StoreKind::kSqlite;
}
#define TOV_API_ON_BOTH_STORES(Fixture)                                                                      \
  INSTANTIATE_TEST_SUITE_P(Sqlite, Fixture, ::testing::Values(::tov::apitest::StoreKind::kSqlite));          \
  INSTANTIATE_TEST_SUITE_P(Postgres, Fixture, ::testing::Values(::tov::apitest::StoreKind::kPostgres))

inline constexpr char kPassword[] = "correct horse battery";

// A clock the test sets; starts at `start`.
class TestClock : public Clock {
 public:
  explicit TestClock(Timestamp start) : ms_(start.millis()) {}
  Timestamp Now() const override { return Timestamp(ms_.load()); }
  void Advance(std::chrono::milliseconds d) { ms_ += d.count(); }

 private:
  std::atomic<int64_t> ms_;
};

struct UserSpec {
  std::string name;
  std::string role;
  std::string municipality;  // empty for national and admin
  std::string full_name = "";  // the real name; empty: none
};

// A cookie session: what the browser would hold after POST /api/v1/session.
struct Session {
  std::string cookie;  // "tov_session=<token>"
  std::string csrf;
};

// One HTTP exchange. `status` is 0 when the request failed at the transport level.
struct Reply {
  int status = 0;
  std::string body;
  json j;  // the body parsed as JSON (discarded when it is not JSON)
  httplib::Headers headers;
  std::string error;  // transport error, if any

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::vector<std::string> Headers(const std::string& name) const {
    std::vector<std::string> out;
    auto [b, e] = headers.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
  }
};

// Percent-encodes a query parameter value.
inline std::string UrlEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The text of tests/cases/<name>.jsonl (a hand-made journal, to seed a server with).
inline std::string CaseJournal(const std::string& name) {
  std::ifstream in(std::string(TOVHOLDER_SOURCE_DIR) + "/tests/cases/" + name + ".jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A JSON error response of docs/api.md: {"error": string, optionally "fields": {name: reason}}.
inline void ExpectJsonError(const Reply& r, int status, const std::string& field = "") {
  EXPECT_EQ(r.status, status) << r.body << r.error;
  ASSERT_TRUE(r.j.is_object()) << "not a JSON object: " << r.body;
  ASSERT_TRUE(r.j.contains("error")) << r.body;
  EXPECT_TRUE(r.j["error"].is_string()) << r.body;
  if (!field.empty()) {
    ASSERT_TRUE(r.j.contains("fields") && r.j["fields"].is_object()) << r.body;
    EXPECT_TRUE(r.j["fields"].contains(field)) << "no field error for " << field << ": " << r.body;
    if (r.j["fields"].contains(field)) {
      EXPECT_TRUE(r.j["fields"][field].is_string()) << r.body;
    }
  }
}

// A running server on a fresh database in its own temporary directory.
class ApiServer {
 public:
  // Fixed test "now": 2024-06-30T12:00:00Z.
  static Timestamp DefaultNow() { return Timestamp(*ParseTimestamp("2024-06-30T12:00:00Z")); }

  // Creates the database, imports `seed_jsonl` (JSON Lines, docs/journal-format.md), adds `users`
  // (all with kPassword) and starts the server. Fails the current test (fatally) on any error.
  // `tweak`, when given, may change the HTTP server's options (threads, limits) before it starts;
  // `now` is the test clock's start.
  static std::unique_ptr<ApiServer> Start(
      const std::vector<UserSpec>& users, const std::string& seed_jsonl = "",
      AuthOptions auth_options = {},
      const std::function<void(http::ServerOptions&)>& tweak = nullptr, Timestamp now = DefaultNow(),
      const std::function<void(web::WebOptions&)>& web_tweak = nullptr) {
    std::unique_ptr<ApiServer> s(new ApiServer(now));
    char tmpl[] = "/tmp/tovholder_api_XXXXXX";
    const char* dir = ::mkdtemp(tmpl);
    if (!dir) {
      ADD_FAILURE() << "mkdtemp failed";
      return nullptr;
    }
    s->dir_ = dir;
    s->db_path_ = s->dir_ + "/tovholder.db";
    if (StoreOfCurrentSuite() == StoreKind::kPostgres) {
      auto& cluster = testing::PgCluster::Get();
      if (!cluster.ok()) {
        ADD_FAILURE() << "the PostgreSQL API tests need a test cluster: " << cluster.error();
        return nullptr;
      }
      s->db_path_ = cluster.Url(cluster.NewDatabase("api"));
    }
    std::string key_path = s->dir_ + "/tovholder.key";
    if (Status st = crypto::CreateKeyFile(key_path); !st.ok()) {
      ADD_FAILURE() << "key file: " << st.message();
      return nullptr;
    }
    StoreOptions so;
    so.path = s->db_path_;
    so.key_path = key_path;
    auto app = App::Open(so, s->clock_);
    if (!app.ok()) {
      ADD_FAILURE() << "App::Open: " << app.status().message();
      return nullptr;
    }
    s->app_ = std::move(*app);
    if (!seed_jsonl.empty()) {
      std::istringstream in(seed_jsonl);
      ImportResult r = s->app_->Import(in, {"seed", "cli"});
      if (!r.status.ok()) {
        std::string why = r.status.message();
        for (const auto& e : r.errors) why += "\n" + e.ToString();
        ADD_FAILURE() << "seed import: " << why;
        return nullptr;
      }
    }
    s->auth_ = std::make_unique<Auth>(*s->app_, auth_options);
    for (const auto& u : users) {
      NewUser add{u.name, u.role, u.municipality, kPassword};
      if (!u.full_name.empty()) add.full_name = u.full_name;
      if (Status st = AddUser(*s->app_, Principal::Operator("test"), add); !st.ok()) {
        ADD_FAILURE() << "AddUser " << u.name << ": " << st.message();
        return nullptr;
      }
    }
    web::WebOptions wo;
    wo.static_dir = std::string(TOVHOLDER_SOURCE_DIR) + "/web/static";
    wo.request_log = [p = s.get()](const std::string& line) {
      std::lock_guard lock(p->log_mu_);
      p->request_log_.push_back(line);
    };
    if (web_tweak) web_tweak(wo);
    s->web_ = std::make_unique<web::WebApp>(*s->app_, *s->auth_, wo);
    http::ServerOptions ho;
    ho.port = 0;
    ho.shutdown_grace = std::chrono::seconds(2);
    ho.error_log = [p = s.get()](const std::string& line) {
      std::lock_guard lock(p->log_mu_);
      p->error_log_.push_back(line);
    };
    if (tweak) tweak(ho);
    s->server_ = http::Server::Create(ho, [w = s->web_.get()](const http::Request& r) { return w->Handle(r); });
    if (Status st = s->server_->Start(); !st.ok()) {
      ADD_FAILURE() << "server start: " << st.message();
      return nullptr;
    }
    return s;
  }

  ~ApiServer() {
    if (server_) server_->Stop();
    server_.reset();
    web_.reset();
    auth_.reset();
    app_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  // Stops the server and closes the database (SQLite checkpoints its WAL into the main file),
  // keeping the directory for inspection. The HTTP helpers must not be used afterwards.
  void StopAndClose() {
    if (server_) server_->Stop();
    server_.reset();
    web_.reset();
    auth_.reset();
    app_.reset();
  }

  uint16_t port() const { return server_->port(); }
  App& app() { return *app_; }
  Auth& auth() { return *auth_; }
  TestClock& clock() { return clock_; }
  // The SQLite file, or the PostgreSQL URL.
  const std::string& db_path() const { return db_path_; }
  const std::string& dir() const { return dir_; }

  std::vector<std::string> error_log() {
    std::lock_guard lock(log_mu_);
    return error_log_;
  }
  std::vector<std::string> request_log() {
    std::lock_guard lock(log_mu_);
    return request_log_;
  }

  // ---- HTTP ----

  // Sends one request on a new connection. With a session, sends its cookie, and the CSRF
  // token when `csrf` is set (the default).
  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             const Session* session = nullptr, bool csrf = true,
             const httplib::Headers& extra = {}) {
    httplib::Client cli("127.0.0.1", port());
    cli.set_connection_timeout(std::chrono::seconds(5));
    // Generous: 40 parallel logins queue for the 2 argon2 slots on a busy 2-core machine.
    cli.set_read_timeout(std::chrono::seconds(30));
    cli.set_write_timeout(std::chrono::seconds(10));
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = extra;
    if (session) {
      req.headers.emplace("Cookie", session->cookie);
      if (csrf) req.headers.emplace("X-CSRF-Token", session->csrf);
    }
    if (!body.empty() || method == "POST") {
      req.body = body;
      if (!extra.count("Content-Type")) req.headers.emplace("Content-Type", "application/json");
    }
    Reply r;
    auto res = cli.send(req);
    if (!res) {
      r.error = httplib::to_string(res.error());
      return r;
    }
    r.status = res->status;
    r.body = res->body;
    r.headers = res->headers;
    r.j = json::parse(r.body, nullptr, false);
    return r;
  }
  Reply Get(const std::string& path, const Session* s = nullptr) { return Call("GET", path, "", s); }
  Reply Post(const std::string& path, const json& body, const Session* s = nullptr, bool csrf = true) {
    return Call("POST", path, body.dump(), s, csrf);
  }

  Reply LoginReply(const std::string& user, const std::string& password = kPassword) {
    return Post("/api/v1/session", json{{"user", user}, {"password", password}});
  }

  // Logs in (fails the test on error) and returns the session.
  Session Login(const std::string& user) {
    Reply r = LoginReply(user);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body << r.error;
    Session s;
    for (const auto& sc : r.Headers("Set-Cookie")) {
      if (sc.rfind("tov_session=", 0) == 0 || sc.rfind("__Host-tov_session=", 0) == 0)
        s.cookie = sc.substr(0, sc.find(';'));
    }
    EXPECT_FALSE(s.cookie.empty()) << "no tov_session cookie for " << user;
    if (r.j.is_object() && r.j.contains("csrf_token") && r.j["csrf_token"].is_string())
      s.csrf = r.j["csrf_token"].get<std::string>();
    EXPECT_FALSE(s.csrf.empty()) << "no csrf_token for " << user;
    return s;
  }

  // The number of journal entries, from /healthz.
  int64_t EntryCount() {
    Reply r = Get("/healthz");
    EXPECT_EQ(r.status, 200) << r.body;
    if (!r.j.is_object() || !r.j.contains("entries")) return -1;
    return r.j["entries"].get<int64_t>();
  }

  // Registers a citizen through the API; returns the reply (201 {"id","citizen"} when all goes well).
  Reply Register(const Session& s, json body) {
    return Post("/api/v1/citizens", body, &s);
  }
  Reply Append(const Session& s, const json& entry) { return Post("/api/v1/entries", entry, &s); }

 private:
  explicit ApiServer(Timestamp now) : clock_(now) {}

  std::string dir_;
  std::string db_path_;
  TestClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<web::WebApp> web_;
  std::unique_ptr<http::Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> error_log_;
  std::vector<std::string> request_log_;
};

// A blocking client socket to 127.0.0.1 with send/receive timeouts.
class RawSocket {
 public:
  RawSocket(uint16_t port, int timeout_seconds = 2) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response framed by Content-Length; returns its status, or 0 on EOF/error/timeout.
  int ReadResponse(std::string* body = nullptr) {
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!Fill()) return 0;
    std::string head = buf_.substr(0, end + 2);
    buf_.erase(0, end + 4);
    int status = 0;
    if (head.size() > 12) status = std::atoi(head.c_str() + 9);
    size_t length = 0;
    std::string lower = head;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto p = lower.find("\r\ncontent-length:"); p != std::string::npos)
      length = std::strtoul(lower.c_str() + p + 17, nullptr, 10);
    while (buf_.size() < length)
      if (!Fill()) return 0;
    if (body) *body = buf_.substr(0, length);
    buf_.erase(0, length);
    return status;
  }

 private:
  bool Fill() {
    char tmp[8192];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

// The whole content of a file ("" when it does not exist).
inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return "";
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace tov::apitest
