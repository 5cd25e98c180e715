// The homeless count (hjemløsetællingen, VIVE's national count in week 6 every second year;
// docs/indicators.md, "The homeless count"): the citizens HOMELESS on any day of an ISO week,
// each once, in the situation and municipality of the first such day. Pure: the journal, the
// week and a pseudonymiser come in; the persons go out, as JSON or as the count's CSV form.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/journal.h"

namespace tov::report {

// An ISO 8601 week (Monday to Sunday) of an ISO week-numbering year.
struct IsoWeek {
  int year = 0;
  int week = 0;
  Date monday;
  Date sunday() const { return monday.AddDays(6); }
  std::string ToString() const;  // YYYY-Www
};

// The number of ISO weeks (52 or 53) of ISO week-numbering year `year`.
int IsoWeeksInYear(int year);
// Parses exactly YYYY-Www (e.g. 2024-W06): years 1800–2199, weeks 01 to the year's last (52 or
// 53). nullopt otherwise.
std::optional<IsoWeek> ParseIsoWeek(std::string_view text);
// The reason ParseIsoWeek refused `text`, for a field error ("must be …").
std::string IsoWeekError(std::string_view text);

// One person of the count.
struct CountPerson {
  std::string citizen;                  // the key, or the pseudonym for the national audience
  std::string municipality;             // on the first day HOMELESS in the week
  Situation situation;                  // on that day
  Date day;                             // that day
  std::optional<std::string> age_band;  // the §5 band on that day, when the age is known
  std::optional<std::string> sex;       // "male" / "female" from the CPR number, when known
  std::optional<Method> method;         // of a course open on that day (see CountCsv)
};

struct CountOptions {
  IsoWeek week;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;  // only the persons counted in this municipality
  // When set, each key is replaced by pseudonym(key) (the national audience).
  std::function<std::string(const std::string&)> pseudonym;
};

// The persons, per municipality (code → persons sorted by `citizen`).
std::map<std::string, std::vector<CountPerson>> HomelessCount(const Journal& journal,
                                                              const CountOptions& options);

// `{"week", "from", "to", "municipalities": {code: [{"citizen", "situation", "age_band"?,
// "sex"?}]}}`; a municipality asked for is there even when empty. Unknown age band or sex:
// the key is left out.
nlohmann::json CountJson(const IsoWeek& week,
                         const std::map<std::string, std::vector<CountPerson>>& persons);

// The count's person form: a header, then `municipality,pseudonym,situation,age_band,method`
// per person (the second column holds the key when not pseudonymised and is then named
// `citizen`); unknown age band or no open course: empty.
std::string CountCsv(const std::map<std::string, std::vector<CountPerson>>& persons,
                     bool pseudonymised);

}  // namespace tov::report
