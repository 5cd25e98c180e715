// Monthly trend of `homeless`, `youth_in_shelter`, `street_sleepers` and `shelter_over_6_months`
// (docs/indicators.md definitions) for the charts of
// the HTML report and the dashboard: one fold per citizen, evaluated at each month end.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/journal.h"

namespace tov::report {

struct TrendPoint {
  Date date;  // the last day of the month (the as-of date for the last point)
  int64_t homeless = 0;
  int64_t youth_in_shelter = 0;
  int64_t street_sleepers = 0;
  int64_t shelter_over_6_months = 0;  // ready for housing, as the report id
};

// `months` points ending at `as_of` (the last point is as_of itself; the others the last day of
// each earlier month), for one municipality or all.
std::vector<TrendPoint> MonthlyTrend(const Journal& journal, Date as_of, Timestamp known_at,
                                     const std::optional<std::string>& municipality,
                                     int months = 24);

// The same points for the total (all municipalities, or only `municipality` when given) and for
// each municipality at once, from one fold per citizen; a citizen counts at each point in the
// municipality that is responsible on that date. Municipalities with no citizen at any point
// are left out of `municipalities`.
struct TrendSet {
  std::vector<TrendPoint> total;
  std::map<std::string, std::vector<TrendPoint>> municipalities;
};
TrendSet MonthlyTrends(const Journal& journal, Date as_of, Timestamp known_at,
                       const std::optional<std::string>& municipality, int months = 24);

// The `months` dates of MonthlyTrend: month ends, the last one replaced by `as_of`.
std::vector<Date> TrendDates(Date as_of, int months);

}  // namespace tov::report
