// The outreach report (DESIGN §10; docs/indicators.md, "The outreach report"): the street work
// of the 12 months up to X — contacts with mode outreach and where they were, the people met,
// how many of them were anonymous, who gave their identity, and who was off the street 90 days
// after the first meeting in `street` — in total and per municipality. Pure, and in the status
// report's JSON shape; for the national audience with small cells hidden as DESIGN §5 says.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/journal.h"

namespace tov::report {

struct OutreachOptions {
  Date as_of;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;  // restrict to this municipality (total = its figures)
  bool national = false;                    // the national audience: small cells hidden
};

// `{"as_of", "known_at", "total": {id: …}, "municipalities": {code: {id: …}}}`.
nlohmann::json OutreachReport(const Journal& journal, const OutreachOptions& options);

// The outreach report's ids in report order.
const std::vector<std::string>& OutreachIndicatorIds();

// The report as a self-contained printable HTML page in Danish (figures and their definitions).
std::string OutreachReportHtml(const nlohmann::json& report);
// The same without the document around it (from the h1), for the web application's page.
std::string OutreachReportHtmlBody(const nlohmann::json& report);

// The place key of contacts without a `place` in `by_place`.
inline constexpr const char* kNoPlace = "unknown";

}  // namespace tov::report
