// The use cases of the travel team and implementation (DESIGN §10; docs/indicators.md, "The
// implementation report"): the implementation report, and one municipality's page of stages,
// support and fidelity. Recording goes through RecordEntry (app/citizens.h), which asks the
// access policy (MayRecordAboutMunicipality) who may record about which municipality.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access_policy.h"
#include "app/app.h"
#include "common/status.h"
#include "report/alerts.h"

namespace tov {

struct ImplementationQuery {
  Date as_of;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // national and operator: any or all
  bool national_audience = false;           // always for the national role
};

struct ImplementationResult {
  nlohmann::json figures;  // report::ImplementationReport's JSON
  std::optional<std::string> municipality;  // the scope
  bool national = false;   // the national audience: no figure per worker, small cells hidden
  // The norms in force for each municipality of the report (for the pages).
  std::map<std::string, report::Thresholds> norms;
};

// The implementation report for the roles that see the status report: caseworkers and leaders
// their own municipality, the national role (the travel team) every municipality in the national
// audience (no figure per worker, small cells hidden, DESIGN §5), the operator everything. Each
// municipality's own caseload norms (settings) apply. Logged as `report` (no citizen named).
StatusOr<ImplementationResult> MakeImplementationReport(App& app, const Principal& p, const ImplementationQuery& query);

// The municipality entries of one municipality (implementation_status and support_activity, not
// voided, newest first), for the implementation page; the same roles as the report.
StatusOr<std::vector<Entry>> MunicipalityEntries(App& app, const Principal& p, const std::string& municipality);

// Whether `p` may record the travel team's entries about `municipality`: {support, status}.
struct MunicipalityRecording {
  bool support = false;
  bool status = false;
};
MunicipalityRecording MayRecordFor(const Principal& p, const std::string& municipality);

}  // namespace tov
