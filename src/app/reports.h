// The use cases of figures: alerts and the status report (docs/indicators.md). The JSON API,
// the pages and the command line call these, so that the same user gets the same figures
// everywhere. A municipal user sees their own municipality; the national role every
// municipality, with suppressed figures and pseudonymised citizens; the operator (CLI)
// everything.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access_policy.h"
#include "app/app.h"
#include "report/alerts.h"
#include "report/homeless_count.h"
#include "report/status_report.h"
#include "report/outreach_report.h"
#include "report/youth_report.h"
#include "report/trend.h"

namespace tov {

struct AlertQuery {
  Date as_of;
  std::optional<Timestamp> known_at;         // default now
  std::optional<std::string> municipality;   // national and operator: any or all
  bool with_names = false;                   // fill AlertList::names (the dashboard)
};

struct AlertList {
  Date as_of;
  std::vector<report::Alert> alerts;         // sorted by rule, then citizen
  bool pseudonymised = false;                // citizens are pseudonyms (national)
  std::map<std::string, std::string> names;  // citizen → name, when asked and not pseudonymised
  // (citizen, rule) → the alert's follow-up (report::FollowupOf), with the names.
  std::map<std::pair<std::string, std::string>, report::Followup> followups;
};

// Each municipality's own thresholds apply to its citizens (settings per municipality). Every
// citizen named is logged (`alert`); pseudonymised lists name no citizen.
StatusOr<AlertList> ListAlerts(App& app, const Principal& p, const AlertQuery& query);

struct StatusQuery {
  Date as_of;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // national and operator: any or all
  bool national_audience = false;           // always for the national role
};

enum class ReportFormat { kJson, kCsv, kHtml, kHtmlBody };

struct StatusReportResult {
  nlohmann::json figures;      // report::StatusReport's JSON
  std::string rendered;        // in the format asked (CSV, a whole HTML page, or its body); empty for JSON
  report::StatusOptions options;
  bool empty = false;          // no citizen registered by the date (in the municipality)
};

// The status report, logged as `report` (no citizen named).
// With kHtmlBody, `section` renders one section of it ("" the total's, or a municipality code;
// report::StatusReportHtmlBody).
StatusOr<StatusReportResult> MakeStatusReport(App& app, const Principal& p, const StatusQuery& query,
                                              ReportFormat format = ReportFormat::kJson,
                                              const std::optional<std::string>& section = std::nullopt);

// The monthly trend of the situation figures for a municipality's dashboard: `months` points
// ending at `as_of` (report::MonthlyTrend). For the roles that see their municipality's status
// report; the national role gets the suppressed status report instead.
StatusOr<std::vector<report::TrendPoint>> MonthlyFigures(App& app, const Principal& p, Date as_of, int months = 12);

struct CountQuery {
  report::IsoWeek week;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // national and operator: any or all
  bool national_audience = false;           // pseudonyms; always for the national role
};

struct CountResult {
  report::IsoWeek week;
  std::map<std::string, std::vector<report::CountPerson>> persons;  // municipality → persons
  bool pseudonymised = false;
  nlohmann::json Json() const { return report::CountJson(week, persons); }
  std::string Csv() const { return report::CountCsv(persons, pseudonymised); }
};

// The homeless count of an ISO week (docs/indicators.md, "The homeless count"), for the roles
// that see the status report: a municipal role its own municipality with keys, the national
// role (and the operator asking for the national audience) with pseudonyms. Logged as `report`
// ("count YYYY-Www"), and every citizen named by key as `list`; pseudonyms name no citizen.
StatusOr<CountResult> MakeHomelessCount(App& app, const Principal& p, const CountQuery& query);

struct YouthQuery {
  Date as_of;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // national and operator: any or all
  bool national_audience = false;           // small cells hidden; always for the national role
};

struct YouthReportResult {
  nlohmann::json figures;  // report::YouthReport's JSON
  std::string rendered;    // in the format asked (CSV, a whole HTML page, or its body); empty for JSON
  std::optional<std::string> municipality;  // the scope
  bool national = false;   // the national audience: small cells hidden (report::SuppressNationalYouth)
};

// The youth report (docs/indicators.md, "The youth report") in the status report's JSON shape,
// rendered as CSV (the status report's columns) or HTML (report/youth_formats.h) when asked. For
// caseworkers and leaders (their municipality), the national role (every municipality, in the
// national audience: DESIGN §5's suppression) and the operator. Logged as `report` (no citizen
// named).
StatusOr<YouthReportResult> MakeYouthReport(App& app, const Principal& p, const YouthQuery& query,
                                            ReportFormat format = ReportFormat::kJson);

struct OutreachQuery {
  Date as_of;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // national and operator: any or all
  bool national_audience = false;           // always for the national role
};

// The outreach report (docs/indicators.md, "The outreach report") in the status report's JSON
// shape, rendered as CSV or HTML when asked (`rendered`, empty for JSON); for the roles that see
// the status report, the national audience with small cells hidden. Logged as `report`.
struct OutreachReportResult {
  nlohmann::json figures;
  std::string rendered;
};
StatusOr<OutreachReportResult> MakeOutreachReport(App& app, const Principal& p, const OutreachQuery& query,
                                                  ReportFormat format = ReportFormat::kJson);

// The municipality a report of `p` covers: the one asked for (any for the roles that see every
// municipality's figures, else only their own), or all (nullopt) / their own when none is asked.
StatusOr<std::optional<std::string>> ReportScope(const Principal& p, const std::optional<std::string>& asked);

}  // namespace tov
