// The status report (docs/indicators.md): every indicator id, in total and per municipality, for a date X
// as known at a time T. Pure: the journal, X and T come in; the JSON goes out. The same journal,
// X and T always give byte-identical JSON (keys sorted, fixed number formatting).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/journal.h"

namespace tov::report {

struct StatusOptions {
  Date as_of;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;  // restrict to this municipality (total = its figures)
  bool national = false;  // the national audience: small cells hidden (report/suppression.h)
};

// `{"as_of", "known_at", "total": {id: …}, "municipalities": {code: {id: …}}}`.
nlohmann::json StatusReport(const Journal& journal, const StatusOptions& options);

// The age band of the national count for a whole-year age: <18, 18-24, 25-29, 30-39, 40-49,
// 50-59, 60+.
const char* AgeBand(int age);

// The median of day counts as every report gives it: the middle value, the mean of the two
// middle values for an even count (a whole number when it is one), null when there is none.
nlohmann::json Median(std::vector<int> values);

// A rate of DESIGN §5: {"numerator", "denominator", "value": numerator / denominator}, value
// null when the denominator is 0. Shared by every report.
struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;
  // Counts one more in the denominator, and in the numerator when `yes`.
  void Add(bool yes) {
    ++denominator;
    if (yes) ++numerator;
  }
  nlohmann::json ToJson() const {
    nlohmann::json j{{"numerator", numerator}, {"denominator", denominator}};
    j["value"] = denominator == 0 ? nlohmann::json(nullptr)
                                  : nlohmann::json(static_cast<double>(numerator) / static_cast<double>(denominator));
    return j;
  }
};

// The indicator ids in report order.
const std::vector<std::string>& IndicatorIds();

// For the formats of the report's JSON: the member `key` of an object (nullptr when `j` is no
// object or has none), and whether a figure is `{"suppressed": true}`.
const nlohmann::json* Field(const nlohmann::json& j, const char* key);
bool IsSuppressed(const nlohmann::json& figure);

}  // namespace tov::report
