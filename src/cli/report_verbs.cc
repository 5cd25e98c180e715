// The verbs of figures: report status, alerts, count.
#include "cli/verbs.h"

#include <ostream>

#include "app/reports.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "report/alerts.h"
#include "report/status_csv.h"

namespace tov::cli {

namespace {

// `--audience`: national, or left out (municipal).
StatusOr<bool> NationalAudience(const Args& a) {
  std::string audience = a.GetOr("audience", "municipal");
  if (audience != "municipal" && audience != "national")
    return Status::InvalidField("--audience", "must be national (or left out)");
  return audience == "national";
}

// `report youth` and `report outreach` (DESIGN §10): `make` (MakeYouthReport, MakeOutreachReport)
// as JSON, CSV (the status report's columns) or HTML, for the municipality asked or all, as known
// at --known-at, for the national audience when asked.
template <typename Query, typename Make>
int StrategyReport(const Args& a, Date x, const std::string& format, Make make, std::ostream& out, std::ostream& err) {
  if (format != "json" && format != "csv" && format != "html")
    return Fail(err, Status::InvalidField("--format", "must be json, csv or html"));
  auto national = NationalAudience(a);
  if (!national.ok()) return Fail(err, national.status());
  auto app = OpenApp(a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(a, **app);
  if (!known.ok()) return Fail(err, known.status());
  ReportFormat f = format == "csv" ? ReportFormat::kCsv : format == "html" ? ReportFormat::kHtml : ReportFormat::kJson;
  auto r = make(**app, CliPrincipal(), Query{x, *known, a.Get("municipality"), *national}, f);
  if (!r.ok()) return Fail(err, r.status());
  std::string text = f == ReportFormat::kJson ? r->figures.dump(1) + "\n" : r->rendered;
  if (Status s = Emit(a, out, text); !s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace

int Report(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "as-of", "known-at", "municipality", "audience", "format", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (a->positional().size() != 1 || (a->positional()[0] != "status" && a->positional()[0] != "youth" &&
                                       a->positional()[0] != "implementation" && a->positional()[0] != "outreach"))
    return Fail(err, Status::InvalidField("report", "the report is `status`, `youth`, `outreach` or `implementation`"));
  auto x = DateFlag(*a, "as-of");
  if (!x.ok()) return Fail(err, x.status());
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  std::string format = a->GetOr("format", "json");
  if (a->positional()[0] == "youth") return StrategyReport<YouthQuery>(*a, *x, format, MakeYouthReport, out, err);
  if (a->positional()[0] == "outreach") return StrategyReport<OutreachQuery>(*a, *x, format, MakeOutreachReport, out, err);
  if (a->positional()[0] == "implementation") return ReportImplementation(*a, *x, format, out, err);
  if (format != "json" && format != "csv" && format != "html")
    return Fail(err, Status::InvalidField("--format", "must be json, csv or html"));
  auto national = NationalAudience(*a);
  if (!national.ok()) return Fail(err, national.status());
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(*a, **app);
  if (!known.ok()) return Fail(err, known.status());
  ReportFormat f = format == "csv" ? ReportFormat::kCsv : format == "html" ? ReportFormat::kHtml : ReportFormat::kJson;
  auto r = MakeStatusReport(**app, CliPrincipal(), {*x, *known, a->Get("municipality"), *national}, f);
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

int Count(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "week", "known-at", "municipality", "audience", "format", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (!a->positional().empty()) return Fail(err, Status::InvalidField("count", "takes no arguments; use --week YYYY-Www"));
  auto week_text = a->Get("week");
  if (!week_text) return Fail(err, Status::InvalidField("--week", "is required (YYYY-Www, such as 2024-W06)"));
  auto week = report::ParseIsoWeek(*week_text);
  if (!week) return Fail(err, Status::InvalidField("--week", report::IsoWeekError(*week_text)));
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  std::string format = a->GetOr("format", "json");
  if (format != "json" && format != "csv") return Fail(err, Status::InvalidField("--format", "must be json or csv"));
  auto national = NationalAudience(*a);
  if (!national.ok()) return Fail(err, national.status());
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(*a, **app);
  if (!known.ok()) return Fail(err, known.status());
  auto r = MakeHomelessCount(**app, CliPrincipal(), {*week, *known, a->Get("municipality"), *national});
  if (!r.ok()) return Fail(err, r.status());
  std::string text = format == "csv" ? r->Csv() : r->Json().dump(1) + "\n";
  if (Status s = Emit(*a, out, text); !s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace tov::cli
