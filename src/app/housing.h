// The use cases of housing allocation (DESIGN §9, docs/housing.md): the waiting list, a
// dwelling's candidates, the register of dwellings, and the move-in that also records the
// citizen's new housing situation. The JSON API, the pages and the command line call these.
// Municipal roles (caseworker, leader, housing) see their own municipality's list and dwellings;
// a dwelling of another municipality answers like one that does not exist (kNotFound). Every
// citizen named is logged (`list`, with what listed them).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/access_policy.h"
#include "app/app.h"
#include "app/citizens.h"
#include "common/status.h"
#include "report/housing.h"

namespace tov {

struct QueueQuery {
  Date as_of;
  std::optional<Timestamp> known_at;        // default now
  std::optional<std::string> municipality;  // a municipal user's own (default); required for the operator
};

struct WaitingListResult {
  Date as_of;
  std::string municipality;
  std::vector<report::QueueEntry> queue;  // highest points first
  report::Thresholds weights;             // the municipality's priority weights
  std::map<std::string, std::string> names;  // citizen → name, for those with one (for the page)
};

StatusOr<WaitingListResult> HousingQueue(App& app, const Principal& p, const QueueQuery& query);

struct CandidatesQuery {
  std::string unit;
  Date as_of;
  std::optional<Timestamp> known_at;  // default now
};

StatusOr<report::CandidateSplit> HousingCandidates(App& app, const Principal& p, const CandidatesQuery& query);

// ---- The register of dwellings ----

// A dwelling's state on X: vacant (listed, no open offer), offered (vacant with an open offer),
// let (a move-in after the listing in force) or withdrawn (a withdrawal after it).
enum class DwellingState : uint8_t { kVacant, kOffered, kLet, kWithdrawn };
inline constexpr std::array<std::string_view, 4> kDwellingStateNames = {"vacant", "offered", "let", "withdrawn"};

struct DwellingRow {
  std::string key;
  std::string municipality;  // of the listing in force
  Date listed;               // the date of the listing in force
  UnitListed terms;          // its terms
  DwellingState state = DwellingState::kVacant;
  std::optional<Date> state_since;  // let or withdrawn: from when
  // The open offer (state offered): its citizen, the citizen's name, its latest step and since when.
  std::string offer_citizen;
  std::optional<std::string> offer_name;
  std::optional<OfferStatus> offer_status;
  std::optional<Date> offer_since;
  int offer_age_days = 0;   // X − offer_since
  int vacant_days_12m = 0;  // days vacant in (X − 12 months, X]
};

struct DwellingQuery {
  Date as_of;
  std::optional<Timestamp> known_at;  // default now
  std::string unit_kind;              // only this kind (unit_kind id), when not empty
  std::string area;                   // only this area, when not empty
  bool include_withdrawn = false;
};

struct DwellingList {
  std::vector<DwellingRow> rows;  // vacant, offered, let, withdrawn; by key within each
  std::vector<std::string> areas;  // every area of the municipality's dwellings, sorted (for a filter)
};

// The dwellings of the user's municipality listed by X (the municipality of the listing in
// force, or of the first when listed later), with their state. The citizens of open offers are
// logged (`list`, "housing_dwellings").
StatusOr<DwellingList> ListDwellings(App& app, const Principal& p, const DwellingQuery& query);

// One dwelling for its page: its row (terms, state, open offer), the split of the waiting list
// (HousingCandidates, logged alike), every offer step newest first, and the names of the
// citizens named. kNotFound like HousingCandidates.
struct DwellingDetail {
  DwellingRow row;
  report::CandidateSplit split;
  struct Step {
    Date date;
    std::string citizen;
    OfferStatus status;
    std::optional<DeclineReason> reason;
  };
  std::vector<Step> history;                 // newest first
  std::map<std::string, std::string> names;  // citizen → name
  // Affordability for the citizen of the open offer (state offered): the approval's rent limit,
  // the deposit loans granted and the debt to housing associations, on X.
  struct Barriers {
    std::optional<int64_t> max_rent;
    bool rent_over_limit = false;
    int64_t deposit_loans_granted = 0;
    int64_t debt_to_associations = 0;
  };
  std::optional<Barriers> offer_barriers;
};
StatusOr<DwellingDetail> DwellingDetailOf(App& app, const Principal& p, const std::string& unit, Date as_of);

// A key for a new dwelling of the user's municipality: "<municipality>-B" and the next four-digit
// number after those in use (a suggestion; the listing checks the key like any other).
StatusOr<std::string> SuggestDwellingKey(App& app, const Principal& p);

// ---- Offers ----

// Records one step of an offer of `unit` to `citizen` on `date` (`housing_offer`, with the
// decline's `reason` when declined; `reason` is refused otherwise); a move-in goes through
// MoveIn. Refuses like RecordEntry (field errors, kNotFound for another municipality's citizen or
// dwelling, the journal's offer rules on `unit`).
struct OfferInput {
  std::string citizen;
  std::string unit;
  std::string status;  // offered, accepted, declined, moved_in
  std::string reason;  // a decline_reason id, or empty
  std::string date;    // YYYY-MM-DD; empty: today
};
StatusOr<Recorded> RecordOffer(App& app, const Principal& p, const OfferInput& input);

// The move-in: the `housing_offer` with status moved_in AND the citizen's `housing` entry with
// situation own_home, both dated `date` (empty: today), in one transaction (one batch): both are
// stored or neither. Refuses like RecordEntry (a dwelling that is not vacant: field `unit`,
// not_vacant).
StatusOr<Recorded> MoveIn(App& app, const Principal& p, const std::string& citizen, const std::string& unit,
                          const std::string& date = "");

// ---- A citizen's allocation ----

struct AllocationSummary {
  std::string citizen;
  std::string municipality;  // the citizen's on X
  Date as_of;
  // The approval in force, with its terms.
  std::optional<Date> approved;
  std::optional<HousingApproved> terms;
  std::optional<Date> approval_ended;  // the latest end (housing_approval_ended or a move-in) on or before X
  bool on_list = false;                // on the waiting list on X (approval in force, alive)
  report::PriorityParts parts;         // the points on X (also when not on the list)
  int homeless_days = 0;               // the days behind parts.homeless_days
  report::Thresholds weights;          // the municipality's priority weights
  // The open offers on X, with the dwelling's terms when it is listed.
  struct Offer {
    std::string unit;
    OfferStatus status = OfferStatus::kOffered;
    Date since;        // its latest step
    int age_days = 0;  // X − since
    std::optional<UnitListed> terms;  // of the listing in force, when the dwelling is listed
    bool rent_over_limit = false;     // terms' rent above the approval's max_rent
  };
  std::vector<Offer> open_offers;
  // Every offer step, newest first (the history).
  struct Step {
    Date date;
    std::string unit;
    OfferStatus status;
    std::optional<DeclineReason> reason;
  };
  std::vector<Step> history;
  struct Money {
    Date date;
    DepositLoan loan;  // deposit_loans
  };
  std::vector<Money> deposit_loans;  // in course order
  struct Debt {
    Date date;
    HousingDebt debt;
  };
  std::vector<Debt> debts;  // in course order
  int64_t debt_to_associations = 0;  // sum of the debts to a housing association
  // An accepted offer while a planned release in force has no housing solution (God
  // løsladelse): the release, so the page can offer to update the plan.
  std::optional<PlannedRelease> release_to_update;
};

// The allocation of `citizen` on X (today when not given) for a role with read_allocation, who
// may see the citizen (kNotFound otherwise, like ViewCitizen). No health data. Logs `read`
// with `channel`.
StatusOr<AllocationSummary> CitizenAllocationOn(App& app, const Principal& p, const std::string& citizen,
                                                std::optional<Date> as_of = std::nullopt,
                                                const std::string& channel = "web allocation");

}  // namespace tov
