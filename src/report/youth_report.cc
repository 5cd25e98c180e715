// The youth report: one pass over the citizens, each folded as known at T; the youth model's
// entries are read from the course's entries (the fold keeps only what every report needs).
#include "report/youth_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/status_report.h"
#include "report/suppression.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

struct Figures {
  int64_t cohort = 0;
  std::map<std::string, int64_t> by_age;
  Rate never_homeless, from_other, with_background, in_education_or_work, with_plan, with_goals,
      team_complete;
  std::map<std::string, Rate> background;  // of those with a youth_background
  int64_t stay_days = 0;
  std::map<std::string, int64_t> stays_by_situation;
  YouthSuppressionBases bases;  // the citizens behind the stays (national audience)
};

json Splits(const std::map<std::string, int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m)
    if (v != 0) j[k] = v;
  return j;
}

json ToJson(const Figures& f) {
  json j;
  j["youth_cohort"] = json{{"value", f.cohort}, {"by_age", Splits(f.by_age)}};
  j["youth_never_homeless_share"] = f.never_homeless.ToJson();
  j["youth_from_other_municipality_share"] = f.from_other.ToJson();
  j["youth_background_share"] = f.with_background.ToJson();
  json by = json::object();
  for (const char* k : {"former_placement", "family_case", "own_family_case", "none"}) {
    auto it = f.background.find(k);
    by[k] = it == f.background.end() ? Rate{}.ToJson() : it->second.ToJson();
  }
  j["youth_background_share"]["by_background"] = by;
  j["youth_in_education_or_work_share"] = f.in_education_or_work.ToJson();
  j["youth_with_plan_share"] = f.with_plan.ToJson();
  j["youth_with_goals_share"] = f.with_goals.ToJson();
  j["youth_team_complete_share"] = f.team_complete.ToJson();
  j["youth_stays"] = json{{"value", f.stay_days}, {"by_situation", Splits(f.stays_by_situation)}};
  return j;
}

// The latest entry of type T dated on or before `x` (entries are in course order).
template <typename T>
const T* LatestBy(const CitizenCourse& c, Date x) {
  const T* found = nullptr;
  for (const Entry* e : c.entries) {
    if (e->date > x) break;
    if (const T* b = e->As<T>()) found = b;
  }
  return found;
}

bool AnyBy(const CitizenCourse& c, Kind kind, Date x) {
  for (const Entry* e : c.entries) {
    if (e->date > x) break;
    if (e->kind() == kind) return true;
  }
  return false;
}

// A team is complete with a coordinator, the young person and at least two more roles.
bool TeamComplete(const YouthTeam& team) {
  std::set<YouthRole> roles;
  for (const auto& m : team.members) roles.insert(m.role);
  if (!roles.count(YouthRole::kCoordinator) || !roles.count(YouthRole::kYoungPerson)) return false;
  return roles.size() >= 4;
}

// Adds a citizen of the cohort; `first` and `last` are the first-started and last-started
// youth courses that put them in it.
void AddCitizen(const CitizenCourse& c, Date x, const CourseInfo& first, const CourseInfo& last,
                const std::string& municipality, Figures& f) {
  ++f.cohort;
  if (auto age = c.AgeOn(x)) ++f.by_age[AgeBand(*age)];

  // Never HOMELESS before or during the course: from the first known day to the day before the
  // last course's end (or X while it is open).
  Date from = c.registered_on;
  if (!c.situations.empty()) from = std::min(from, c.situations.front().from);
  const Date to = last.OpenOn(x) ? x : last.end->AddDays(-1);
  f.never_homeless.Add(c.HomelessDaysIn(from, to) == 0);

  bool other = c.referred_by == Referral::kOtherMunicipality;
  for (const auto& [d, dest] : c.moves)
    if (d <= first.start && dest == municipality) other = true;
  f.from_other.Add(other);

  const YouthBackground* b = LatestBy<YouthBackground>(c, x);
  f.with_background.Add(b != nullptr);
  if (b) {
    f.background["former_placement"].Add(b->former_placement);
    f.background["family_case"].Add(b->family_case);
    f.background["own_family_case"].Add(b->own_family_case);
    f.background["none"].Add(!b->former_placement && !b->family_case && !b->own_family_case);
  }
  const YouthStatus* s = LatestBy<YouthStatus>(c, x);
  f.in_education_or_work.Add(
      s && (s->activity == Activity::kEducation || s->activity == Activity::kEmployment));
  f.with_plan.Add(AnyBy(c, Kind::kAssessment, x) && AnyBy(c, Kind::kActionPlan, x));
  f.with_goals.Add(AnyBy(c, Kind::kYouthGoal, x));
  const YouthTeam* team = LatestBy<YouthTeam>(c, x);
  f.team_complete.Add(team && TeamComplete(*team));

  // Days in each situation in (X − 12 months, X], from registration, up to the day before death.
  Date lo = std::max(x.AddMonths(-12).AddDays(1), c.registered_on);
  Date hi = c.died ? std::min(x, c.died->AddDays(-1)) : x;
  std::set<std::string> stayed;
  for (size_t i = 0; i < c.situations.size(); ++i) {
    const Date start = std::max(c.situations[i].from, lo);
    const Date end =
        i + 1 < c.situations.size() ? std::min(c.situations[i + 1].from.AddDays(-1), hi) : hi;
    if (start > end) continue;
    f.stay_days += end - start + 1;
    const std::string situation(SituationName(c.situations[i].situation));
    f.stays_by_situation[situation] += end - start + 1;
    stayed.insert(situation);
  }
  if (!stayed.empty()) ++f.bases.stay_citizens;
  for (const std::string& s : stayed) ++f.bases.stay_citizens_by_situation[s];
}

}  // namespace

const std::vector<std::string>& YouthIndicatorIds() {
  static const std::vector<std::string> ids = {"youth_cohort",
                                               "youth_never_homeless_share",
                                               "youth_from_other_municipality_share",
                                               "youth_background_share",
                                               "youth_in_education_or_work_share",
                                               "youth_with_plan_share",
                                               "youth_with_goals_share",
                                               "youth_team_complete_share",
                                               "youth_stays"};
  return ids;
}

json YouthReport(const Journal& journal, const YouthOptions& o) {
  const Date x = o.as_of;
  const Date year_ago = x.AddMonths(-12);
  Figures total;
  std::map<std::string, Figures> by_municipality;
  if (o.municipality) by_municipality[*o.municipality];
  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
    if (!c.registered || c.registered_on > x) continue;
    const CourseInfo* first = nullptr;
    const CourseInfo* last = nullptr;
    for (const CourseInfo& course : c.courses) {
      if (course.method != Method::kYouth) continue;
      const bool in =
          course.OpenOn(x) || (course.end && *course.end > year_ago && *course.end <= x);
      if (!in) continue;
      if (!first) first = &course;
      last = &course;  // courses are in order of start
    }
    if (!first) continue;
    const std::string& m = c.MunicipalityOn(x);
    if (o.municipality && m != *o.municipality) continue;
    AddCitizen(c, x, *first, *last, m, total);
    AddCitizen(c, x, *first, *last, m, by_municipality[m]);
  }
  json out;
  out["as_of"] = x.ToString();
  out["known_at"] = o.known_at == Timestamp::Max() ? json(nullptr) : json(o.known_at.ToString());
  out["total"] = ToJson(total);
  json munis = json::object();
  for (const auto& [code, f] : by_municipality) munis[code] = ToJson(f);
  out["municipalities"] = munis;
  if (o.national) {
    std::map<std::string, YouthSuppressionBases> bases{{"", total.bases}};
    for (const auto& [code, f] : by_municipality) bases[code] = f.bases;
    SuppressNationalYouth(out, bases);
    out["audience"] = "national";
  }
  return out;
}

}  // namespace tov::report
