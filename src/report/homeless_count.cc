// The homeless count (docs/indicators.md, "The homeless count"): one pass over the citizens,
// each folded as known at T and looked at day by day through the week.
#include "report/homeless_count.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "report/status_csv.h"
#include "report/status_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

// The Monday of ISO week 1 of `year`: the week that holds 4 January.
Date FirstMonday(int year) {
  Date jan4 = Date::FromYmd(year, 1, 4);
  unsigned iso_day =
      std::chrono::weekday(std::chrono::sys_days(jan4.ymd())).iso_encoding();  // Mon=1
  return jan4.AddDays(1 - static_cast<int>(iso_day));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The sex a CPR number gives (its last digit: odd male, even female); nullopt without one.
std::optional<std::string> SexOf(const std::optional<std::string>& cpr) {
  if (!cpr || cpr->empty()) return std::nullopt;
  char last = cpr->back();
  if (last < '0' || last > '9') return std::nullopt;
  return (last - '0') % 2 == 1 ? "male" : "female";
}

// The method of a course open on `d`: the first in the order of Method (ACT, ICM, CTI, youth,
// outreach, release).
std::optional<Method> MethodOn(const CitizenCourse& c, Date d) {
  std::optional<Method> best;
  for (const CourseInfo* course : c.OpenCourses(d))
    if (!best || course->method < *best) best = course->method;
  return best;
}


}  // namespace

std::string IsoWeek::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

int IsoWeeksInYear(int year) { return (FirstMonday(year + 1) - FirstMonday(year)) / 7; }

std::optional<IsoWeek> ParseIsoWeek(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return std::nullopt;
  if (!AllDigits(text.substr(0, 4)) || !AllDigits(text.substr(6, 2))) return std::nullopt;
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int week = std::stoi(std::string(text.substr(6, 2)));
  if (year < 1800 || year > 2199) return std::nullopt;
  if (week < 1 || week > IsoWeeksInYear(year)) return std::nullopt;
  return IsoWeek{year, week, FirstMonday(year).AddDays(7 * (week - 1))};
}

std::string IsoWeekError(std::string_view text) {
  if (text.size() == 8 && text[4] == '-' && text[5] == 'W' && AllDigits(text.substr(0, 4)) &&
      AllDigits(text.substr(6, 2))) {
    const int year = std::stoi(std::string(text.substr(0, 4)));
    if (year >= 1800 && year <= 2199)
      return "must be a week of " + std::to_string(year) + ", which has weeks 01 to " +
             std::to_string(IsoWeeksInYear(year));
    return "must be in the years 1800 to 2199";
  }
  return "must be an ISO week YYYY-Www, such as 2024-W06";
}

std::map<std::string, std::vector<CountPerson>> HomelessCount(const Journal& journal,
                                                              const CountOptions& o) {
  std::map<std::string, std::vector<CountPerson>> out;
  if (o.municipality) out[*o.municipality];
  const Date sunday = o.week.sunday();
  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    const std::string& key = journal.citizens()[i];
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
    if (!c.registered || c.registered_on > sunday) continue;
    for (Date d = std::max(o.week.monday, c.registered_on); d <= sunday; d = d.AddDays(1)) {
      if (c.DeadOn(d)) break;
      if (!c.HomelessOn(d)) continue;
      const std::string& m = c.MunicipalityOn(d);
      if (o.municipality && m != *o.municipality) break;
      CountPerson p{o.pseudonym ? o.pseudonym(key) : key,
                    m,
                    *c.SituationOn(d),
                    d,
                    std::nullopt,
                    SexOf(c.CprOn(d)),
                    MethodOn(c, d)};
      if (auto age = c.AgeOn(d)) p.age_band = AgeBand(*age);
      out[m].push_back(std::move(p));
      break;
    }
  }
  for (auto& [m, persons] : out)
    std::sort(persons.begin(), persons.end(),
              [](const CountPerson& a, const CountPerson& b) { return a.citizen < b.citizen; });
  return out;
}

json CountJson(const IsoWeek& week,
               const std::map<std::string, std::vector<CountPerson>>& persons) {
  json munis = json::object();
  for (const auto& [m, list] : persons) {
    json a = json::array();
    for (const CountPerson& p : list) {
      json j{{"citizen", p.citizen}, {"situation", SituationName(p.situation)}};
      if (p.age_band) j["age_band"] = *p.age_band;
      if (p.sex) j["sex"] = *p.sex;
      a.push_back(std::move(j));
    }
    munis[m] = std::move(a);
  }
  return json{{"week", week.ToString()},
              {"from", week.monday.ToString()},
              {"to", week.sunday().ToString()},
              {"municipalities", std::move(munis)}};
}

std::string CountCsv(const std::map<std::string, std::vector<CountPerson>>& persons,
                     bool pseudonymised) {
  std::string out = pseudonymised ? "municipality,pseudonym,situation,age_band,method\r\n"
                                  : "municipality,citizen,situation,age_band,method\r\n";
  for (const auto& [m, list] : persons)
    for (const CountPerson& p : list) {
      out += CsvField(m) + ',' + CsvField(p.citizen) + ',' +
             std::string(SituationName(p.situation)) + ',' + p.age_band.value_or("") + ',' +
             (p.method ? std::string(MethodName(*p.method)) : "") + "\r\n";
    }
  return out;
}

}  // namespace tov::report
