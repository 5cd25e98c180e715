// The youth report (DESIGN §10; docs/indicators.md, "The youth report"): the figures of the
// youth model ("Vejen til uddannelse og beskæftigelse") over the cohort of citizens with a
// `youth` course open on X or ended in (X − 12 months, X], in total and per municipality on X.
// Pure, and in the status report's JSON shape.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/journal.h"

namespace tov::report {

struct YouthOptions {
  Date as_of;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;  // restrict to this municipality (total = its figures)
  bool national = false;  // the national audience: small cells hidden (report::SuppressNationalYouth)
};

// `{"as_of", "known_at", "total": {id: …}, "municipalities": {code: {id: …}}}`.
nlohmann::json YouthReport(const Journal& journal, const YouthOptions& options);

// The youth report's ids in report order.
const std::vector<std::string>& YouthIndicatorIds();

}  // namespace tov::report
