// The eight alert rules.
#include "report/alerts.h"

#include <algorithm>
#include <optional>

#include "report/housing.h"

namespace tov::report {

namespace {

// Each setting: its key, its field, and the whole numbers it may take.
struct ThresholdSpec {
  const char* key;
  int Thresholds::*field;
  int min;
  int max;
};
constexpr ThresholdSpec kThresholdSpecs[] = {
    {"shelter_months", &Thresholds::shelter_months, 1, 60},
    {"youth_age", &Thresholds::youth_age, 18, 40},
    {"cti_months", &Thresholds::cti_months, 1, 36},
    {"release_days", &Thresholds::release_days, 1, 365},
    {"action_plan_days", &Thresholds::action_plan_days, 0, 365},
    {"offer_days", &Thresholds::offer_days, 1, 365},
    {"priority_homeless_day", &Thresholds::priority_homeless_day, 0, 100},
    {"priority_street", &Thresholds::priority_street, 0, 10000},
    {"priority_youth", &Thresholds::priority_youth, 0, 10000},
    {"priority_release", &Thresholds::priority_release, 0, 10000},
    {"priority_shelter_ready", &Thresholds::priority_shelter_ready, 0, 10000},
    {"caseload_norm_act", &Thresholds::caseload_norm_act, 1, 100},
    {"caseload_norm_icm", &Thresholds::caseload_norm_icm, 1, 100},
    {"caseload_norm_cti", &Thresholds::caseload_norm_cti, 1, 100},
};

const ThresholdSpec* FindSpec(const std::string& key) {
  for (const auto& s : kThresholdSpecs)
    if (key == s.key) return &s;
  return nullptr;
}

}  // namespace

const std::vector<std::string>& ThresholdKeys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& s : kThresholdSpecs) k.push_back(s.key);
    return k;
  }();
  return keys;
}

std::optional<std::pair<int, int>> ThresholdRange(const std::string& key) {
  const ThresholdSpec* s = FindSpec(key);
  if (!s) return std::nullopt;
  return std::make_pair(s->min, s->max);
}

int ThresholdValue(const Thresholds& t, const std::string& key) {
  const ThresholdSpec* s = FindSpec(key);
  return s ? t.*(s->field) : -1;
}

bool SetThreshold(Thresholds& t, const std::string& key, const std::string& value) {
  const ThresholdSpec* s = FindSpec(key);
  if (!s || value.empty() || value.size() > 5 || !std::all_of(value.begin(), value.end(), ::isdigit))
    return false;
  int v = std::stoi(value);
  if (v < s->min || v > s->max) return false;
  t.*(s->field) = v;
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
  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
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

Followup FollowupOf(const CitizenCourse& c, const Alert& alert) {
  Followup out;
  for (const Entry* e : c.entries) {
    const AlertFollowup* f = e->As<AlertFollowup>();
    if (!f || e->date < alert.since || NameOf(kAlertRuleNames, f->rule) != alert.rule) continue;
    out.history.push_back({e->date, e->recorded, e->by, f->action, f->assignee.value_or(""), f->text.value_or("")});
    if (f->action == FollowupAction::kComment) continue;
    out.state = f->action == FollowupAction::kAssigned ? Followup::State::kAssigned : Followup::State::kAcknowledged;
    out.assignee = f->assignee.value_or("");
    out.by = e->by;
    out.date = e->date;
  }
  return out;
}

std::string_view FollowupStateName(Followup::State s) {
  switch (s) {
    case Followup::State::kNew: return "new";
    case Followup::State::kAssigned: return "assigned";
    case Followup::State::kAcknowledged: return "acknowledged";
  }
  return "new";
}

}  // namespace tov::report
