// The implementation report (DESIGN §10; docs/indicators.md, "The implementation report"): per
// municipality, the stage of its implementation of each method (the latest implementation_status
// dated ≤ X), the travel team's support in the 12 months up to X, and the fidelity figures the
// journal can show, per method and per worker, against the caseload norms (settings). Pure: the
// journal, X, T and the norms come in; the JSON goes out, byte-identical for the same input.
//
// The fidelity figures use the status report's definitions (report/status_report.h): a course is
// open on X when it started on or before X and has no course_ended dated on or before X; the
// citizen counts in their municipality on X; course figures count the dead as recorded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/journal.h"
#include "report/alerts.h"

namespace tov::report {

struct ImplementationOptions {
  Date as_of;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;  // only this municipality (listed even when empty)
  // The caseload norms (Thresholds::caseload_norm_*): each municipality's own, else the defaults.
  Thresholds defaults;
  std::map<std::string, Thresholds> per_municipality;
  // The national audience: no figure per worker, small cells hidden (DESIGN §5).
  bool national = false;
};

// `{"as_of", "municipalities": {code: {"methods": {method: {"stage", "date"}},
// "support_minutes_12m": {"value", "by_activity", "by_topic"}, "fidelity": {id: …}}}}`.
nlohmann::json ImplementationReport(const Journal& journal, const ImplementationOptions& options);

// The fidelity ids in report order.
const std::vector<std::string>& FidelityIds();

// The caseload norm of a course method (ACT, ICM, CTI), nullopt for the others.
std::optional<int> CaseloadNorm(const Thresholds& t, Method method);

}  // namespace tov::report
