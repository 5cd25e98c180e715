// The verbs of administration: user add, settings, citizen show, access-log.
#include "cli/verbs.h"

#include <iostream>
#include <unistd.h>

#include "app/administration.h"
#include "app/citizens.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "report/alerts.h"
#include "report/citizen_report.h"

namespace tov::cli {

int Settings(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "municipality"}, {});
  if (!a.ok()) return Fail(err, a.status());
  const auto& p = a->positional();
  if (p.empty() || (p[0] != "set" && p[0] != "show"))
    return Fail(err, Status::InvalidField("settings", "use `settings set KEY VALUE` or `settings show`"));
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  if (p[0] == "set") {
    if (p.size() != 3) return Fail(err, Status::InvalidField("settings", "use `settings set KEY VALUE`"));
    Status s = ChangeSetting(**app, CliPrincipal(), a->GetOr("municipality", "*"), p[1], p[2]);
    if (!s.ok()) return Fail(err, s);
    out << "set " << p[1] << " = " << p[2] << " for " << a->GetOr("municipality", "all municipalities") << "\n";
    return 0;
  }
  auto settings = ListSettings(**app, CliPrincipal());
  if (!settings.ok()) return Fail(err, settings.status());
  report::Thresholds d;
  out << "defaults: shelter_months=" << d.shelter_months << " youth_age=" << d.youth_age
      << " cti_months=" << d.cti_months << " release_days=" << d.release_days
      << " action_plan_days=" << d.action_plan_days << "\n";
  for (const auto& [k, v] : *settings) out << (k.first == "*" ? "all" : k.first) << " " << k.second << "=" << v << "\n";
  return 0;
}

int UserCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "role", "municipality", "full-name"}, {});
  if (!a.ok()) return Fail(err, a.status());
  const auto& p = a->positional();
  if (p.size() != 2 || p[0] != "add")
    return Fail(err, Status::InvalidField(
                         "user", "use `user add NAME --role ROLE [--municipality CODE] [--full-name NAME]` (password on stdin)"));
  std::string password;
  if (isatty(STDIN_FILENO)) err << "Password for " << p[1] << ": ";
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  NewUser user{p[1], a->GetOr("role", ""), a->GetOr("municipality", ""), password};
  if (auto full_name = a->Get("full-name")) user.full_name = *full_name;
  Status s = AddUser(**app, CliPrincipal(), user);
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

}  // namespace tov::cli
