// The serve verb: the HTTP server (JSON API and pages) on the database, optionally with demo data.
#include "cli/verbs.h"

#include <signal.h>
#include <unistd.h>
#include <algorithm>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/auth.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "cli/web_dir.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace tov::cli {

namespace {
constexpr int64_t kServeStatementTimeoutMs = 30'000;
}  // namespace

int Serve(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "db-pool", "db-statement-timeout", "port", "address", "web-dir", "threads",
                                "max-connections"},
                       {"demo", "secure-cookies"});
  if (!a.ok()) return Fail(err, a.status());
  // Every number first, before a database is opened or created.
  auto port = a->GetInt("port", 0, 65535, 8080);
  if (!port.ok()) return Fail(err, port.status());
  // Handlers block on the group commit's fsync and on argon2; many workers keep the cores busy.
  auto threads = a->GetInt("threads", 2, 1024, 32);
  if (!threads.ok()) return Fail(err, threads.status());
  // Lowered at start to what the open-file limit holds beside the database (http_server.h).
  auto max_connections = a->GetInt("max-connections", 1, 1'000'000, 512);
  if (!max_connections.ok()) return Fail(err, max_connections.status());
  auto static_dir = FindStaticDir(a->Get("web-dir"));
  if (!static_dir.ok()) return Fail(err, static_dir.status());
  // A server never waits on the database for long: a statement over 30 s fails (503) unless the
  // deployment says otherwise (docs/operations.md).
  auto app = OpenApp(*a, true, kServeStatementTimeoutMs);
  if (!app.ok()) return Fail(err, app.status());
  Auth auth(**app);
  if (a->Has("demo")) {
    bool empty = (*app)->Read([](const Journal& j) { return j.size() == 0; });
    if (empty) {
      Status s = AddDemo(**app, 2000, 1, TodayUtc(**app), out);
      if (!s.ok()) return Fail(err, s);
    }
    Status s = AddDemoUsers(**app, out);
    if (!s.ok()) return Fail(err, s);
  }
  // A server answers many reads from one journal: it keeps every citizen's course folded and
  // up to date per append, instead of folding them per request (docs/design.md "Projections").
  (*app)->KeepProjections();
  web::WebOptions wo;
  wo.static_dir = *static_dir;
  wo.secure_cookies = a->Has("secure-cookies");
  static std::mutex log_mu;
  wo.request_log = [](const std::string& line) {
    std::lock_guard lock(log_mu);
    std::cerr << line << '\n';
  };
  web::WebApp web(**app, auth, wo);

  // SIGINT/SIGTERM are blocked in every thread and taken by sigwait below, so that Stop() runs
  // on an ordinary thread and in-flight requests finish.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::ServerOptions so;
  so.address = a->GetOr("address", "127.0.0.1");
  so.port = static_cast<uint16_t>(*port);
  so.worker_threads = static_cast<int>(*threads);
  so.io_threads = 2;
  so.max_connections = static_cast<size_t>(*max_connections);
  auto server = http::Server::Create(so, [&web](const http::Request& r) { return web.Handle(r); });
  Status s = server->Start();
  if (!s.ok()) return Fail(err, s);
  out << "tovholder serving http://" << (so.address == "0.0.0.0" ? "localhost" : so.address) << ":"
      << server->port() << "/ (database " << (*app)->location() << ", at most "
      << server->max_connections() << " connections)" << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  out << "stopping (signal " << sig << ") …" << std::endl;
  server->Stop();
  server->Wait();
  out << "stopped" << std::endl;
  return 0;
}

}  // namespace tov::cli
