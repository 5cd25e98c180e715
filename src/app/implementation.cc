// The implementation report and the municipality page's entries.
#include "app/implementation.h"

#include <algorithm>
#include <unordered_set>

#include "app/audit.h"
#include "app/reports.h"
#include "report/implementation.h"

namespace tov {

StatusOr<ImplementationResult> MakeImplementationReport(App& app, const Principal& p, const ImplementationQuery& query) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("the implementation report is for caseworkers, leaders and the travel team");
  ASSIGN_OR_RETURN(auto scope, ReportScope(p, query.municipality));
  report::ImplementationOptions o;
  o.as_of = query.as_of;
  o.known_at = query.known_at.value_or(app.Now());
  o.municipality = scope;
  o.national = p.role == Role::kNational || query.national_audience;
  report::AlertOptions t = app.AlertThresholds();  // each municipality's own norms
  o.defaults = t.defaults;
  o.per_municipality = t.per_municipality;
  ImplementationResult out;
  out.figures = app.Read([&](const Journal& j) { return report::ImplementationReport(j, o); });
  out.municipality = scope;
  out.national = o.national;
  for (const auto& [code, m] : out.figures["municipalities"].items()) {
    auto it = o.per_municipality.find(code);
    out.norms[code] = it == o.per_municipality.end() ? o.defaults : it->second;
  }
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReport,
                                             "implementation " + query.as_of.ToString() +
                                                 (scope ? " " + *scope : std::string()))}));
  return out;
}

StatusOr<std::vector<Entry>> MunicipalityEntries(App& app, const Principal& p, const std::string& municipality) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("the implementation page is for caseworkers, leaders and the travel team");
  ASSIGN_OR_RETURN(auto scope, ReportScope(p, municipality));
  (void)scope;
  std::vector<Entry> out = app.Read([&](const Journal& j) {
    std::unordered_set<std::string> voided;
    for (const Entry* e : j.municipality_entries())
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
    std::vector<Entry> found;
    for (const Entry* e : j.municipality_entries())
      if (e->municipality == municipality && e->kind() != Kind::kVoid && !voided.count(e->id)) found.push_back(*e);
    return found;
  });
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return CourseOrder(b, a); });
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReport, "implementation entries " + municipality)}));
  return out;
}

MunicipalityRecording MayRecordFor(const Principal& p, const std::string& municipality) {
  Entry support, status;
  support.municipality = status.municipality = municipality;
  support.body = SupportActivity{};
  status.body = ImplementationStatus{};
  return {MayRecordAboutMunicipality(p, support, nullptr), MayRecordAboutMunicipality(p, status, nullptr)};
}

}  // namespace tov
