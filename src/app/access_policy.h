// Who may see and do what: the one access policy of tovholder (docs/design.md, "The access
// policy"; docs/security.md). Every use case in src/app asks here; no adapter decides a rule.
//
//   1. A table of role × permission (Allowed).
//   2. Which citizen a user may see: a citizen belongs to the municipality of their
//      registration, changed by `moved` from its date; a worker (udfører) sees only citizens
//      with an open course they hold; national, admin see no citizen (MaySeeCitizen).
//   3. Which kinds a role may record (MayRecord).
//   4. What of a citizen a role may see (CitizenFilter): entries, decisions, health,
//      notes, the recommendation, alerts, the CPR number in full.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/citizen_course.h"
#include "domain/entry.h"

namespace tov {

// The roles of docs/security.md. kOperator is the command line: the person who holds the
// database file and its key (not a user account; no user can have it).
enum class Role { kWorker, kCaseworker, kLeader, kHousing, kNational, kAdmin, kOperator };
inline constexpr std::array<std::string_view, 6> kRoleNames = {"worker",  "caseworker", "leader",
                                                               "housing", "national",   "admin"};
// A user account's role ("operator" is not one).
std::optional<Role> ParseRole(std::string_view s);
std::string_view RoleName(Role r);  // "operator" for kOperator

// Who is acting.
struct Principal {
  std::string user;
  Role role = Role::kWorker;
  std::string municipality;  // empty for national, admin and the operator

  // The command line's principal, named "cli:<os user>".
  static Principal Operator(std::string name) { return {std::move(name), Role::kOperator, ""}; }
};

enum class Permission {
  kReadCitizens,            // list, search and open citizens (see MaySeeCitizen)
  kRegisterCitizens,        // a `registered` entry for a new citizen
  kRecordEntries,           // some kind of entry on a citizen (see MayRecord)
  kRevealCpr,               // the full CPR number (logged as reveal_cpr)
  kReadAlerts,              // the alerts of the municipality (a worker: of their citizens)
  kReadStatusReport,        // the status report of the municipality
  kReadNationalFigures,     // reports and alerts of every municipality (suppressed, pseudonymised)
  kReadAccessLog,           // who looked at a citizen
  kManageUsers,             // list and add users
  kReadSettings,            // the thresholds of a municipality
  kChangeSettings,          // change them
  kImportExport,            // import a journal file, export the whole journal, backup
  kReadAllocation,          // the waiting list, a dwelling's candidates, the register of dwellings
  kRecordImplementation,    // entries about a municipality (see MayRecordAboutMunicipality)
};
inline constexpr int kPermissionCount = 14;

// The table: may `role` ever do `permission`? (Municipality and caseload come on top.)
bool Allowed(Role role, Permission permission);
std::string_view PermissionName(Permission p);

// May `p` see the citizen whose course is `c`, on `today`?
bool MaySeeCitizen(const Principal& p, const CitizenCourse& c, Date today);

// May `p` record an entry of `kind` (for a citizen they may see)?
// worker: contact, note, housing, course_phase; housing: housing, housing_offer;
// caseworker and leader: every kind about a citizen or a dwelling; the operator: every kind
// (import); others: none. The kinds about a municipality: see MayRecordAboutMunicipality.
bool MayRecord(const Principal& p, Kind kind);

// May `p` record `e`, an entry about a municipality (DESIGN §10)? `target` is the entry a void
// cancels (nullptr otherwise). national: support_activity and implementation_status for any
// municipality, and voids of them; leader: implementation_status (and its void) for their own
// municipality only; the operator: every one; others: none.
bool MayRecordAboutMunicipality(const Principal& p, const Entry& e, const Entry* target);

// How many days after it was recorded a wrong move may still be annulled by the municipality
// that recorded it (MayAnnulMove).
inline constexpr int kAnnulMoveDays = 14;

// May `p` annul `move`, a `moved` entry, although the move handed the citizen to another
// municipality that `p` cannot see into? Only a caseworker or leader of the municipality that
// recorded the move (the old one), while the move is not voided and is the citizen's latest
// entry (`latest`: nothing recorded on the citizen since, by either municipality), and at most
// kAnnulMoveDays days after it was recorded (`today`). The operator may always (import).
// (docs/security.md, "Annulling a wrong move".)
bool MayAnnulMove(const Principal& p, const Entry& move, bool move_voided, const Entry* latest, Date today);

// What of a citizen a role may see.
struct CitizenFilter {
  bool assessments = true;     // needs assessments (health, addiction)
  bool notes = true;           // free-text notes
  bool decisions = true;       // §85, §85a, §110 … decisions
  bool health_decisions = true;  // §107 and §108 (treatment-like stays)
  bool recommendation = true;  // the method recommendation (built from assessments)
  bool alerts = true;
  bool full_cpr = false;       // the CPR in full (only when revealed, and logged)

  // Whether an entry is shown; `target` is the entry a void cancels (nullptr otherwise), so
  // that a void of a hidden entry is hidden too.
  bool Shows(const Entry& e, const Entry* target = nullptr) const;
};

// The filter for `p` (reveal: the CPR in full, when `p` may reveal it).
CitizenFilter FilterFor(const Principal& p, bool reveal_cpr = false);

}  // namespace tov
