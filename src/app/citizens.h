// The use cases about citizens (docs/design.md, "One path per use case"): register, record an
// entry, list and search, open a citizen's view. The JSON API, the HTML pages and the command
// line call these and only format what they return. Each authorises through the access policy
// (access_policy.h), writes the access log itself (audit.h) and returns typed results; errors
// are Status values: kPermissionDenied (the role may never), kNotFound (no such citizen, or one
// the user may not see), kInvalidArgument with field errors (bad input; nothing is stored).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access_policy.h"
#include "app/app.h"
#include "common/status.h"
#include "report/alerts.h"
#include "report/citizen_report.h"

namespace tov {

// ---- Recording ----

struct Recorded {
  std::string citizen;           // empty for an entry about a dwelling
  std::string unit;              // the dwelling of a dwelling entry
  std::string municipality;      // the municipality of the first entry (of an entry about one: it)
  std::vector<std::string> ids;  // of the stored entries, in order
};

// Registers a new citizen: `entries[0]` is the `registered` entry (kind may be left out), the
// rest are further entries about the same citizen stored in the same transaction (the intake's
// housing situation and planned release). In each, `municipality` defaults to the user's own,
// `date` to today, `by` is the user; `recorded` is refused (the server sets it). `citizen` may be
// left out everywhere: the next free key `<municipality>-NNNN` is then chosen inside the commit.
// On invalid input returns kInvalidArgument and, with `errors`, each problem with the index of
// its entry.
StatusOr<Recorded> RegisterCitizen(App& app, const Principal& p, std::vector<nlohmann::json> entries,
                                   std::vector<BatchError>* errors = nullptr);

// Records one entry of any kind (a `registered` one goes through RegisterCitizen's rules), with
// the same validation as `import`. The citizen must exist and be the user's to write.
StatusOr<Recorded> RecordEntry(App& app, const Principal& p, nlohmann::json entry);

// Records several entries (none a `registered`) in one transaction: each is checked as
// RecordEntry checks one, and all are stored or none. `Recorded` names the first entry's
// citizen and dwelling and every id. (The move-in of app/housing.h uses it.)
StatusOr<Recorded> RecordEntries(App& app, const Principal& p, std::vector<nlohmann::json> entries);

// The longest reason for an annulment, in characters (code points).
inline constexpr size_t kMaxAnnulReasonLength = 2000;

// Annuls the entry `entry` of `citizen` with a reason: a `void` and, in the same transaction, a
// `note` "Annulleret <entry>: <reason>" (the journal format's `void` has no reason field;
// docs/journal-format.md). `date` (YYYY-MM-DD) defaults to today. Field errors: `reason`
// (required, at most kMaxAnnulReasonLength characters), `entry`, `date`. Authorised as
// RecordEntries authorises: a citizen the user may write, or a wrong move the user's
// municipality may still annul (MayAnnulMove).
StatusOr<Recorded> AnnulEntry(App& app, const Principal& p, const std::string& citizen, const std::string& entry,
                              const std::string& reason, const std::string& date = "");

// A citizen the user can no longer see because of a move that they may still annul
// (MayAnnulMove): what the old municipality's caseworker is shown instead of a 404.
struct MovedAway {
  std::string move;  // the id of the `moved` entry
  std::string to;    // the new municipality
  Date date;         // the move's date
  std::optional<std::string> name;
};

// The move of `key` that `p` may annul, or nullopt (no such citizen, a citizen `p` sees, or a
// move `p` may not annul). A found one is logged as a read ("moved away").
StatusOr<std::optional<MovedAway>> FindAnnullableMove(App& app, const Principal& p, const std::string& key);

// A citizen already registered with a CPR number, as the intake warns of it before a second
// registration is tried (DESIGN §7): `key` and `name` only when the user may see the citizen.
struct CprHolder {
  bool visible = false;
  std::string key;  // empty when not visible
  std::optional<std::string> name;
};

// The citizen whose registration holds the CPR number `cpr` (with or without dash), through the
// store's blind index; nullopt when no one does or `cpr` is not a CPR number. Needs the right to
// register citizens (kPermissionDenied otherwise). A named citizen is logged (`list`, "cpr check").
StatusOr<std::optional<CprHolder>> FindCprHolder(App& app, const Principal& p,
                                                 const std::string& cpr);

// ---- Lists ----

struct CitizenQuery {
  std::string q;          // name (case-insensitive, anywhere), key prefix, or a CPR number
  std::string situation;  // a situation id, or "homeless"
  std::string method;     // an open course of this method
  std::string alert;      // an alert rule
  std::string page = "1";  // 1-based, as given (validated)
  std::string municipality;  // must be the user's own when given
  size_t page_size = 50;
};

struct CitizenRow {
  std::string key;
  std::string municipality;
  std::optional<std::string> name;
  std::optional<int> age;
  std::optional<Situation> situation;
  bool homeless = false;
  bool dead = false;
  std::vector<Method> open_methods;
  std::vector<report::Alert> alerts;  // empty when the role sees no alerts
};

struct CitizenList {
  std::vector<CitizenRow> rows;  // the page asked for
  size_t total = 0;              // every match
  size_t page = 1;
  size_t page_size = 50;
  bool by_cpr = false;
  report::Thresholds thresholds;  // of the user's municipality (for the alert labels)
};

// The citizens the user may see that match, in order of registration; every listed citizen
// is logged (`list`).
StatusOr<CitizenList> ListCitizens(App& app, const Principal& p, const CitizenQuery& query);

// The front page's list: a worker's caseload with its alerts; for the housing role the
// homeless citizens of the municipality (those waiting for a home). At most 200.
StatusOr<CitizenList> HomeCitizens(App& app, const Principal& p);

// ---- One citizen ----

// What a view of one citizen may use, valid during the callback of ViewCitizen only.
struct CitizenAccess {
  const Journal& journal;
  const CitizenCourse& course;
  CitizenFilter filter;           // what the user may see of the citizen
  report::Thresholds thresholds;  // of the citizen's municipality
  Date today;
  // The entries the user may see (voids of hidden entries hidden too), in journal order.
  std::vector<const Entry*> VisibleEntries() const;
  // Options for report::CitizenJson / CitizenText that apply the filter.
  report::CitizenViewOptions ViewOptions() const;
};

// Opens the citizen `key` for `p` and calls `render` with it under the journal's read lock;
// then logs `read` (or `reveal_cpr` when `reveal_cpr`), with `channel` ("api", "web", "cli") as
// the detail. kNotFound when there is no such citizen or `p` may not see it; kPermissionDenied
// when `p` may not reveal a CPR number.
Status ViewCitizen(App& app, const Principal& p, const std::string& key, bool reveal_cpr,
                   const std::string& channel, const std::function<void(const CitizenAccess&)>& render);

}  // namespace tov
