// The use cases of figures: alerts and the status report.
#include "app/reports.h"

#include <algorithm>

#include "app/audit.h"
#include "domain/municipality.h"
#include "report/status_csv.h"
#include "report/status_html.h"
#include "report/youth_formats.h"
#include "security/crypto.h"

namespace tov {
namespace {

// The municipality a query may cover: a municipal user's own (another is refused), any or
// all for the national role and the operator.
StatusOr<std::optional<std::string>> ScopeOf(const Principal& p, const std::optional<std::string>& asked) {
  if (asked && !asked->empty() && !FindMunicipality(*asked))
    return Status::Invalid("invalid municipality", {{"municipality", "is not a municipality code"}});
  std::optional<std::string> m = asked && !asked->empty() ? asked : std::nullopt;
  if (Allowed(p.role, Permission::kReadNationalFigures)) return m;
  if (m && *m != p.municipality) return Status::PermissionDenied("you can only see your own municipality");
  return std::optional<std::string>(p.municipality);
}


}  // namespace

StatusOr<AlertList> ListAlerts(App& app, const Principal& p, const AlertQuery& query) {
  if (!Allowed(p.role, Permission::kReadAlerts)) return Status::PermissionDenied("this role sees no alerts");
  ASSIGN_OR_RETURN(auto scope, ScopeOf(p, query.municipality));
  report::AlertOptions o = app.AlertThresholds();  // each municipality's own thresholds
  o.as_of = query.as_of;
  o.known_at = query.known_at.value_or(app.Now());
  o.municipality = scope;
  const Date today = app.Now().date();
  AlertList out;
  out.as_of = query.as_of;
  out.pseudonymised = p.role == Role::kNational;
  out.alerts = app.Read([&](const Journal& j) {
    auto all = report::Alerts(j, o);
    if (p.role == Role::kWorker)
      std::erase_if(all, [&](const report::Alert& a) {
        CitizenCourse scratch;
        return !MaySeeCitizen(p, j.CourseAt(a.citizen, Timestamp::Max(), scratch), today);
      });
    if (query.with_names && !out.pseudonymised)
      for (const auto& a : all) {
        CitizenCourse scratch;
        const CitizenCourse& c = j.CourseAt(a.citizen, Timestamp::Max(), scratch);
        if (!out.names.count(a.citizen)) out.names[a.citizen] = c.name.value_or("");
        out.followups[{a.citizen, a.rule}] = report::FollowupOf(c, a);
      }
    return all;
  });
  if (out.pseudonymised) {
    for (auto& a : out.alerts) a.citizen = crypto::Pseudonym(app.store().keys(), a.citizen);
    std::sort(out.alerts.begin(), out.alerts.end(),
              [](auto& a, auto& b) { return a.rule != b.rule ? a.rule < b.rule : a.citizen < b.citizen; });
  } else {
    std::vector<AccessRecord> log;
    for (const auto& a : out.alerts) log.push_back(AuditRecord(app, p, a.citizen, AccessAction::kAlert, a.rule));
    RETURN_IF_ERROR(app.LogAccess(std::move(log)));
  }
  return out;
}

StatusOr<StatusReportResult> MakeStatusReport(App& app, const Principal& p, const StatusQuery& query,
                                              ReportFormat format, const std::optional<std::string>& section) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("reports are for caseworkers, leaders and the national team");
  ASSIGN_OR_RETURN(auto scope, ScopeOf(p, query.municipality));
  StatusReportResult out;
  out.options = {query.as_of, query.known_at.value_or(app.Now()), scope,
                 query.national_audience || p.role == Role::kNational};
  const report::StatusOptions& o = out.options;
  app.Read([&](const Journal& j) {
    out.figures = report::StatusReport(j, o);
    const auto& total = out.figures["total"];
    out.empty = out.figures["municipalities"].empty() ||
                (o.municipality && total["homeless"].value("value", 0) == 0 &&
                 total["new_citizens_12m"].value("value", 0) == 0 && total["caseload"].empty());
    switch (format) {
      case ReportFormat::kJson: break;
      case ReportFormat::kCsv: out.rendered = report::StatusReportCsv(out.figures); break;
      case ReportFormat::kHtml: out.rendered = report::StatusReportHtml(out.figures, j, o); break;
      case ReportFormat::kHtmlBody: out.rendered = report::StatusReportHtmlBody(out.figures, j, o, section); break;
    }
    return 0;
  });
  static constexpr const char* kFormatNames[] = {"json", "csv", "html", "html"};
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReport,
                        "status " + query.as_of.ToString() + " " + kFormatNames[static_cast<int>(format)])}));
  return out;
}

StatusOr<CountResult> MakeHomelessCount(App& app, const Principal& p, const CountQuery& query) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("the homeless count is for caseworkers, leaders and the national team");
  ASSIGN_OR_RETURN(auto scope, ScopeOf(p, query.municipality));
  CountResult out;
  out.week = query.week;
  out.pseudonymised = query.national_audience || p.role == Role::kNational;
  report::CountOptions o{query.week, query.known_at.value_or(app.Now()), scope, nullptr};
  if (out.pseudonymised)
    o.pseudonym = [&app](const std::string& key) { return crypto::Pseudonym(app.store().keys(), key); };
  out.persons = app.Read([&](const Journal& j) { return report::HomelessCount(j, o); });
  const std::string detail = "count " + query.week.ToString();
  std::vector<AccessRecord> log{AuditRecord(app, p, "", AccessAction::kReport, detail)};
  if (!out.pseudonymised)
    for (const auto& [m, persons] : out.persons)
      for (const auto& person : persons) log.push_back(AuditRecord(app, p, person.citizen, AccessAction::kList, detail));
  RETURN_IF_ERROR(app.LogAccess(std::move(log)));
  return out;
}

StatusOr<YouthReportResult> MakeYouthReport(App& app, const Principal& p, const YouthQuery& query,
                                            ReportFormat format) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("the youth report is for caseworkers, leaders and the national team");
  ASSIGN_OR_RETURN(auto scope, ScopeOf(p, query.municipality));
  YouthReportResult out;
  out.municipality = scope;
  out.national = query.national_audience || p.role == Role::kNational;
  report::YouthOptions o{query.as_of, query.known_at.value_or(app.Now()), scope, out.national};
  out.figures = app.Read([&](const Journal& j) { return report::YouthReport(j, o); });
  switch (format) {
    case ReportFormat::kJson: break;
    case ReportFormat::kCsv: out.rendered = report::StatusReportCsv(out.figures); break;
    case ReportFormat::kHtml: out.rendered = report::YouthReportHtml(out.figures); break;
    case ReportFormat::kHtmlBody: out.rendered = report::YouthReportHtmlBody(out.figures); break;
  }
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReport,
                                             "youth " + query.as_of.ToString() + (scope ? " " + *scope : std::string()))}));
  return out;
}

StatusOr<OutreachReportResult> MakeOutreachReport(App& app, const Principal& p, const OutreachQuery& query,
                                                  ReportFormat format) {
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Status::PermissionDenied("the outreach report is for caseworkers, leaders and the national team");
  ASSIGN_OR_RETURN(auto scope, ScopeOf(p, query.municipality));
  report::OutreachOptions o{query.as_of, query.known_at.value_or(app.Now()), scope,
                            query.national_audience || p.role == Role::kNational};
  OutreachReportResult out;
  out.figures = app.Read([&](const Journal& j) { return report::OutreachReport(j, o); });
  if (format == ReportFormat::kCsv) out.rendered = report::StatusReportCsv(out.figures);
  if (format == ReportFormat::kHtml) out.rendered = report::OutreachReportHtml(out.figures);
  if (format == ReportFormat::kHtmlBody) out.rendered = report::OutreachReportHtmlBody(out.figures);
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReport, "outreach " + query.as_of.ToString())}));
  return out;
}

StatusOr<std::vector<report::TrendPoint>> MonthlyFigures(App& app, const Principal& p, Date as_of, int months) {
  if (!Allowed(p.role, Permission::kReadStatusReport) || p.role == Role::kNational || p.municipality.empty())
    return Status::PermissionDenied("the monthly figures are for a municipality's caseworkers and leaders");
  return app.Read([&](const Journal& j) { return report::MonthlyTrend(j, as_of, app.Now(), p.municipality, months); });
}

StatusOr<std::optional<std::string>> ReportScope(const Principal& p, const std::optional<std::string>& asked) {
  return ScopeOf(p, asked);
}

}  // namespace tov
