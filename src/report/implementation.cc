// The implementation report: the municipality entries (stages, support) read in journal order,
// and one pass over the citizens, each folded as known at T, for the fidelity figures.
#include "report/implementation.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "report/status_report.h"
#include "report/suppression.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

// Contacts and days of a CTI course in each phase, within the 12 months up to X.
struct PhaseIntensity {
  int64_t contacts[3] = {0, 0, 0};
  int64_t days[3] = {0, 0, 0};
  int64_t courses = 0;
  void Add(const PhaseIntensity& o) {
    for (int p = 0; p < 3; ++p) {
      contacts[p] += o.contacts[p];
      days[p] += o.days[p];
    }
    courses += o.courses;
  }
  json ToJson() const {
    json by_phase = json::object();
    for (int p = 0; p < 3; ++p) {
      json x{{"contacts", contacts[p]}, {"days", days[p]}};
      x["value"] = days[p] == 0 ? json(nullptr)
                                : json(30.0 * static_cast<double>(contacts[p]) / static_cast<double>(days[p]));
      by_phase[std::to_string(p + 1)] = x;
    }
    return json{{"courses", courses}, {"by_phase", by_phase}};
  }
};

// The figures of one group of courses: a municipality, one of its methods, or one of its workers.
struct Group {
  int64_t open = 0;             // courses open on X
  std::set<std::string> workers;  // holding them
  Rate contacts_per_course;    // contacts in (X − 30 days, X] of the open courses / open courses
  PhaseIntensity cti;
  Rate cti_completed, dropout;
  std::vector<int> days_to_course;
};

struct Figures {
  Group all;
  std::map<std::string, Group> by_method, by_worker;
  std::map<std::string, int64_t> worker_caseload;                        // open courses per worker
  std::map<std::string, std::map<std::string, int64_t>> worker_by_method;  // … by method
};

// Every group a course of `method` held by `worker` counts in.
template <typename F>
void ForGroups(Figures& f, Method method, const std::string& worker, F&& fn) {
  fn(f.all);
  fn(f.by_method[std::string(MethodName(method))]);
  fn(f.by_worker[worker]);
}

// The contacts that belong to a course: with its citizen, by its worker, on a day it is open. A
// contact that fits several courses of the citizen belongs to the first (in order of start).
std::vector<std::vector<const ContactInfo*>> ContactsOfCourses(const CitizenCourse& c) {
  std::vector<std::vector<const ContactInfo*>> out(c.courses.size());
  for (const ContactInfo& k : c.contacts) {
    for (size_t i = 0; i < c.courses.size(); ++i) {
      const CourseInfo& course = c.courses[i];
      if (course.worker == k.worker && course.OpenOn(k.date)) {
        out[i].push_back(&k);
        break;
      }
    }
  }
  return out;
}

void AddCitizen(const CitizenCourse& c, Date x, Figures& f) {
  const Date year_ago = x.AddMonths(-12);
  const Date month_ago = x.AddDays(-30);
  const auto contacts = ContactsOfCourses(c);
  for (size_t i = 0; i < c.courses.size(); ++i) {
    const CourseInfo& course = c.courses[i];
    if (course.start > x) continue;
    const std::string method(MethodName(course.method));
    if (course.OpenOn(x)) {
      int64_t recent = 0;
      for (const ContactInfo* k : contacts[i])
        if (k->date > month_ago && k->date <= x) ++recent;
      ForGroups(f, course.method, course.worker, [&](Group& g) {
        ++g.open;
        g.workers.insert(course.worker);
        ++g.contacts_per_course.denominator;
        g.contacts_per_course.numerator += recent;
      });
      ++f.worker_caseload[course.worker];
      ++f.worker_by_method[course.worker][method];
    }
    const bool ended_in_year = course.end && *course.end > year_ago && *course.end <= x;
    if (ended_in_year) {
      const EndReason r = *course.end_reason;
      const bool dropped = r == EndReason::kDeclined || r == EndReason::kNoContact;
      ForGroups(f, course.method, course.worker, [&](Group& g) {
        ++g.dropout.denominator;
        if (dropped) ++g.dropout.numerator;
      });
      if (course.method == Method::kCTI) {
        const bool completed = r == EndReason::kCompleted || r == EndReason::kGoalsMet;
        ForGroups(f, course.method, course.worker, [&](Group& g) {
          ++g.cti_completed.denominator;
          if (completed) ++g.cti_completed.numerator;
        });
      }
    }
    if (course.method == Method::kCTI) {
      // The days the course was open in (X − 12 months, X], each in the phase it was in then.
      Date from = std::max(course.start, year_ago.AddDays(1));
      Date to = course.end ? std::min(course.end->AddDays(-1), x) : x;
      if (from > to) continue;
      PhaseIntensity p;
      p.courses = 1;
      for (Date d = from; d <= to; d = d.AddDays(1)) ++p.days[course.PhaseOn(d) - 1];
      for (const ContactInfo* k : contacts[i])
        if (k->date >= from && k->date <= to) ++p.contacts[course.PhaseOn(k->date) - 1];
      ForGroups(f, course.method, course.worker, [&](Group& g) { g.cti.Add(p); });
    }
  }
  // Registration to the first start of any course, for first starts in (X − 12 months, X].
  if (!c.courses.empty()) {
    const CourseInfo& first = c.courses.front();
    if (first.start > year_ago && first.start <= x) {
      const int days = first.start - c.registered_on;
      ForGroups(f, first.method, first.worker, [&](Group& g) { g.days_to_course.push_back(days); });
    }
  }
}

json MedianJson(const std::vector<int>& days) {
  return json{{"value", Median(days)}, {"count", static_cast<int64_t>(days.size())}};
}

// The fidelity figures of one municipality (DESIGN §10), with `norms` shown against caseloads.
json FidelityJson(const Figures& f, const Thresholds& norms, bool national) {
  auto norm_json = [&](const std::string& method) {
    auto m = ParseName<Method>(kMethodNames, method);
    auto n = m ? CaseloadNorm(norms, *m) : std::nullopt;
    return n ? json(*n) : json(nullptr);
  };
  // A worker's norm: the strictest of the methods whose courses they hold (a worker with ACT
  // courses works in an ACT team).
  auto worker_norm = [&](const std::string& worker) -> std::optional<int> {
    std::optional<int> n;
    auto it = f.worker_by_method.find(worker);
    if (it == f.worker_by_method.end()) return n;
    for (const auto& [method, count] : it->second) {
      auto m = ParseName<Method>(kMethodNames, method);
      if (auto k = m ? CaseloadNorm(norms, *m) : std::nullopt; k && (!n || *k < *n)) n = k;
    }
    return n;
  };
  auto caseload_of = [&](const std::string& worker) {
    auto it = f.worker_caseload.find(worker);
    return it == f.worker_caseload.end() ? int64_t{0} : it->second;
  };

  json fidelity;
  // caseload
  {
    json c = Rate{f.all.open, static_cast<int64_t>(f.all.workers.size())}.ToJson();
    c["norms"] = json{{"ACT", norms.caseload_norm_act}, {"ICM", norms.caseload_norm_icm},
                      {"CTI", norms.caseload_norm_cti}};
    json by_method = json::object();
    for (const auto& [method, g] : f.by_method) {
      if (g.open == 0) continue;
      json m = Rate{g.open, static_cast<int64_t>(g.workers.size())}.ToJson();
      m["norm"] = norm_json(method);
      if (m["norm"].is_null()) {
        m["workers_over_norm"] = nullptr;
      } else {
        int64_t over = 0;
        for (const std::string& w : g.workers)
          if (caseload_of(w) > m["norm"].get<int64_t>()) ++over;
        m["workers_over_norm"] = over;
      }
      by_method[method] = m;
    }
    c["by_method"] = by_method;
    if (!national) {
      json by_worker = json::object();
      for (const auto& [worker, n] : f.worker_caseload) {
        json w{{"value", n}};
        json split = json::object();
        for (const auto& [method, k] : f.worker_by_method.at(worker)) split[method] = k;
        w["by_method"] = split;
        auto norm = worker_norm(worker);
        w["norm"] = norm ? json(*norm) : json(nullptr);
        w["over_norm"] = norm ? json(n > *norm) : json(nullptr);
        by_worker[worker] = w;
      }
      c["by_worker"] = by_worker;
    }
    fidelity["caseload"] = c;
  }
  // The other figures, each in total, per method (where it has methods) and per worker.
  auto add = [&](const char* id, auto figure, bool per_method, auto include) {
    json j = figure(f.all);
    if (per_method) {
      json by_method = json::object();
      for (const auto& [method, g] : f.by_method)
        if (include(g)) by_method[method] = figure(g);
      j["by_method"] = by_method;
    }
    if (!national) {
      json by_worker = json::object();
      for (const auto& [worker, g] : f.by_worker)
        if (include(g)) by_worker[worker] = figure(g);
      j["by_worker"] = by_worker;
    }
    fidelity[id] = j;
  };
  add("contacts_per_course_30d", [](const Group& g) { return g.contacts_per_course.ToJson(); }, true,
      [](const Group& g) { return g.open > 0; });
  add("cti_contacts_by_phase", [](const Group& g) { return g.cti.ToJson(); }, false,
      [](const Group& g) { return g.cti.courses > 0; });
  add("cti_completed_share", [](const Group& g) { return g.cti_completed.ToJson(); }, false,
      [](const Group& g) { return g.cti_completed.denominator > 0; });
  add("dropout_share", [](const Group& g) { return g.dropout.ToJson(); }, true,
      [](const Group& g) { return g.dropout.denominator > 0; });
  add("days_to_course_median", [](const Group& g) { return MedianJson(g.days_to_course); }, true,
      [](const Group& g) { return !g.days_to_course.empty(); });
  return fidelity;
}

// What the municipality entries (known at T, voids applied) say of each municipality on X.
struct MunicipalityFacts {
  std::map<std::string, const Entry*> latest_status;  // method → the implementation_status in force
  int64_t minutes = 0;
  std::map<std::string, int64_t> by_activity, by_topic;
};

std::map<std::string, MunicipalityFacts> ReadMunicipalityEntries(const Journal& journal, Date x, Timestamp known_at) {
  const Date year_ago = x.AddMonths(-12);
  std::unordered_set<std::string_view> voided;
  for (const Entry* e : journal.municipality_entries())
    if (e->recorded <= known_at)
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
  std::map<std::string, MunicipalityFacts> out;
  for (const Entry* e : journal.municipality_entries()) {
    if (e->recorded > known_at || e->date > x || voided.count(e->id) || e->kind() == Kind::kVoid) continue;
    MunicipalityFacts& m = out[e->municipality];
    if (const auto* s = e->As<ImplementationStatus>()) {
      // The latest in course order: date, then recorded, then journal position.
      const Entry*& in_force = m.latest_status[std::string(NameOf(kImplMethodNames, s->method))];
      if (!in_force || CourseOrder(*in_force, *e)) in_force = e;
    } else if (const auto* a = e->As<SupportActivity>()) {
      if (e->date <= year_ago) continue;
      // A network activity counts for the municipality that records it, not those `with` it.
      m.minutes += a->minutes;
      m.by_activity[std::string(NameOf(kSupportKindNames, a->activity))] += a->minutes;
      m.by_topic[std::string(NameOf(kSupportTopicNames, a->topic))] += a->minutes;
    }
  }
  return out;
}

json Splits(const std::map<std::string, int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m)
    if (v != 0) j[k] = v;
  return j;
}

// National audience (DESIGN §5): a ratio of courses or citizens is hidden whole when its
// numerator, its denominator or their difference is 1 to 4, a median when it rests on 1 to 4
// citizens, a phase's figure when its contacts are 1 to 4; where one method of a split is hidden,
// the smallest shown one is hidden too, so that none is found by subtraction from the total; a
// hidden figure is hidden whole, with its split.
bool Small(int64_t n) { return n >= 1 && n <= 4; }

bool HideRatio(const json& r) {
  const int64_t n = r.value("numerator", int64_t{0}), d = r.value("denominator", int64_t{0});
  return Small(n) || Small(d) || Small(d - n);
}

void SuppressSplit(json& figure, const char* count_key, bool (*hide)(const json&)) {
  json* by = figure.contains("by_method") ? &figure["by_method"] : nullptr;
  std::vector<std::string> keys;
  const json suppressed{{"suppressed", true}};
  if (hide(figure)) {
    figure = suppressed;
    return;
  }
  std::vector<int64_t> values{figure.value(count_key, int64_t{0})};
  std::vector<bool> hidden{false};
  if (by)
    for (auto it = by->begin(); it != by->end(); ++it) {
      keys.push_back(it.key());
      values.push_back(it->value(count_key, int64_t{0}));
      hidden.push_back(hide(*it));
    }
  hidden = SuppressSum(values, hidden);
  if (by)
    for (size_t i = 0; i < keys.size(); ++i)
      if (hidden[i + 1]) (*by)[keys[i]] = suppressed;
  // A hidden figure is hidden whole, its split too (as the status report's).
  if (hidden[0]) figure = suppressed;
}

void SuppressFidelity(json& fidelity) {
  // Caseload: courses over workers; the workers over the norm are hidden with their method.
  SuppressSplit(fidelity["caseload"], "numerator", HideRatio);
  for (const char* id : {"contacts_per_course_30d", "dropout_share"})
    SuppressSplit(fidelity[id], "denominator", HideRatio);
  json& cti = fidelity["cti_completed_share"];
  if (HideRatio(cti)) cti = json{{"suppressed", true}};
  json& phases = fidelity["cti_contacts_by_phase"];
  if (Small(phases.value("courses", int64_t{0}))) {
    phases = json{{"suppressed", true}};
  } else {
    for (auto& [p, v] : phases["by_phase"].items())
      if (Small(v.value("contacts", int64_t{0}))) v = json{{"suppressed", true}};
  }
  SuppressSplit(fidelity["days_to_course_median"], "count",
                [](const json& m) { return Small(m.value("count", int64_t{0})); });
}

}  // namespace

std::optional<int> CaseloadNorm(const Thresholds& t, Method method) {
  switch (method) {
    case Method::kACT: return t.caseload_norm_act;
    case Method::kICM: return t.caseload_norm_icm;
    case Method::kCTI: return t.caseload_norm_cti;
    default: return std::nullopt;
  }
}

const std::vector<std::string>& FidelityIds() {
  static const std::vector<std::string> ids = {"caseload", "contacts_per_course_30d", "cti_contacts_by_phase",
                                               "cti_completed_share", "dropout_share", "days_to_course_median"};
  return ids;
}

json ImplementationReport(const Journal& journal, const ImplementationOptions& o) {
  const Date x = o.as_of;
  std::map<std::string, Figures> figures;
  auto facts = ReadMunicipalityEntries(journal, x, o.known_at);
  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
    if (!c.registered || c.registered_on > x) continue;
    const std::string& m = c.MunicipalityOn(x);
    if (o.municipality && m != *o.municipality) continue;
    AddCitizen(c, x, figures[m]);
  }
  std::set<std::string> codes;
  for (const auto& [code, f] : figures) codes.insert(code);
  for (const auto& [code, f] : facts) codes.insert(code);
  if (o.municipality) codes = {*o.municipality};

  json munis = json::object();
  for (const std::string& code : codes) {
    json m;
    json methods = json::object();
    const MunicipalityFacts& mf = facts[code];
    for (const auto& [method, e] : mf.latest_status)
      methods[method] = json{{"stage", std::string(NameOf(kImplStageNames, e->As<ImplementationStatus>()->stage))},
                             {"date", e->date.ToString()}};
    m["methods"] = methods;
    m["support_minutes_12m"] =
        json{{"value", mf.minutes}, {"by_activity", Splits(mf.by_activity)}, {"by_topic", Splits(mf.by_topic)}};
    auto t = o.per_municipality.find(code);
    m["fidelity"] = FidelityJson(figures[code], t == o.per_municipality.end() ? o.defaults : t->second, o.national);
    if (o.national) SuppressFidelity(m["fidelity"]);
    munis[code] = m;
  }
  json out;
  out["as_of"] = x.ToString();
  out["municipalities"] = munis;
  return out;
}

}  // namespace tov::report
