// `report implementation` (DESIGN §10): the travel team's report of implementation and fidelity.
#include "cli/verbs.h"

#include <ostream>

#include "app/implementation.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "report/implementation_formats.h"

namespace tov::cli {

int ReportImplementation(const Args& a, Date x, const std::string& format, std::ostream& out, std::ostream& err) {
  if (format != "json" && format != "csv" && format != "html")
    return Fail(err, Status::InvalidField("--format", "must be json, csv or html"));
  std::string audience = a.GetOr("audience", "municipal");
  if (audience != "municipal" && audience != "national")
    return Fail(err, Status::InvalidField("--audience", "must be national (or left out)"));
  auto app = OpenApp(a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(a, **app);
  if (!known.ok()) return Fail(err, known.status());
  auto r = MakeImplementationReport(**app, CliPrincipal(), {x, *known, a.Get("municipality"), audience == "national"});
  if (!r.ok()) return Fail(err, r.status());
  std::string text = format == "csv"    ? report::ImplementationCsv(r->figures)
                     : format == "html" ? report::ImplementationHtml(r->figures)
                                        : r->figures.dump(1) + "\n";
  if (Status s = Emit(a, out, text); !s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace tov::cli
