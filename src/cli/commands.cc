// The verbs: each parses its options, opens the application on --db, and does one job in one
// transaction. Errors are printed as `field: reason` (or `line N: field: reason`).
#include "cli/commands.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/administration.h"
#include "app/app.h"
#include "app/reports.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "cli/more_commands.h"
#include "domain/municipality.h"
#include "report/alerts.h"
#include "report/status_report.h"

namespace tov::cli {
namespace {

StatusOr<Date> DateFlag(const Args& a, const std::string& flag) {
  auto v = a.Get(flag);
  if (!v) return Status::InvalidField("--" + flag, "is required (YYYY-MM-DD)");
  auto d = ParseDate(*v);
  if (!d) return Status::InvalidField("--" + flag, "must be a real date YYYY-MM-DD, not \"" + *v + "\"");
  return *d;
}

StatusOr<Timestamp> KnownAt(const Args& a, const App& app) {
  auto v = a.Get("known-at");
  if (!v) return app.Now();
  auto t = ParseTimestamp(*v, /*allow_date_only=*/true);
  if (!t) return Status::InvalidField("--known-at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z (or a date)");
  return *t;
}

Status CheckMunicipality(const Args& a) {
  if (auto m = a.Get("municipality"); m && !FindMunicipality(*m))
    return Status::InvalidField("--municipality", "\"" + *m + "\" is not a municipality code");
  return Status::Ok();
}

// Writes to --out FILE, or to `out`.
Status Emit(const Args& a, std::ostream& out, const std::string& text) {
  if (auto path = a.Get("out")) {
    std::ofstream f(*path, std::ios::binary);
    f << text;
    if (!f) return Status::Io("cannot write " + *path);
    return Status::Ok();
  }
  out << text;
  return Status::Ok();
}

int Import(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1) return Fail(err, Status::InvalidField("FILE", "give one file to import"));
  const std::string& path = a->positional()[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(err, Status::Io("cannot read " + path));
  auto app = OpenApp(*a);
  if (!app.ok()) return Fail(err, app.status());
  ImportResult r = ImportJournal(**app, CliPrincipal(), in);
  if (!r.status.ok()) {
    size_t shown = 0;
    for (const auto& e : r.errors) {
      if (shown++ == 50) {
        err << "… and " << (r.errors.size() - 50) << " more\n";
        break;
      }
      err << e.ToString() << "\n";
    }
    if (r.errors.empty()) err << "error: " << r.status.message() << "\n";
    err << "nothing was imported\n";
    return 2;
  }
  out << "imported " << r.imported << " entries\n";
  return 0;
}

int Export(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  if (auto path = a->Get("out")) {
    std::ofstream f(*path, std::ios::binary);
    if (!f) return Fail(err, Status::Io("cannot write " + *path));
    Status s = ExportJournal(**app, CliPrincipal(), f);
    if (!s.ok()) return Fail(err, s);
  } else {
    Status s = ExportJournal(**app, CliPrincipal(), out);
    if (!s.ok()) return Fail(err, s);
  }
  return 0;
}

int Report(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "as-of", "known-at", "municipality", "audience", "format", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1 || a->positional()[0] != "status")
    return Fail(err, Status::InvalidField("report", "the report is `status`"));
  auto x = DateFlag(*a, "as-of");
  if (!x.ok()) return Fail(err, x.status());
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  std::string format = a->GetOr("format", "json");
  if (format != "json" && format != "csv" && format != "html")
    return Fail(err, Status::InvalidField("--format", "must be json, csv or html"));
  std::string audience = a->GetOr("audience", "municipal");
  if (audience != "municipal" && audience != "national")
    return Fail(err, Status::InvalidField("--audience", "must be national (or left out)"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(*a, **app);
  if (!known.ok()) return Fail(err, known.status());
  ReportFormat f = format == "csv" ? ReportFormat::kCsv : format == "html" ? ReportFormat::kHtml : ReportFormat::kJson;
  auto r = MakeStatusReport(**app, CliPrincipal(), {*x, *known, a->Get("municipality"), audience == "national"}, f);
  if (!r.ok()) return Fail(err, r.status());
  if (r->empty) {
    // An empty report is valid, but say why, so that no zero is taken for a fact.
    err << "note: no citizen was registered on or before " << x->ToString()
        << (r->options.municipality ? " in municipality " + *r->options.municipality : std::string())
        << " as known at " << r->options.known_at.ToString() << "; the report is empty\n";
  }
  std::string text = f == ReportFormat::kJson ? r->figures.dump(1) + "\n" : r->rendered;
  if (Status s = Emit(*a, out, text); !s.ok()) return Fail(err, s);
  return 0;
}

int Alerts(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "as-of", "known-at", "municipality", "format", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  auto x = DateFlag(*a, "as-of");
  if (!x.ok()) return Fail(err, x.status());
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  if (a->GetOr("format", "json") != "json") return Fail(err, Status::InvalidField("--format", "must be json"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(*a, **app);
  if (!known.ok()) return Fail(err, known.status());
  auto alerts = ListAlerts(**app, CliPrincipal(), {*x, *known, a->Get("municipality")});
  if (!alerts.ok()) return Fail(err, alerts.status());
  std::string text = report::AlertsJson(*x, alerts->alerts).dump(1) + "\n";
  if (Status s = Emit(*a, out, text); !s.ok()) return Fail(err, s);
  return 0;
}

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

int Backup(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1) return Fail(err, Status::InvalidField("FILE", "give the backup file"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  Status s = BackupStore(**app, CliPrincipal(), a->positional()[0]);
  if (!s.ok()) return Fail(err, s);
  out << "backup written to " << a->positional()[0]
      << " (keep the key file " << (*app)->location() << ".key safe too; it is not in the backup)\n";
  return 0;
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string verb = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (verb == "import") return Import(rest, out, err);
  if (verb == "export") return Export(rest, out, err);
  if (verb == "report") return Report(rest, out, err);
  if (verb == "alerts") return Alerts(rest, out, err);
  if (verb == "settings") return Settings(rest, out, err);
  if (verb == "backup") return Backup(rest, out, err);
  if (verb == "demo") return Demo(rest, out, err);
  if (verb == "user") return UserCommand(rest, out, err);
  if (verb == "citizen") return CitizenCommand(rest, out, err);
  if (verb == "access-log") return AccessLogCommand(rest, out, err);
  if (verb == "serve") return Serve(rest, out, err);
  err << "unknown verb \"" << verb << "\"; run `tovholder --help`\n";
  return 2;
}

}  // namespace tov::cli
