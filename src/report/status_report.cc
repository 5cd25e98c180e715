// Status report indicators (docs/indicators.md, docs/indicators.md). One pass over the citizens folds
// each course as known at T and adds it to the figures of the total and of its municipality.
#include "report/status_report.h"

#include <algorithm>
#include <map>

#include "report/housing.h"
#include "report/suppression.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

struct WorkerLoad {
  int64_t open = 0;
  std::map<std::string, int64_t> by_method;
};

struct Figures {
  int64_t homeless = 0;
  std::map<std::string, int64_t> by_situation, by_age, by_referral;
  int64_t under_25 = 0, street = 0, youth_in_shelter = 0, over_6 = 0, over_6_all = 0;
  int64_t action_plan = 0, supported = 0, release_without_housing = 0, cti_over_9 = 0;
  Rate retention;
  std::map<std::string, Rate> retention_by_method;
  std::vector<int> days_to_housing;
  int64_t new_citizens = 0;
  std::map<std::string, WorkerLoad> caseload;
  AllocationFigures allocation;  // DESIGN §9 (report/housing.h)
};

json Count(int64_t n) { return json{{"value", n}}; }

json Splits(const std::map<std::string, int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m)
    if (v != 0) j[k] = v;
  return j;
}

json ToJson(const Figures& f, const std::map<std::string, int64_t>& contacts_30d) {
  json j;
  j["homeless"] = Count(f.homeless);
  j["homeless"]["by_situation"] = Splits(f.by_situation);
  j["homeless"]["by_age"] = Splits(f.by_age);
  j["homeless_under_25_share"] = Rate{f.under_25, f.homeless}.ToJson();
  j["street_sleepers"] = Count(f.street);
  j["youth_in_shelter"] = Count(f.youth_in_shelter);
  j["shelter_over_6_months"] = Count(f.over_6);
  j["shelter_over_6_months_all"] = Count(f.over_6_all);
  j["action_plan_offered"] = Rate{f.action_plan, f.homeless}.ToJson();
  j["support_coverage"] = Rate{f.supported, f.homeless}.ToJson();
  j["release_without_housing"] = Count(f.release_without_housing);
  j["cti_over_9_months"] = Count(f.cti_over_9);
  j["housing_retention_12m"] = f.retention.ToJson();
  json by_method = json::object();
  for (const auto& [m, r] : f.retention_by_method)
    if (r.denominator > 0) by_method[m] = r.ToJson();
  j["housing_retention_12m"]["by_method"] = by_method;
  j["days_to_housing_median"] = json{{"value", Median(f.days_to_housing)}};
  j["new_citizens_12m"] = Count(f.new_citizens);
  j["new_citizens_12m"]["by_referral"] = Splits(f.by_referral);
  json caseload = json::object();
  for (const auto& [worker, load] : f.caseload) {
    json w = Count(load.open);
    w["by_method"] = Splits(load.by_method);
    auto it = contacts_30d.find(worker);
    w["contacts_30d"] = it == contacts_30d.end() ? 0 : it->second;
    caseload[worker] = w;
  }
  j["caseload"] = caseload;
  AllocationJson(f.allocation, j);
  return j;
}

// Adds one citizen's course, as of X, to the figures.
void AddCitizen(const CitizenCourse& c, Date x, Figures& f) {
  const Date year_ago = x.AddMonths(-12);
  const bool dead = c.DeadOn(x);
  const int age = c.AgeOn(x).value_or(0);

  if (!dead) {
    auto situation = c.SituationOn(x);
    if (c.HomelessOn(x)) {
      ++f.homeless;
      ++f.by_situation[std::string(SituationName(*situation))];
      ++f.by_age[AgeBand(age)];
      if (age < 25) ++f.under_25;
      if (c.HasActionPlanBy(x)) ++f.action_plan;
      if (!c.OpenCourses(x).empty()) ++f.supported;
    }
    if (situation == Situation::kStreet) ++f.street;
    if (situation == Situation::kShelter) {
      if (age < 30) ++f.youth_in_shelter;
      Date start = *c.RunStart(x, Situation::kShelter);
      if (x > start.AddMonths(6)) {
        ++f.over_6_all;
        if (c.ReadyForHousingOn(x)) ++f.over_6;
      }
    }
    if (c.ReleaseWithoutHousingOn(x)) ++f.release_without_housing;
  }

  // Course figures count every course as recorded, the dead included.
  for (const CourseInfo* course : c.OpenCourses(x)) {
    if (course->method == Method::kCTI && x > course->start.AddMonths(9)) ++f.cti_over_9;
    auto& load = f.caseload[course->worker];
    ++load.open;
    ++load.by_method[std::string(MethodName(course->method))];
  }

  // Flows.
  auto move_ins = c.MoveIns();
  for (Date m : move_ins) {
    Date end = m.AddMonths(12);
    if (end > x) continue;
    if (c.died && *c.died < end) continue;
    bool retained = !c.AnyHomelessBaseIn(m, end);
    std::string method = "none";
    auto open = c.OpenCourses(m);
    for (Method preferred : {Method::kACT, Method::kICM, Method::kCTI}) {
      if (std::any_of(open.begin(), open.end(), [&](auto* k) { return k->method == preferred; })) {
        method = std::string(MethodName(preferred));
        break;
      }
    }
    if (method == "none" && !open.empty()) method = "other";
    for (Rate* r : {&f.retention, &f.retention_by_method[method]}) {
      ++r->denominator;
      if (retained) ++r->numerator;
    }
  }
  if (!move_ins.empty() && move_ins.front() > year_ago && move_ins.front() <= x)
    f.days_to_housing.push_back(move_ins.front() - c.registered_on);
  if (c.registered_on > year_ago && c.registered_on <= x) {
    ++f.new_citizens;
    ++f.by_referral[c.referred_by ? std::string(NameOf(kReferralNames, *c.referred_by)) : "unknown"];
  }
}

}  // namespace

json Median(std::vector<int> v) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  int64_t sum = int64_t{v[n / 2 - 1]} + v[n / 2];
  if (sum % 2 == 0) return sum / 2;
  return static_cast<double>(sum) / 2.0;
}

const char* AgeBand(int age) {
  if (age < 18) return "<18";
  if (age <= 24) return "18-24";
  if (age <= 29) return "25-29";
  if (age <= 39) return "30-39";
  if (age <= 49) return "40-49";
  if (age <= 59) return "50-59";
  return "60+";
}

const std::vector<std::string>& IndicatorIds() {
  static const std::vector<std::string> ids = {
      "homeless", "homeless_under_25_share", "street_sleepers", "youth_in_shelter",
      "shelter_over_6_months", "shelter_over_6_months_all", "action_plan_offered",
      "support_coverage", "release_without_housing", "cti_over_9_months",
      "housing_retention_12m", "days_to_housing_median", "new_citizens_12m", "caseload",
      "housing_waiting", "housing_wait_days_median", "units_vacant", "vacant_unit_days_12m",
      "offers_declined_12m", "quota_moved_in_12m"};
  return ids;
}

json StatusReport(const Journal& journal, const StatusOptions& o) {
  const Date x = o.as_of;
  Figures total;
  std::map<std::string, Figures> by_municipality;
  std::map<std::string, int64_t> contacts_30d;
  if (o.municipality) by_municipality[*o.municipality];
  const Date month_ago = x.AddDays(-30);

  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
    if (!c.registered || c.registered_on > x) continue;
    for (const auto& k : c.contacts)
      if (k.date > month_ago && k.date <= x) ++contacts_30d[k.worker];
    const std::string& m = c.MunicipalityOn(x);
    if (o.municipality && m != *o.municipality) continue;
    AddCitizen(c, x, total);
    AddCitizen(c, x, by_municipality[m]);
  }
  std::map<std::string, AllocationFigures> allocation;
  AddAllocationFigures(journal, x, o.known_at, o.municipality, total.allocation, allocation);
  for (auto& [code, a] : allocation) by_municipality[code].allocation = std::move(a);

  json out;
  out["as_of"] = x.ToString();
  out["known_at"] = o.known_at == Timestamp::Max() ? json(nullptr) : json(o.known_at.ToString());
  out["total"] = ToJson(total, contacts_30d);
  json munis = json::object();
  for (const auto& [code, f] : by_municipality) munis[code] = ToJson(f, contacts_30d);
  out["municipalities"] = munis;
  if (o.national) {
    auto bases = [](const Figures& f) {
      return SuppressionBases{static_cast<int64_t>(f.days_to_housing.size()),
                              static_cast<int64_t>(f.allocation.wait_days.size()),
                              f.allocation.dwellings_with_vacant_days};
    };
    std::map<std::string, SuppressionBases> all{{"", bases(total)}};
    for (const auto& [code, f] : by_municipality) all[code] = bases(f);
    SuppressNational(out, all);
  }
  if (o.national) out["audience"] = "national";
  return out;
}

const nlohmann::json* Field(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

bool IsSuppressed(const nlohmann::json& figure) {
  const nlohmann::json* s = Field(figure, "suppressed");
  return s && s->is_boolean() && s->get<bool>();
}

}  // namespace tov::report
