// The fold of a citizen's journal entries into their course (forløb): situation timeline,
// shelter stays, support courses with CTI phases, action plans, planned releases, offers,
// moves between municipalities and death (docs/indicators.md).
//
// Fold() takes the entries of one citizen in any order and a "known at" time T: only entries
// recorded at or before T count, and a `void` recorded at or before T removes the entry it names.
// Entries are then ordered by date, then recorded, then journal position; a `housing` entry
// sets the situation from its date until the next one, so of several on one date the last wins.
// The CitizenCourse keeps pointers into the entries it was folded from; they must outlive it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/entry.h"

namespace tov {

// A situation holding from `from` until the next span's `from` (the last span: open-ended).
struct SituationSpan {
  Date from;
  Situation situation;
  bool ready_for_housing;  // of a shelter entry; false when not given
  const Entry* entry;
};

struct CourseInfo {
  std::string id;
  Method method;
  std::string worker;
  Date start;
  std::optional<Date> end;  // earliest course_ended date
  std::optional<EndReason> end_reason;
  std::vector<std::pair<Date, int>> phases;  // CTI phase changes, in course order
  bool OpenOn(Date x) const { return start <= x && !(end && *end <= x); }
  int PhaseOn(Date x) const;  // 1 when no phase entry yet
};

struct PlannedRelease {  // God løsladelse
  Date date;
  ReleaseFrom from;
  Date expected;
  bool housing_solution;
};

struct ContactInfo {
  Date date;
  std::string worker;
  ContactMode mode;
  int minutes;
};

class CitizenCourse {
 public:
  std::string key;
  bool registered = false;  // a (not voided) registered entry is known
  Date registered_on;
  std::string registered_municipality;
  std::optional<Referral> referred_by;
  std::optional<Date> birth_date;
  std::optional<std::string> name;
  std::optional<std::string> cpr;  // of the registration, or of the identification
  // Outreach (DESIGN §10): registered anonymously under `alias`, with an age estimate on the
  // registration date; identified (CPR number, birth date, name) from `identified_on`.
  bool anonymous = false;
  std::optional<std::string> alias;
  std::optional<int> age_estimate;
  std::optional<Date> identified_on;
  std::vector<std::pair<Date, std::string>> moves;  // (date, to), in course order
  std::vector<SituationSpan> situations;
  std::vector<PlannedRelease> releases;  // in course order
  std::optional<Date> first_action_plan;
  std::vector<CourseInfo> courses;       // in order of start
  std::vector<ContactInfo> contacts;
  std::optional<Date> died;
  const Entry* latest_assessment = nullptr;
  std::vector<const Entry*> entries;  // the entries that count, in course order

  // The responsible municipality (handlekommune) on `x`.
  const std::string& MunicipalityOn(Date x) const;
  // The span in force on `x`, or nullptr before the first housing entry.
  const SituationSpan* SpanOn(Date x) const;
  std::optional<Situation> SituationOn(Date x) const;
  // The latest planned release dated on or before `x`.
  const PlannedRelease* ReleaseInForce(Date x) const;
  // In hospital, treatment or prison on `x`, due out within `days` days after `x` with no
  // housing solution.
  bool ReleaseWithoutHousingOn(Date x, int days = 30) const;
  // HOMELESS on `x` (docs/indicators.md).
  bool HomelessOn(Date x) const;
  // The number of days in [from, to] on which the citizen is HOMELESS (as HomelessOn, counted
  // span by span rather than day by day).
  int HomelessDaysIn(Date from, Date to) const;
  bool DeadOn(Date x) const { return died && *died <= x; }
  // Whole years on `x`: from the birth date; for an anonymous person not yet identified on `x`,
  // the age estimate plus the whole years since the registration (none without an estimate).
  std::optional<int> AgeOn(Date x) const;
  // Registered anonymously and not identified on or before `x`.
  bool AnonymousOn(Date x) const { return anonymous && !(identified_on && *identified_on <= x); }
  // The CPR number known on `x` (an anonymous person's only from their identification).
  std::optional<std::string> CprOn(Date x) const { return AnonymousOn(x) ? std::nullopt : cpr; }
  // First day of the run of consecutive spans with `situation` that contains `x`.
  std::optional<Date> RunStart(Date x, Situation situation) const;
  // First day of the run of homeless-base spans containing `x`.
  std::optional<Date> HomelessRunStart(Date x) const;
  bool ReadyForHousingOn(Date x) const;
  // Move-ins: dates of housing entries to own_home from a homeless-base or institution situation.
  std::vector<Date> MoveIns() const;
  // Whether any day in [from, to] has a situation in HOMELESS_BASE.
  bool AnyHomelessBaseIn(Date from, Date to) const;
  bool HasActionPlanBy(Date x) const { return first_action_plan && *first_action_plan <= x; }
  // Courses open on `x`.
  std::vector<const CourseInfo*> OpenCourses(Date x) const;
  const CourseInfo* FindCourse(std::string_view id) const;
};

CitizenCourse Fold(std::string_view key, std::span<const Entry* const> entries, Timestamp known_at);

// The id the pages give a new course of `citizen` (course ids are unique in the whole system, so
// the citizen's key leads): "<citizen>-<method>-<year of start>-<NN>", e.g. "151-0001-cti-2026-01",
// NN one more than the citizen's courses started so far (voided starts too: their ids stay
// taken), and higher while the id is among theirs. `entries`: the citizen's entries.
std::string NextCourseId(std::string_view citizen, Method method, Date start, std::span<const Entry* const> entries);

}  // namespace tov
