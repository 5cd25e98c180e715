// The eight alert rules.
#include "report/alerts.h"

#include <algorithm>

#include "report/housing.h"

namespace tov::report {

const std::vector<std::string>& ThresholdKeys() {
  static const std::vector<std::string> keys = {
      "shelter_months", "youth_age", "cti_months", "release_days", "action_plan_days", "offer_days",
      "priority_homeless_day", "priority_street", "priority_youth", "priority_release",
      "priority_shelter_ready"};
  return keys;
}

bool SetThreshold(Thresholds& t, const std::string& key, const std::string& value) {
  if (value.empty() || value.size() > 4 || !std::all_of(value.begin(), value.end(), ::isdigit))
    return false;
  int v = std::stoi(value);
  if (key == "shelter_months" && v >= 1 && v <= 60) t.shelter_months = v;
  else if (key == "youth_age" && v >= 18 && v <= 40) t.youth_age = v;
  else if (key == "cti_months" && v >= 1 && v <= 36) t.cti_months = v;
  else if (key == "release_days" && v >= 1 && v <= 365) t.release_days = v;
  else if (key == "action_plan_days" && v >= 0 && v <= 365) t.action_plan_days = v;
  else if (key == "offer_days" && v >= 1 && v <= 365) t.offer_days = v;
  else if (key == "priority_homeless_day" && v <= 100) t.priority_homeless_day = v;
  else if (key == "priority_street" && v <= 10000) t.priority_street = v;
  else if (key == "priority_youth" && v <= 10000) t.priority_youth = v;
  else if (key == "priority_release" && v <= 10000) t.priority_release = v;
  else if (key == "priority_shelter_ready" && v <= 10000) t.priority_shelter_ready = v;
  else return false;
  return true;
}

Thresholds ThresholdsFor(const ThresholdSettings& settings, const std::string& municipality) {
  Thresholds t;
  for (const auto& [k, v] : settings)
    if (k.first == "*") SetThreshold(t, k.second, v);
  for (const auto& [k, v] : settings)
    if (k.first == municipality) SetThreshold(t, k.second, v);
  return t;
}

std::vector<Alert> AlertsFor(const CitizenCourse& c, Date x, const Thresholds& t) {
  std::vector<Alert> out;
  if (!c.registered || c.registered_on > x || c.DeadOn(x)) return out;
  const std::string& m = c.MunicipalityOn(x);
  auto add = [&](const char* rule, Date since) { out.push_back({rule, c.key, m, since}); };
  auto situation = c.SituationOn(x);
  const bool homeless = c.HomelessOn(x);
  const int age = c.AgeOn(x).value_or(0);

  if (situation == Situation::kShelter) {
    Date start = *c.RunStart(x, Situation::kShelter);
    Date limit = start.AddMonths(t.shelter_months);
    if (x > limit && c.ReadyForHousingOn(x)) add("shelter_over_6_months", limit.AddDays(1));
    if (age < t.youth_age) add("youth_in_shelter", start);
  }
  std::optional<Date> cti_since;
  for (const CourseInfo* course : c.OpenCourses(x)) {
    Date limit = course->start.AddMonths(t.cti_months);
    if (course->method == Method::kCTI && x > limit)
      cti_since = cti_since ? std::min(*cti_since, limit.AddDays(1)) : limit.AddDays(1);
  }
  if (cti_since) add("cti_over_9_months", *cti_since);
  if (c.ReleaseWithoutHousingOn(x, t.release_days)) add("release_without_housing", c.ReleaseInForce(x)->date);
  if (situation == Situation::kStreet) add("street_sleeper", *c.RunStart(x, Situation::kStreet));
  if (homeless && x - c.registered_on > t.action_plan_days && !c.HasActionPlanBy(x))
    add("no_action_plan", c.registered_on.AddDays(t.action_plan_days + 1));
  if (auto since = OfferStalledSince(c, x, t)) add("offer_stalled", *since);
  if (homeless) {
    Date year_ago = x.AddMonths(-12);
    for (Date m_in : c.MoveIns()) {
      if (m_in >= year_ago && m_in < x) {
        add("returned_to_homelessness", c.HomelessRunStart(x).value_or(x));
        break;
      }
    }
  }
  return out;
}

std::vector<Alert> Alerts(const Journal& journal, const AlertOptions& o) {
  std::vector<Alert> all;
  for (const std::string& key : journal.citizens()) {
    CitizenCourse c = journal.CourseOf(key, o.known_at);
    if (!c.registered || c.registered_on > o.as_of) continue;
    const std::string& m = c.MunicipalityOn(o.as_of);
    if (o.municipality && m != *o.municipality) continue;
    auto it = o.per_municipality.find(m);
    const Thresholds& t = it == o.per_municipality.end() ? o.defaults : it->second;
    for (Alert& a : AlertsFor(c, o.as_of, t)) all.push_back(std::move(a));
  }
  std::sort(all.begin(), all.end(), [](const Alert& a, const Alert& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.citizen < b.citizen;
  });
  return all;
}

nlohmann::json AlertsJson(Date as_of, const std::vector<Alert>& alerts) {
  nlohmann::json list = nlohmann::json::array();
  for (const Alert& a : alerts)
    list.push_back({{"rule", a.rule}, {"citizen", a.citizen}, {"municipality", a.municipality},
                    {"since", a.since.ToString()}});
  return {{"as_of", as_of.ToString()}, {"alerts", list}};
}

}  // namespace tov::report
