// Housing allocation (DESIGN §9, docs/housing.md): the dwellings' courses, the waiting list with its
// priority points, the candidates for a vacant dwelling with the reasons of the others, the
// allocation's report figures and the `offer_stalled` alert. Pure: the journal, X and T come in.
//
// A dwelling's course is folded like a citizen's: only entries recorded at or before T count, a
// void recorded by T removes the entry it names, and entries are taken in course order (date,
// recorded, position).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "domain/journal.h"
#include "report/alerts.h"

namespace tov::report {

// `order` is the position in the course (course order: date, recorded, journal position), so that
// entries of one date are told apart: an entry "dated in (listing, X]" is read as one that
// follows the listing in course order and is dated on or before X (docs/housing.md).
struct Listing {
  Date date;
  std::string municipality;
  const UnitListed* terms;
  const Entry* entry;
  size_t order = 0;
};

struct OfferStep {
  Date date;
  std::string citizen;
  std::string unit;
  OfferStatus status;
  std::optional<DeclineReason> reason;
  const Entry* entry;
  size_t order = 0;
};

struct Step {  // a withdrawal, or the end of an approval
  Date date;
  size_t order = 0;
};

// The open offers on `x` among `steps` (one citizen's, or one dwelling's, in course order): per
// citizen and dwelling, the latest step dated on or before `x`, when it is offered or accepted.
std::vector<const OfferStep*> OpenOffers(std::span<const OfferStep> steps, Date x);

class DwellingCourse {
 public:
  std::string key;
  std::vector<Listing> listings;     // in course order
  std::vector<Step> withdrawals;     // in course order
  std::vector<OfferStep> offers;     // the offers naming the dwelling, in course order

  bool listed() const { return !listings.empty(); }
  // The latest listing dated on or before `x`.
  const Listing* ListingOn(Date x) const;
  // What ends a listing: the first withdrawal or move-in after it in course order.
  struct End {
    Date date;
    const OfferStep* move_in;  // nullptr for a withdrawal
  };
  std::optional<End> EndOf(const Listing& l) const;
  // Vacant on `x`: its listing in force is followed by no withdrawal and no move-in dated in
  // (listing, x].
  bool VacantOn(Date x) const;
  // The number of days in [from, to] on which it is vacant.
  int VacantDaysIn(Date from, Date to) const;
};

DwellingCourse FoldDwelling(std::string_view key, std::span<const Entry* const> entries, Timestamp known_at);

// The allocation part of a citizen's course (from CitizenCourse::entries, in course order).
struct CitizenAllocation {
  struct Approval {
    Date date;
    const HousingApproved* terms;
    size_t order = 0;
  };
  std::vector<Approval> approvals;
  std::vector<Step> approval_ends;  // housing_approval_ended and moved_in offers
  std::vector<OfferStep> offers;
  std::vector<const Entry*> deposit_loans, debts;

  // The approval in force on `x`: the latest approval dated on or before `x`, unless an end or
  // a move-in follows it (in course order) dated on or before `x`.
  const Approval* ApprovalOn(Date x) const;
};

CitizenAllocation AllocationOf(const CitizenCourse& c);

// Priority points on X, part by part (the weights are settings of the citizen's municipality).
struct PriorityParts {
  int homeless_days = 0;  // weight × days HOMELESS in [X − 3 years, X]
  int street = 0;
  int youth = 0;
  int release = 0;
  int shelter_ready = 0;
  int total() const { return homeless_days + street + youth + release + shelter_ready; }
};

PriorityParts PriorityOn(const CitizenCourse& c, Date x, const Thresholds& weights);

struct QueueEntry {
  std::string citizen;
  PriorityParts parts;
  int points = 0;
  Date approved;
  const HousingApproved* terms = nullptr;
  int homeless_days = 0;  // the days behind parts.homeless_days (for the words on the page)
};

// What the waiting list and the matching need of one citizen on the list on X.
struct ListedCitizen {
  QueueEntry entry;
  std::optional<int> age;
  bool offer_open = false;              // holds an open offer on X
  std::vector<std::string> declined;    // dwellings declined on or before X
};

// A memo of each approved citizen's ListedCitizen for one municipality, X, T and weights, so that
// a list asked for again folds only the citizens with new entries (a citizen's entries only grow:
// their count is the version). The server keeps a few (app/housing.cc); the functions below work
// without one too. Not thread-safe: the caller holds `mu` while it is used.
class ListMemo {
 public:
  // Whether this memo answers for these arguments (else the caller resets it with them).
  bool For(const std::string& municipality, Date x, Timestamp known_at, const Thresholds& w) const {
    return municipality == municipality_ && x == x_ && known_at == known_at_ && w == weights_;
  }
  void Reset(const std::string& municipality, Date x, Timestamp known_at, const Thresholds& w) {
    municipality_ = municipality, x_ = x, known_at_ = known_at, weights_ = w;
    slots_.clear();
  }
  std::mutex mu;

 private:
  friend struct MemoAccess;
  struct Slot {
    size_t version = SIZE_MAX;  // the count of the citizen's entries when computed
    std::optional<ListedCitizen> listed;
  };
  std::string municipality_;
  Date x_;
  Timestamp known_at_;
  Thresholds weights_;
  std::vector<Slot> slots_;  // by position in Journal::approved_citizens
};

// The waiting list of `municipality` on `x` as known at `known_at`, highest points first, ties
// by earlier approval, then citizen key. `weights` gives the settings of a municipality. With
// `memo` (held by the caller and For these arguments), unchanged citizens are not folded again.
std::vector<QueueEntry> WaitingList(const Journal& journal, Date x, Timestamp known_at,
                                    const std::string& municipality, const Thresholds& weights,
                                    ListMemo* memo = nullptr);

// Why a citizen on the list is no candidate for a dwelling (DESIGN §9's ids).
enum class Ineligible : uint8_t {
  kTooFewRooms, kRentTooHigh, kNotAccessible, kOtherArea, kYouthOnly, kOfferOpen, kDeclinedBefore,
};
inline constexpr std::array<std::string_view, 7> kIneligibleNames = {
    "too_few_rooms", "rent_too_high", "not_accessible", "other_area", "youth_only", "offer_open",
    "declined_before"};

struct CandidateSplit {
  std::string unit;
  Date as_of;
  bool vacant = false;
  std::string municipality;  // of the listing in force (or the first, when listed later)
  Listing listing{};         // that listing
  std::vector<QueueEntry> candidates;  // in queue order
  struct Other {
    QueueEntry entry;
    std::vector<Ineligible> why;  // in the order of kIneligibleNames
  };
  std::vector<Other> ineligible;  // by citizen key
  DwellingCourse dwelling;        // the folded dwelling
};

// Not found when the dwelling was never listed (as known at `known_at`).
// `memo_for`, when given, returns the memo of the dwelling's municipality (locked by the caller).
StatusOr<CandidateSplit> Candidates(const Journal& journal, const std::string& unit, Date x,
                                    Timestamp known_at, const Thresholds& weights,
                                    const std::function<ListMemo*(const std::string& municipality)>& memo_for = {});

// The JSON of `tovholder housing queue` and `housing candidates` (DESIGN §9).
nlohmann::json QueueJson(Date as_of, const std::string& municipality, const std::vector<QueueEntry>& queue);
nlohmann::json CandidatesJson(const CandidateSplit& split);

// The allocation's report ids, per municipality (DESIGN §9): waiting list in the citizen's
// municipality on X, dwellings and offers in the dwelling's (its listing in force).
struct AllocationFigures {
  int64_t waiting = 0;
  std::vector<int> wait_days;        // per move-in in (X − 12 months, X]
  int64_t vacant = 0;
  std::map<std::string, int64_t> vacant_by_kind;
  int64_t vacant_days = 0;
  int64_t dwellings_with_vacant_days = 0;  // the dwellings `vacant_days` is built on
  int64_t declined = 0;
  std::map<std::string, int64_t> declined_by_reason;
  int64_t quota_moved_in = 0;
};

// Adds the figures of every dwelling and of every citizen on a waiting list to `total` and to
// `by_municipality`; with `only`, to that municipality's alone (and the total is its figures).
void AddAllocationFigures(const Journal& journal, Date x, Timestamp known_at,
                          const std::optional<std::string>& only, AllocationFigures& total,
                          std::map<std::string, AllocationFigures>& by_municipality);

// Per period (start, end] of `dates` (the first from one month before it): the days dwellings
// were vacant, the number of dwellings vacant on one of them, and the waits of the move-ins —
// for the total (or `only`) and per municipality, as AddAllocationFigures counts them.
struct AllocationPeriod {
  int64_t vacant_days = 0;
  int64_t dwellings = 0;       // with at least one vacant day in the period
  std::vector<int> wait_days;  // per move-in with an approval in force the day before
};
struct AllocationTrendSet {
  std::vector<AllocationPeriod> total;
  std::map<std::string, std::vector<AllocationPeriod>> municipalities;
};
AllocationTrendSet AllocationTrend(const Journal& journal, const std::vector<Date>& dates, Timestamp known_at,
                                   const std::optional<std::string>& only);

// Writes the ids into one municipality's (or the total's) figures object.
void AllocationJson(const AllocationFigures& f, nlohmann::json& figures);

// The `offer_stalled` alert of one citizen on `x` (none, or one naming the earliest `since`):
// an open offer whose latest step is dated more than `t.offer_days` days before `x`.
std::optional<Date> OfferStalledSince(const CitizenCourse& c, Date x, const Thresholds& t);

}  // namespace tov::report
