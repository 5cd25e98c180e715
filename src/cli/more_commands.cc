// The verbs that reach beyond import and reports: demo, user, citizen show, access-log, serve.
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "app/administration.h"
#include "app/auth.h"
#include "app/citizens.h"
#include "demo/demo.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "cli/more_commands.h"
#include "cli/web_dir.h"
#include "domain/entry_json.h"
#include "report/citizen_report.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace tov::cli {
namespace {

// Fills an empty journal with a synthetic population.
Status AddDemo(App& app, int citizens, uint64_t seed, const std::string& today, std::ostream& out) {
  bool empty = app.Read([](const Journal& j) { return j.size() == 0; });
  if (!empty) return Status::FailedPrecondition("the database already has entries; demo data goes into a new --db");
  demo::DemoOptions o;
  o.citizens = citizens;
  o.seed = seed;
  o.today = today;
  if (auto problem = demo::CheckOptions(o)) return Status::InvalidField("--citizens/--today", *problem);
  std::vector<Entry> batch;
  ParseOptions po{Timestamp::FromDate(*ParseDate(today)).millis() + 86'400'000 > app.Now().millis()
                      ? Timestamp(Timestamp::FromDate(*ParseDate(today)).millis() + 86'400'000)
                      : app.Now(),
                  false};
  Status bad;
  demo::Generate(o, [&](const nlohmann::json& j) {
    if (!bad.ok()) return;
    auto e = ParseEntry(j, po);
    if (!e.ok()) {
      bad = Status::Internal("demo generator produced an invalid entry: " + e.status().ToString());
      return;
    }
    batch.push_back(std::move(*e));
  });
  RETURN_IF_ERROR(bad);
  std::vector<BatchError> errors;
  Status s = app.Append(batch, {"demo", "cli"}, &errors);
  if (!s.ok() && !errors.empty())
    return Status::Internal("demo data failed the journal checks: " + errors.front().error.field + ": " + errors.front().error.reason);
  RETURN_IF_ERROR(s);
  out << "added " << batch.size() << " demo entries for " << citizens << " citizens\n";
  return Status::Ok();
}

// Demo users, one of each role, in Ballerup (151) and Randers (730); password "demo-password".
Status AddDemoUsers(App& app, std::ostream& out) {
  struct U { const char* name; const char* role; const char* municipality; };
  const U users[] = {{"sagsbehandler", "caseworker", "151"}, {"leder", "leader", "151"},
                     {"bostotte", "worker", "151"},          {"boliganviser", "housing", "151"},
                     {"randers", "caseworker", "730"},       {"rejsehold", "national", ""},
                     {"admin", "admin", ""}};
  for (const U& u : users) {
    Status s = AddUser(app, CliPrincipal(), {u.name, u.role, u.municipality, "demo-password"});
    if (!s.ok() && s.code() != StatusCode::kAlreadyExists) return s;
  }
  out << "demo users (password demo-password): sagsbehandler, leder, bostotte, boliganviser, randers, rejsehold, admin\n";
  return Status::Ok();
}

std::string TodayUtc(const App& app) { return app.Now().date().ToString(); }

}  // namespace

int Demo(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "citizens", "seed", "today"}, {});
  if (!a.ok()) return Fail(err, a.status());
  auto n = a->Get("citizens");
  if (!n || n->empty() || n->size() > 8 || !std::all_of(n->begin(), n->end(), ::isdigit))
    return Fail(err, Status::InvalidField("--citizens", "is required: a whole number of citizens"));
  std::string seed = a->GetOr("seed", "1");
  if (seed.empty() || seed.size() > 18 || !std::all_of(seed.begin(), seed.end(), ::isdigit))
    return Fail(err, Status::InvalidField("--seed", "must be a whole number"));
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  std::string today = a->GetOr("today", TodayUtc(**app));
  if (!ParseDate(today)) return Fail(err, Status::InvalidField("--today", "must be a real date YYYY-MM-DD"));
  Status s = AddDemo(**app, std::stoi(*n), std::stoull(seed), today, out);
  if (!s.ok()) return Fail(err, s);
  return 0;
}

int UserCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "role", "municipality"}, {});
  if (!a.ok()) return Fail(err, a.status());
  const auto& p = a->positional();
  if (p.size() != 2 || p[0] != "add")
    return Fail(err, Status::InvalidField("user", "use `user add NAME --role ROLE [--municipality CODE]` (password on stdin)"));
  std::string password;
  if (isatty(STDIN_FILENO)) err << "Password for " << p[1] << ": ";
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  Status s = AddUser(**app, CliPrincipal(), {p[1], a->GetOr("role", ""), a->GetOr("municipality", ""), password});
  if (!s.ok()) return Fail(err, s);
  out << "added user " << p[1] << " (" << a->GetOr("role", "") << ")\n";
  return 0;
}

int CitizenCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "as-of", "format"}, {"reveal-cpr"});
  if (!a.ok()) return Fail(err, a.status());
  const auto& p = a->positional();
  if (p.size() != 2 || p[0] != "show") return Fail(err, Status::InvalidField("citizen", "use `citizen show KEY`"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  Date x = (*app)->Now().date();
  if (auto v = a->Get("as-of")) {
    auto d = ParseDate(*v);
    if (!d) return Fail(err, Status::InvalidField("--as-of", "must be a real date YYYY-MM-DD"));
    x = *d;
  }
  const bool reveal = a->Has("reveal-cpr");
  const bool as_json = a->GetOr("format", "text") == "json";
  std::string text;
  Status s = ViewCitizen(**app, CliPrincipal(), p[1], reveal, "cli", [&](const CitizenAccess& c) {
    report::CitizenViewOptions o = c.ViewOptions();
    o.as_of = x;
    text = as_json ? report::CitizenJson(c.course, o).dump(1) + "\n" : report::CitizenText(c.course, o);
  });
  if (!s.ok()) return Fail(err, s);
  out << text;
  return 0;
}

int AccessLogCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "citizen"}, {});
  if (!a.ok()) return Fail(err, a.status());
  auto citizen = a->Get("citizen");
  if (!citizen) return Fail(err, Status::InvalidField("--citizen", "is required"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto records = ReadAccessLog(**app, CliPrincipal(), *citizen);
  if (!records.ok()) return Fail(err, records.status());
  for (const auto& r : *records)
    out << r.at.ToString() << "  " << r.actor << " (" << r.role << ")  " << r.action << "  " << r.detail << "\n";
  return 0;
}

int Serve(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "port", "address", "web-dir", "threads"}, {"demo", "secure-cookies"});
  if (!a.ok()) return Fail(err, a.status());
  std::string port_text = a->GetOr("port", "8080");
  if (port_text.empty() || port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), ::isdigit) ||
      std::stoi(port_text) > 65535)
    return Fail(err, Status::InvalidField("--port", "must be a port number 0–65535"));
  auto static_dir = FindStaticDir(a->Get("web-dir"));
  if (!static_dir.ok()) return Fail(err, static_dir.status());
  auto app = OpenApp(*a);
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
  so.port = static_cast<uint16_t>(std::stoi(port_text));
  // Handlers block on the group commit's fsync and on argon2; many workers keep the cores busy.
  so.worker_threads = std::max(2, std::stoi(a->GetOr("threads", "32")));
  so.io_threads = 2;
  auto server = http::Server::Create(so, [&web](const http::Request& r) { return web.Handle(r); });
  Status s = server->Start();
  if (!s.ok()) return Fail(err, s);
  out << "tovholder serving http://" << (so.address == "0.0.0.0" ? "localhost" : so.address) << ":"
      << server->port() << "/ (database " << (*app)->location() << ")" << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  out << "stopping (signal " << sig << ") …" << std::endl;
  server->Stop();
  server->Wait();
  out << "stopped" << std::endl;
  return 0;
}

}  // namespace tov::cli
