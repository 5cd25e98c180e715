// Fuzz target: raw request bytes through the real HTTP server (the Boost.Beast server of
// web/beast_server.cc, started once on a loopback port chosen by the OS) and the web application
// (web::WebApp: the API, the pages, static files) over a SQLite store in a temporary directory,
// seeded with the housing example journal and the Randers citizens of the strategy example (fuzz/store/) and three users. Each input is written to a new connection,
// which is then half-closed, and the answer is read to the end.
//
// Before sending, markers in the input are replaced so that the fuzzer can reach what only a
// logged-in user sees: @S@ / @C@ the session token and CSRF token of a caseworker (municipality
// 730), @A@ / @D@ those of an administrator, @H@ / @I@ those of a housing worker (151), and @L@
// the length of the body (the bytes after the first blank line).
//
// Properties: no crash, leak, UB or hang; the handler never throws and never answers 500; the
// server never logs an invalid response.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "app/administration.h"
#include "app/app.h"
#include "app/auth.h"
#include "fuzz_util.h"
#include "security/crypto.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace {

using tov::fuzz::Fail;

class FixedClock : public tov::Clock {
 public:
  tov::Timestamp Now() const override { return *tov::ParseTimestamp("2025-01-01T12:00:00Z"); }
};

struct Login {
  std::string token, csrf;
};

struct Fixture {
  FixedClock clock;
  tov::fuzz::TempDir dir;
  std::unique_ptr<tov::App> app;
  std::unique_ptr<tov::Auth> auth;
  std::unique_ptr<tov::web::WebApp> web;
  std::unique_ptr<tov::http::Server> server;
  Login caseworker, admin, housing;

  Fixture() {
    const std::string key = dir.path() + "/tovholder.key";
    if (auto s = tov::crypto::CreateKeyFile(key); !s.ok()) Fail("key file", s.message());
    tov::StoreOptions o;
    o.path = dir.path() + "/tovholder.db";
    o.key_path = key;
    auto opened = tov::App::Open(o, clock);
    if (!opened.ok()) Fail("App::Open", opened.status().message());
    app = std::move(*opened);
    for (const char* journal : {TOVHOLDER_SOURCE_DIR "/fuzz/store/randers-2024.jsonl",
                                TOVHOLDER_SOURCE_DIR "/fuzz/store/housing-2024.jsonl"}) {
      std::ifstream in(journal);
      if (!in) Fail("no seed journal", journal);
      tov::ImportResult r = app->Import(in, {"fuzz", "cli"});
      if (!r.status.ok()) {
        std::string why = r.status.message();
        for (const auto& e : r.errors) why += "\n" + e.ToString();
        Fail("seed import", why);
      }
    }
    auth = std::make_unique<tov::Auth>(*app);
    const std::string password = "fuzzing is testing too";
    const tov::Principal op = tov::Principal::Operator("fuzz");
    for (const tov::NewUser& u : {tov::NewUser{"cw", "caseworker", "730", password},
                                  tov::NewUser{"adm", "admin", "", password},
                                  tov::NewUser{"hou", "housing", "151", password}}) {
      if (auto s = tov::AddUser(*app, op, u); !s.ok()) Fail("AddUser", s.message());
    }
    caseworker = LogIn("cw", password);
    admin = LogIn("adm", password);
    housing = LogIn("hou", password);

    tov::web::WebOptions wo;
    wo.static_dir = TOVHOLDER_SOURCE_DIR "/web/static";
    web = std::make_unique<tov::web::WebApp>(*app, *auth, wo);
    tov::http::ServerOptions so;
    so.port = 0;
    so.io_threads = 1;
    so.worker_threads = 2;
    so.idle_timeout = std::chrono::seconds(5);
    so.request_timeout = std::chrono::seconds(5);
    so.error_log = [](const std::string& line) {
      // Handler exceptions and invalid responses are bugs; other lines (the connection limit
      // fitted to a low `ulimit -n`) are not the input's doing.
      if (line.find("handler") != std::string::npos || line.find("exception") != std::string::npos)
        Fail("the server logged a problem", line);
      std::fprintf(stderr, "server: %s\n", line.c_str());
    };
    server = tov::http::Server::Create(so, [this](const tov::http::Request& r) {
      tov::http::Response response;
      try {
        response = web->Handle(r);
      } catch (const std::exception& e) {
        Fail("the handler threw", e.what());
      }
      if (response.status >= 500) Fail("a 5xx answer", r.method + " " + r.target + "\n" + response.body);
      return response;
    });
    if (auto s = server->Start(); !s.ok()) Fail("server start", s.message());
  }

  Login LogIn(const std::string& user, const std::string& password) {
    auto login = auth->Login(user, password);
    if (!login.ok()) Fail("login", login.status().message());
    return {login->token, login->csrf_token};
  }
};

void ReplaceAll(std::string& s, std::string_view from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

std::string Exchange(uint16_t port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) Fail("socket");
  timeval tv{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) Fail("connect");
  // The server may answer (and close) before it has read everything: stop writing then.
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      answer.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      Fail("the server neither answered nor closed within 20 s", request.substr(0, 512));
    }
    break;  // EOF or reset
  }
  ::close(fd);
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = new Fixture();  // lives for the process
  std::string request(reinterpret_cast<const char*>(data), size);
  ReplaceAll(request, "@S@", fixture->caseworker.token);
  ReplaceAll(request, "@C@", fixture->caseworker.csrf);
  ReplaceAll(request, "@A@", fixture->admin.token);
  ReplaceAll(request, "@D@", fixture->admin.csrf);
  ReplaceAll(request, "@H@", fixture->housing.token);
  ReplaceAll(request, "@I@", fixture->housing.csrf);
  if (request.find("@L@") != std::string::npos) {
    size_t blank = request.find("\r\n\r\n");
    size_t body = blank == std::string::npos ? 0 : request.size() - blank - 4;
    ReplaceAll(request, "@L@", std::to_string(body));
  }
  (void)Exchange(fixture->server->port(), request);
  return 0;
}
