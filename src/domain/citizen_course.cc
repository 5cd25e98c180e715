// Folding a citizen's entries into their course, and the questions asked of a course.
#include "domain/citizen_course.h"

#include <algorithm>
#include <unordered_set>

#include "domain/date.h"

namespace tov {

int CourseInfo::PhaseOn(Date x) const {
  int phase = 1;
  for (const auto& [d, p] : phases)
    if (d <= x) phase = p;
  return phase;
}

CitizenCourse Fold(std::string_view key, std::span<const Entry* const> all, Timestamp known_at) {
  CitizenCourse c;
  c.key = std::string(key);
  // Most courses have no void and come in course order already: then no set and no sort.
  std::unordered_set<std::string_view> voided;
  for (const Entry* e : all)
    if (e->recorded <= known_at)
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
  c.entries.reserve(all.size());
  for (const Entry* e : all)
    if (e->recorded <= known_at && e->kind() != Kind::kVoid && (voided.empty() || !voided.count(e->id)))
      c.entries.push_back(e);
  auto in_order = [](const Entry* a, const Entry* b) { return CourseOrder(*a, *b); };
  if (!std::is_sorted(c.entries.begin(), c.entries.end(), in_order))
    std::sort(c.entries.begin(), c.entries.end(), in_order);

  for (const Entry* e : c.entries) {
    switch (e->kind()) {
      case Kind::kRegistered: {
        const auto& r = *e->As<Registered>();
        if (!c.registered) {
          c.registered = true;
          c.registered_on = e->date;
          c.registered_municipality = e->municipality;
          c.referred_by = r.referred_by;
          c.birth_date = r.birth_date;
          c.name = r.name;
          c.cpr = r.cpr;
          c.anonymous = r.anonymous;
          c.alias = r.alias;
          c.age_estimate = r.age_estimate;
        }
        break;
      }
      case Kind::kIdentified: {
        const auto& id = *e->As<Identified>();
        if (!c.identified_on) {
          c.identified_on = e->date;
          c.cpr = id.cpr;
          c.birth_date = id.birth_date;
          if (id.name) c.name = id.name;
        }
        break;
      }
      case Kind::kHousing: {
        const auto& h = *e->As<Housing>();
        SituationSpan span{e->date, h.situation, h.ready_for_housing.value_or(false), e};
        if (!c.situations.empty() && c.situations.back().from == e->date) {
          c.situations.back() = span;  // same date: the later entry wins
        } else {
          c.situations.push_back(span);
        }
        break;
      }
      case Kind::kAssessment:
        c.latest_assessment = e;
        break;
      case Kind::kActionPlan:
        if (!c.first_action_plan) c.first_action_plan = e->date;
        break;
      case Kind::kCourseStarted: {
        const auto& s = *e->As<CourseStarted>();
        if (!c.FindCourse(s.course))
          c.courses.push_back({s.course, s.method, s.worker, e->date, std::nullopt, std::nullopt, {}});
        break;
      }
      case Kind::kCoursePhase: {
        const auto& p = *e->As<CoursePhase>();
        if (auto* course = const_cast<CourseInfo*>(c.FindCourse(p.course)))
          course->phases.emplace_back(e->date, p.phase);
        break;
      }
      case Kind::kCourseEnded: {
        const auto& p = *e->As<CourseEnded>();
        if (auto* course = const_cast<CourseInfo*>(c.FindCourse(p.course))) {
          if (!course->end || e->date < *course->end) {
            course->end = e->date;
            course->end_reason = p.reason;
          }
        }
        break;
      }
      case Kind::kContact: {
        const auto& k = *e->As<Contact>();
        c.contacts.push_back({e->date, k.worker, k.mode, k.minutes});
        break;
      }
      case Kind::kReleasePlanned: {
        const auto& r = *e->As<ReleasePlanned>();
        c.releases.push_back({e->date, r.from, r.expected, r.housing_solution});
        break;
      }
      case Kind::kMoved:
        c.moves.emplace_back(e->date, e->As<Moved>()->to);
        break;
      case Kind::kDied:
        if (!c.died) c.died = e->date;
        break;
      case Kind::kDecision:
      case Kind::kHousingOffer:
      case Kind::kYouthStatus:
      case Kind::kNote:
      case Kind::kVoid:
      case Kind::kUnitListed:
      case Kind::kUnitWithdrawn:
      case Kind::kHousingApproved:
      case Kind::kHousingApprovalEnded:
      case Kind::kDepositLoan:
      case Kind::kHousingDebt:
        break;  // the allocation's kinds are read by report/housing.h
      case Kind::kYouthTeam:
      case Kind::kYouthBackground:
      case Kind::kYouthGoal:
        break;  // the youth model's kinds are read from `entries` by its report
      case Kind::kSupportActivity:
      case Kind::kImplementationStatus:
        break;  // about a municipality, never a citizen (report/implementation.h)
      case Kind::kAlertFollowup:
        break;  // read from `entries` by report::FollowupOf (report/alerts.h)
    }
  }
  return c;
}

const std::string& CitizenCourse::MunicipalityOn(Date x) const {
  const std::string* m = &registered_municipality;
  for (const auto& [d, to] : moves) {
    if (d > x) break;
    m = &to;
  }
  return *m;
}

const SituationSpan* CitizenCourse::SpanOn(Date x) const {
  auto it = std::upper_bound(situations.begin(), situations.end(), x,
                             [](Date d, const SituationSpan& s) { return d < s.from; });
  if (it == situations.begin()) return nullptr;
  return &*std::prev(it);
}

std::optional<Situation> CitizenCourse::SituationOn(Date x) const {
  const SituationSpan* s = SpanOn(x);
  if (!s) return std::nullopt;
  return s->situation;
}

const PlannedRelease* CitizenCourse::ReleaseInForce(Date x) const {
  const PlannedRelease* found = nullptr;
  for (const auto& r : releases) {
    if (r.date > x) break;
    found = &r;
  }
  return found;
}

bool CitizenCourse::ReleaseWithoutHousingOn(Date x, int days) const {
  auto s = SituationOn(x);
  if (!s || !IsInstitution(*s)) return false;
  const PlannedRelease* r = ReleaseInForce(x);
  return r && !r->housing_solution && r->expected > x && r->expected <= x.AddDays(days);
}

bool CitizenCourse::HomelessOn(Date x) const {
  auto s = SituationOn(x);
  if (!s) return false;
  if (IsHomelessBase(*s)) return true;
  return ReleaseWithoutHousingOn(x);
}

int CitizenCourse::HomelessDaysIn(Date from, Date to) const {
  // Days of [a, b] ∩ [c, d] (inclusive bounds).
  auto overlap = [](Date a, Date b, Date c, Date d) { return std::max(0, std::min(b, d) - std::max(a, c) + 1); };
  int days = 0;
  for (size_t i = 0; i < situations.size(); ++i) {
    const Date start = std::max(situations[i].from, from);
    const Date end = i + 1 < situations.size() ? std::min(situations[i + 1].from.AddDays(-1), to) : to;
    if (start > end) continue;
    const Situation s = situations[i].situation;
    if (IsHomelessBase(s)) {
      days += end - start + 1;
    } else if (IsInstitution(s)) {
      // A day D counts when the release in force on D (the latest dated on or before D) has
      // `expected` in (D, D + 30] and no housing solution: D in [expected − 30, expected − 1].
      for (size_t j = 0; j < releases.size(); ++j) {
        const PlannedRelease& r = releases[j];
        if (r.housing_solution) continue;
        const Date until = j + 1 < releases.size() ? releases[j + 1].date.AddDays(-1) : end;
        days += overlap(std::max(start, r.date), std::min(end, until), r.expected.AddDays(-30), r.expected.AddDays(-1));
      }
    }
  }
  return days;
}

std::optional<int> CitizenCourse::AgeOn(Date x) const {
  if (AnonymousOn(x)) {
    if (!age_estimate) return std::nullopt;
    return *age_estimate + std::max(0, tov::AgeOn(registered_on, x));
  }
  if (!birth_date) return std::nullopt;
  return tov::AgeOn(*birth_date, x);
}

std::optional<Date> CitizenCourse::RunStart(Date x, Situation situation) const {
  const SituationSpan* s = SpanOn(x);
  if (!s || s->situation != situation) return std::nullopt;
  while (s != situations.data() && std::prev(s)->situation == situation) --s;
  return s->from;
}

std::optional<Date> CitizenCourse::HomelessRunStart(Date x) const {
  const SituationSpan* s = SpanOn(x);
  if (!s || !IsHomelessBase(s->situation)) return std::nullopt;
  while (s != situations.data() && IsHomelessBase(std::prev(s)->situation)) --s;
  return s->from;
}

bool CitizenCourse::ReadyForHousingOn(Date x) const {
  const SituationSpan* s = SpanOn(x);
  return s && s->situation == Situation::kShelter && s->ready_for_housing;
}

std::vector<Date> CitizenCourse::MoveIns() const {
  std::vector<Date> out;
  for (size_t i = 1; i < situations.size(); ++i) {
    Situation prev = situations[i - 1].situation;
    if (situations[i].situation == Situation::kOwnHome &&
        (IsHomelessBase(prev) || IsInstitution(prev)))
      out.push_back(situations[i].from);
  }
  return out;
}

bool CitizenCourse::AnyHomelessBaseIn(Date from, Date to) const {
  for (size_t i = 0; i < situations.size(); ++i) {
    Date start = situations[i].from;
    if (start > to) break;
    bool ends_before = i + 1 < situations.size() && situations[i + 1].from <= from;
    if (!ends_before && IsHomelessBase(situations[i].situation)) return true;
  }
  return false;
}

std::vector<const CourseInfo*> CitizenCourse::OpenCourses(Date x) const {
  std::vector<const CourseInfo*> out;
  for (const auto& c : courses)
    if (c.OpenOn(x)) out.push_back(&c);
  return out;
}

const CourseInfo* CitizenCourse::FindCourse(std::string_view id) const {
  for (const auto& c : courses)
    if (c.id == id) return &c;
  return nullptr;
}

std::string NextCourseId(std::string_view citizen, Method method, Date start, std::span<const Entry* const> entries) {
  std::unordered_set<std::string> taken;
  for (const Entry* e : entries)
    if (const auto* s = e->As<CourseStarted>()) taken.insert(s->course);
  std::string prefix(citizen);
  prefix += '-';
  for (char ch : MethodName(method)) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  prefix += '-';
  prefix += std::to_string(start.year());
  prefix += '-';
  for (size_t n = taken.size() + 1;; ++n) {
    // Appended piece by piece: "-" + std::to_string(…) inserts at the front, which GCC 12 at -O3
    // takes for an overlapping copy (-Wrestrict, a false warning that fails the Release build).
    std::string id = prefix;
    if (n < 10) id += '0';
    id += std::to_string(n);
    if (!taken.count(id)) return id;
  }
}

}  // namespace tov
