// Monthly trend of the situation figures: each citizen's course is folded once (as
// known at T) and evaluated at every point with the status report's own rules (docs/indicators.md), so
// that the last point equals StatusReport(as_of) and every point equals a report run at it.
#include "report/trend.h"

namespace tov::report {

std::vector<Date> TrendDates(Date as_of, int months) {
  std::vector<Date> dates;
  if (months < 1) return dates;
  dates.reserve(static_cast<size_t>(months));
  const Date first_of_month = Date::FromYmd(as_of.year(), as_of.month(), 1);
  for (int i = months - 1; i >= 1; --i)
    dates.push_back(first_of_month.AddMonths(-i + 1).AddDays(-1));  // last day of month -i
  dates.push_back(as_of);
  return dates;
}

TrendSet MonthlyTrends(const Journal& journal, Date as_of, Timestamp known_at,
                       const std::optional<std::string>& municipality, int months) {
  TrendSet out;
  const std::vector<Date> dates = TrendDates(as_of, months);
  out.total.reserve(dates.size());
  for (Date d : dates) out.total.push_back({d, 0, 0});
  if (dates.empty()) return out;

  for (size_t n = 0; n < journal.citizens().size(); ++n) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(n, known_at, scratch);
    if (!c.registered || c.registered_on > as_of) continue;
    for (size_t i = 0; i < dates.size(); ++i) {
      const Date x = dates[i];
      if (c.registered_on > x || c.DeadOn(x)) continue;
      const std::string& m = c.MunicipalityOn(x);
      if (municipality && m != *municipality) continue;
      const bool homeless = c.HomelessOn(x);
      // The status report counts a citizen without a birth date as age 0.
      const bool youth_in_shelter =
          c.SituationOn(x) == Situation::kShelter && c.AgeOn(x).value_or(0) < 30;
      if (!homeless && !youth_in_shelter) continue;  // street and shelter stays are homeless
      const bool street = c.SituationOn(x) == Situation::kStreet;
      const auto shelter_start = c.RunStart(x, Situation::kShelter);
      const bool over_6_months = shelter_start && x > shelter_start->AddMonths(6) && c.ReadyForHousingOn(x);
      auto [it, inserted] = out.municipalities.try_emplace(m);
      if (inserted)
        for (Date d : dates) it->second.push_back({d, 0, 0});
      for (TrendPoint* p : {&out.total[i], &it->second[i]}) {
        if (homeless) ++p->homeless;
        if (youth_in_shelter) ++p->youth_in_shelter;
        if (street) ++p->street_sleepers;
        if (over_6_months) ++p->shelter_over_6_months;
      }
    }
  }
  return out;
}

std::vector<TrendPoint> MonthlyTrend(const Journal& journal, Date as_of, Timestamp known_at,
                                     const std::optional<std::string>& municipality, int months) {
  return MonthlyTrends(journal, as_of, known_at, municipality, months).total;
}

}  // namespace tov::report
