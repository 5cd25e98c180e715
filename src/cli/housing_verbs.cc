// The verbs of housing allocation (DESIGN §9): housing queue, housing candidates.
#include "cli/verbs.h"

#include <ostream>

#include "app/housing.h"
#include "cli/args.h"
#include "cli/cli_util.h"

namespace tov::cli {

int HousingCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"db", "as-of", "known-at", "municipality", "format", "out"}, {});
  if (!a.ok()) return Fail(err, a.status());
  const auto& pos = a->positional();
  const bool queue = pos.size() == 1 && pos[0] == "queue";
  const bool candidates = pos.size() == 2 && pos[0] == "candidates";
  if (!queue && !candidates)
    return Fail(err, Status::InvalidField("housing", "is `housing queue --municipality CODE` or `housing candidates UNIT`"));
  auto x = DateFlag(*a, "as-of");
  if (!x.ok()) return Fail(err, x.status());
  if (a->GetOr("format", "json") != "json") return Fail(err, Status::InvalidField("--format", "must be json"));
  if (Status s = CheckMunicipality(*a); !s.ok()) return Fail(err, s);
  if (queue && !a->Get("municipality")) return Fail(err, Status::InvalidField("--municipality", "is required (a 3-digit code)"));
  if (candidates && a->Get("municipality"))
    return Fail(err, Status::InvalidField("--municipality", "is the dwelling's own; leave it out"));
  auto app = OpenApp(*a, false);
  if (!app.ok()) return Fail(err, app.status());
  auto known = KnownAt(*a, **app);
  if (!known.ok()) return Fail(err, known.status());
  nlohmann::json j;
  if (queue) {
    auto r = HousingQueue(**app, CliPrincipal(), {*x, *known, a->Get("municipality")});
    if (!r.ok()) return Fail(err, r.status());
    j = report::QueueJson(r->as_of, r->municipality, r->queue);
  } else {
    auto r = HousingCandidates(**app, CliPrincipal(), {pos[1], *x, *known});
    if (!r.ok()) return Fail(err, r.status());
    j = report::CandidatesJson(*r);
  }
  if (Status s = Emit(*a, out, j.dump(1) + "\n"); !s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace tov::cli
