// The allocation's definitions (DESIGN §9): dwellings, approvals, priority, matching, figures.
#include "report/housing.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "common/parallel.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

// The entries that count as known at `known_at`, in course order (as Fold does for a citizen).
std::vector<const Entry*> Counting(std::span<const Entry* const> all, Timestamp known_at) {
  std::unordered_set<std::string_view> voided;
  for (const Entry* e : all)
    if (e->recorded <= known_at)
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
  std::vector<const Entry*> out;
  for (const Entry* e : all)
    if (e->recorded <= known_at && e->kind() != Kind::kVoid && !voided.count(e->id)) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const Entry* a, const Entry* b) { return CourseOrder(*a, *b); });
  return out;
}

OfferStep StepOf(const Entry& e, size_t order) {
  const auto& o = *e.As<HousingOffer>();
  return {e.date, e.citizen, o.unit, o.status, o.reason, &e, order};
}

bool IsOpen(OfferStatus s) { return s == OfferStatus::kOffered || s == OfferStatus::kAccepted; }

}  // namespace

std::vector<const OfferStep*> OpenOffers(std::span<const OfferStep> steps, Date x) {
  // The latest step on or before x of each (citizen, dwelling).
  std::vector<const OfferStep*> latest;
  for (const OfferStep& s : steps) {
    if (s.date > x) continue;
    auto same = std::find_if(latest.begin(), latest.end(), [&](const OfferStep* o) {
      return o->citizen == s.citizen && o->unit == s.unit;
    });
    if (same == latest.end()) {
      latest.push_back(&s);
    } else {
      *same = &s;
    }
  }
  std::erase_if(latest, [](const OfferStep* s) { return !IsOpen(s->status); });
  return latest;
}

// ---- Dwellings ----

const Listing* DwellingCourse::ListingOn(Date x) const {
  const Listing* found = nullptr;
  for (const Listing& l : listings) {
    if (l.date > x) break;
    found = &l;
  }
  return found;
}

std::optional<DwellingCourse::End> DwellingCourse::EndOf(const Listing& l) const {
  std::optional<End> end;
  auto consider = [&](Date d, size_t order, const OfferStep* move_in) {
    if (order > l.order && (!end || d < end->date)) end = End{d, move_in};
  };
  for (const Step& w : withdrawals) consider(w.date, w.order, nullptr);
  for (const OfferStep& o : offers)
    if (o.status == OfferStatus::kMovedIn) consider(o.date, o.order, &o);
  return end;
}

bool DwellingCourse::VacantOn(Date x) const {
  const Listing* l = ListingOn(x);
  if (!l) return false;
  auto end = EndOf(*l);
  return !end || end->date > x;
}

int DwellingCourse::VacantDaysIn(Date from, Date to) const {
  // A listing makes the dwelling vacant from its date until what ends it (that day not vacant),
  // or until the next listing takes over.
  int days = 0;
  for (size_t i = 0; i < listings.size(); ++i) {
    const Date start = listings[i].date;
    Date end = i + 1 < listings.size() ? listings[i + 1].date.AddDays(-1) : to;  // inclusive
    if (auto e = EndOf(listings[i])) end = std::min(end, e->date.AddDays(-1));
    const Date a = std::max(start, from), b = std::min(end, to);
    if (a <= b) days += b - a + 1;
  }
  return days;
}

DwellingCourse FoldDwelling(std::string_view key, std::span<const Entry* const> all, Timestamp known_at) {
  DwellingCourse d;
  d.key = std::string(key);
  const auto counting = Counting(all, known_at);
  for (size_t i = 0; i < counting.size(); ++i) {
    const Entry* e = counting[i];
    if (const auto* l = e->As<UnitListed>()) {
      if (e->unit == d.key) d.listings.push_back({e->date, e->municipality, l, e, i});
    } else if (e->kind() == Kind::kUnitWithdrawn) {
      if (e->unit == d.key) d.withdrawals.push_back({e->date, i});
    } else if (const auto* o = e->As<HousingOffer>()) {
      if (o->unit == d.key) d.offers.push_back(StepOf(*e, i));
    }
  }
  return d;
}

// ---- A citizen's allocation ----

const CitizenAllocation::Approval* CitizenAllocation::ApprovalOn(Date x) const {
  const Approval* found = nullptr;
  for (const Approval& a : approvals) {
    if (a.date > x) break;
    found = &a;
  }
  if (!found) return nullptr;
  for (const Step& end : approval_ends)
    if (end.order > found->order && end.date <= x) return nullptr;
  return found;
}

CitizenAllocation AllocationOf(const CitizenCourse& c) {
  CitizenAllocation a;
  for (size_t i = 0; i < c.entries.size(); ++i) {
    const Entry* e = c.entries[i];
    switch (e->kind()) {
      case Kind::kHousingApproved:
        a.approvals.push_back({e->date, e->As<HousingApproved>(), i});
        break;
      case Kind::kHousingApprovalEnded:
        a.approval_ends.push_back({e->date, i});
        break;
      case Kind::kHousingOffer:
        a.offers.push_back(StepOf(*e, i));
        if (a.offers.back().status == OfferStatus::kMovedIn) a.approval_ends.push_back({e->date, i});
        break;
      case Kind::kDepositLoan:
        a.deposit_loans.push_back(e);
        break;
      case Kind::kHousingDebt:
        a.debts.push_back(e);
        break;
      default:
        break;
    }
  }
  return a;
}

// ---- Priority and the waiting list ----

namespace {

// The parts of the default scheme, with the days homeless behind the first.
PriorityParts Parts(const CitizenCourse& c, Date x, const Thresholds& w, int* days_out) {
  PriorityParts p;
  const int days = c.HomelessDaysIn(x.AddMonths(-36), x);
  if (days_out) *days_out = days;
  p.homeless_days = days * w.priority_homeless_day;
  const auto situation = c.SituationOn(x);
  if (situation == Situation::kStreet) p.street = w.priority_street;
  if (c.AgeOn(x).value_or(30) < 30) p.youth = w.priority_youth;
  if (c.ReleaseWithoutHousingOn(x, 30)) p.release = w.priority_release;
  if (situation == Situation::kShelter && c.ReadyForHousingOn(x)) p.shelter_ready = w.priority_shelter_ready;
  return p;
}

bool QueueOrder(const QueueEntry& a, const QueueEntry& b) {
  if (a.points != b.points) return a.points > b.points;
  if (a.approved != b.approved) return a.approved < b.approved;
  return a.citizen < b.citizen;
}

// The citizen on the waiting list of their municipality on X (with the approval in force), or
// nullopt.
std::optional<ListedCitizen> OnList(const CitizenCourse& c, const CitizenAllocation& a, Date x,
                                    const Thresholds& w) {
  if (!c.registered || c.registered_on > x || c.DeadOn(x)) return std::nullopt;
  const auto* approval = a.ApprovalOn(x);
  if (!approval) return std::nullopt;
  ListedCitizen l;
  QueueEntry& q = l.entry;
  q.citizen = c.key;
  q.parts = Parts(c, x, w, &q.homeless_days);
  q.points = q.parts.total();
  q.approved = approval->date;
  q.terms = approval->terms;
  l.age = c.AgeOn(x);
  l.offer_open = !OpenOffers(a.offers, x).empty();
  for (const OfferStep& s : a.offers)
    if (s.status == OfferStatus::kDeclined && s.date <= x) l.declined.push_back(s.unit);
  return l;
}

}  // namespace

struct MemoAccess {
  static std::vector<ListMemo::Slot>& Slots(ListMemo& m) { return m.slots_; }
};

namespace {

// The citizens on the list of `municipality` on X (any municipality when empty), in the order of
// the approved citizens: from `memo` where a citizen has no new entry, else folded (on all cores
// for a long list) and put in the memo.
std::vector<const ListedCitizen*> OnListOf(const Journal& journal, Date x, Timestamp known_at,
                                           const std::string& municipality, const Thresholds& w,
                                           ListMemo& memo) {
  const auto& approved = journal.approved_citizens();
  auto& slots = MemoAccess::Slots(memo);
  slots.resize(approved.size());
  ParallelFor(
      approved.size(),
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          auto& slot = slots[i];
          const size_t version = approved[i].entries->size();
          if (slot.version == version) continue;
          slot.version = version;
          slot.listed.reset();
          CitizenCourse scratch;
          const CitizenCourse& c = journal.CourseAt(approved[i].position, known_at, scratch);
          if (!c.registered) continue;
          if (!municipality.empty() && c.MunicipalityOn(x) != municipality) continue;
          slot.listed = OnList(c, AllocationOf(c), x, w);
        }
      },
      /*min_chunk=*/2000);
  std::vector<const ListedCitizen*> out;
  for (const auto& slot : slots)
    if (slot.listed) out.push_back(&*slot.listed);
  return out;
}

}  // namespace

PriorityParts PriorityOn(const CitizenCourse& c, Date x, const Thresholds& w) {
  return Parts(c, x, w, nullptr);
}

std::vector<QueueEntry> WaitingList(const Journal& journal, Date x, Timestamp known_at,
                                    const std::string& municipality, const Thresholds& w, ListMemo* memo) {
  ListMemo local;
  if (!memo) {
    memo = &local;
    memo->Reset(municipality, x, known_at, w);
  }
  std::vector<QueueEntry> out;
  for (const ListedCitizen* l : OnListOf(journal, x, known_at, municipality, w, *memo)) out.push_back(l->entry);
  std::sort(out.begin(), out.end(), QueueOrder);
  return out;
}

// ---- Matching ----

StatusOr<CandidateSplit> Candidates(const Journal& journal, const std::string& unit, Date x,
                                    Timestamp known_at, const Thresholds& w,
                                    const std::function<ListMemo*(const std::string&)>& memo_for) {
  CandidateSplit split;
  split.dwelling = FoldDwelling(unit, journal.EntriesOfUnit(unit), known_at);
  const DwellingCourse& d = split.dwelling;
  if (!d.listed()) return Status::NotFound("no dwelling \"" + unit + "\" is listed");
  split.unit = unit;
  split.as_of = x;
  split.listing = d.ListingOn(x) ? *d.ListingOn(x) : d.listings.front();
  split.municipality = split.listing.municipality;
  split.vacant = d.VacantOn(x);
  const UnitListed& u = *split.listing.terms;

  ListMemo local;
  ListMemo* memo = memo_for ? memo_for(split.municipality) : nullptr;
  if (!memo) {
    memo = &local;
    memo->Reset(split.municipality, x, known_at, w);
  }
  for (const ListedCitizen* l : OnListOf(journal, x, known_at, split.municipality, w, *memo)) {
    std::vector<Ineligible> why;
    const HousingApproved& terms = *l->entry.terms;
    if (u.rooms < terms.rooms_min) why.push_back(Ineligible::kTooFewRooms);
    if (terms.max_rent && u.rent > *terms.max_rent) why.push_back(Ineligible::kRentTooHigh);
    if (terms.accessible.value_or(false) && !u.accessible.value_or(false)) why.push_back(Ineligible::kNotAccessible);
    if (terms.areas && (!u.area || std::find(terms.areas->begin(), terms.areas->end(), *u.area) == terms.areas->end()))
      why.push_back(Ineligible::kOtherArea);
    if (u.youth_only.value_or(false) && l->age.value_or(30) >= 30) why.push_back(Ineligible::kYouthOnly);
    if (l->offer_open) why.push_back(Ineligible::kOfferOpen);
    if (std::find(l->declined.begin(), l->declined.end(), unit) != l->declined.end())
      why.push_back(Ineligible::kDeclinedBefore);
    if (why.empty()) {
      split.candidates.push_back(l->entry);
    } else {
      split.ineligible.push_back({l->entry, std::move(why)});
    }
  }
  std::sort(split.candidates.begin(), split.candidates.end(), QueueOrder);
  std::sort(split.ineligible.begin(), split.ineligible.end(),
            [](const auto& a, const auto& b) { return a.entry.citizen < b.entry.citizen; });
  return split;
}

json QueueJson(Date as_of, const std::string& municipality, const std::vector<QueueEntry>& queue) {
  json list = json::array();
  for (const QueueEntry& q : queue) {
    list.push_back({{"citizen", q.citizen},
                    {"points", q.points},
                    {"parts",
                     {{"homeless_days", q.parts.homeless_days},
                      {"street", q.parts.street},
                      {"youth", q.parts.youth},
                      {"release", q.parts.release},
                      {"shelter_ready", q.parts.shelter_ready}}},
                    {"approved", q.approved.ToString()}});
  }
  return {{"as_of", as_of.ToString()}, {"municipality", municipality}, {"queue", list}};
}

json CandidatesJson(const CandidateSplit& s) {
  json candidates = json::array(), ineligible = json::array();
  for (const QueueEntry& q : s.candidates) candidates.push_back({{"citizen", q.citizen}, {"points", q.points}});
  for (const auto& o : s.ineligible) {
    // The ids sorted by name, as the contract's worked example writes them.
    std::vector<std::string> why;
    for (Ineligible i : o.why) why.emplace_back(NameOf(kIneligibleNames, i));
    std::sort(why.begin(), why.end());
    ineligible.push_back({{"citizen", o.entry.citizen}, {"why", why}});
  }
  return {{"unit", s.unit},
          {"as_of", s.as_of.ToString()},
          {"vacant", s.vacant},
          {"candidates", candidates},
          {"ineligible", ineligible}};
}

// ---- Figures ----

namespace {

// Whether a dwelling's entries list it for `municipality` (a listing voided later too). Every
// figure of a dwelling goes to the municipality of one of its listings, so a dwelling never
// listed by the municipality a report is for adds nothing to it and need not be folded.
bool EverListedBy(const std::vector<const Entry*>& entries, const std::string& municipality) {
  return std::any_of(entries.begin(), entries.end(), [&](const Entry* e) {
    return e->kind() == Kind::kUnitListed && e->municipality == municipality;
  });
}

}  // namespace

void AddAllocationFigures(const Journal& journal, Date x, Timestamp known_at,
                          const std::optional<std::string>& only, AllocationFigures& total,
                          std::map<std::string, AllocationFigures>& by_municipality) {
  const Date year_ago = x.AddMonths(-12);
  auto add = [&](const std::string& m, auto&& fn) {
    if (only && m != *only) return;
    fn(total);
    fn(by_municipality[m]);
  };
  for (const auto& approved : journal.approved_citizens()) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(approved.position, known_at, scratch);
    if (!c.registered || c.registered_on > x || c.DeadOn(x)) continue;
    const std::string& m = c.MunicipalityOn(x);
    if (only && m != *only) continue;  // as add() would, before the walk through the entries
    if (AllocationOf(c).ApprovalOn(x)) add(m, [](AllocationFigures& f) { ++f.waiting; });
  }
  for (size_t u = 0; u < journal.units().size(); ++u) {
    const auto& entries = journal.EntriesOfUnit(u);
    if (only && !EverListedBy(entries, *only)) continue;
    DwellingCourse d = FoldDwelling(journal.units()[u], entries, known_at);
    if (!d.listed()) continue;  // offers of dwellings outside the register count in no figure
    if (const Listing* l = d.ListingOn(x); l && d.VacantOn(x)) {
      add(l->municipality, [&](AllocationFigures& f) {
        ++f.vacant;
        ++f.vacant_by_kind[std::string(NameOf(kUnitKindNames, l->terms->unit_kind))];
      });
    }
    // Vacant days by the listing in force on each day: per listing, its share of the window.
    for (size_t i = 0; i < d.listings.size(); ++i) {
      const Date from = std::max(d.listings[i].date, year_ago.AddDays(1));
      const Date to = i + 1 < d.listings.size() ? std::min(x, d.listings[i + 1].date.AddDays(-1)) : x;
      if (from > to) continue;
      const int days = d.VacantDaysIn(from, to);
      if (days > 0)
        add(d.listings[i].municipality, [&](AllocationFigures& f) { f.vacant_days += days; });
    }
    if (d.VacantDaysIn(year_ago.AddDays(1), x) > 0) {
      const Listing* l = d.ListingOn(x) ? d.ListingOn(x) : &d.listings.back();
      add(l->municipality, [](AllocationFigures& f) { ++f.dwellings_with_vacant_days; });
    }
    for (const OfferStep& o : d.offers) {
      if (o.date <= year_ago || o.date > x) continue;
      const Listing* l = d.ListingOn(o.date);
      if (!l) continue;
      if (o.status == OfferStatus::kDeclined) {
        const std::string reason(NameOf(kDeclineReasonNames, o.reason.value_or(DeclineReason::kOther)));
        add(l->municipality, [&](AllocationFigures& f) {
          ++f.declined;
          ++f.declined_by_reason[reason];
        });
      } else if (o.status == OfferStatus::kMovedIn) {
        if (only && l->municipality != *only) continue;  // as add() would, before the citizen's fold
        const bool quota = l->terms->quota.value_or(false);
        // The wait: from the approval in force the day before the move-in.
        std::optional<int> wait;
        CitizenCourse scratch;
        const CitizenCourse& c = journal.CourseAt(o.citizen, known_at, scratch);
        const CitizenAllocation allocation = AllocationOf(c);
        if (const auto* a = allocation.ApprovalOn(o.date.AddDays(-1))) wait = o.date - a->date;
        add(l->municipality, [&](AllocationFigures& f) {
          if (quota) ++f.quota_moved_in;
          if (wait) f.wait_days.push_back(*wait);
        });
      }
    }
  }
}

AllocationTrendSet AllocationTrend(const Journal& journal, const std::vector<Date>& dates, Timestamp known_at,
                                   const std::optional<std::string>& only) {
  AllocationTrendSet out;
  out.total.resize(dates.size());
  if (dates.empty()) return out;
  auto period = [&](const std::string& m, size_t i) -> std::vector<AllocationPeriod*> {
    if (only && m != *only) return {};
    auto [it, fresh] = out.municipalities.try_emplace(m);
    if (fresh) it->second.resize(dates.size());
    return {&out.total[i], &it->second[i]};
  };
  for (size_t u = 0; u < journal.units().size(); ++u) {
    const auto& entries = journal.EntriesOfUnit(u);
    if (only && !EverListedBy(entries, *only)) continue;
    DwellingCourse d = FoldDwelling(journal.units()[u], entries, known_at);
    if (!d.listed()) continue;
    for (size_t i = 0; i < dates.size(); ++i) {
      const Date from = (i == 0 ? dates[0].AddMonths(-1) : dates[i - 1]).AddDays(1), to = dates[i];
      std::set<std::string> counted;  // municipalities this dwelling already counts in
      for (size_t l = 0; l < d.listings.size(); ++l) {
        const Date a = std::max(d.listings[l].date, from);
        const Date b = l + 1 < d.listings.size() ? std::min(to, d.listings[l + 1].date.AddDays(-1)) : to;
        if (a > b) continue;
        const int days = d.VacantDaysIn(a, b);
        if (days == 0) continue;
        const bool first = counted.insert(d.listings[l].municipality).second;
        for (AllocationPeriod* p : period(d.listings[l].municipality, i)) {
          p->vacant_days += days;
          if (first) ++p->dwellings;
        }
      }
      for (const OfferStep& o : d.offers) {
        if (o.status != OfferStatus::kMovedIn || o.date < from || o.date > to) continue;
        const Listing* l = d.ListingOn(o.date);
        if (!l) continue;
        CitizenCourse scratch;
        const CitizenCourse& c = journal.CourseAt(o.citizen, known_at, scratch);
        const CitizenAllocation allocation = AllocationOf(c);
        const auto* approval = allocation.ApprovalOn(o.date.AddDays(-1));
        if (!approval) continue;
        for (AllocationPeriod* p : period(l->municipality, i)) p->wait_days.push_back(o.date - approval->date);
      }
    }
  }
  return out;
}

namespace {

json MedianOf(std::vector<int> v) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  const int64_t sum = int64_t{v[n / 2 - 1]} + v[n / 2];
  if (sum % 2 == 0) return sum / 2;
  return static_cast<double>(sum) / 2.0;
}

json CountWith(int64_t n, const char* split, const std::map<std::string, int64_t>& parts) {
  json j{{"value", n}};
  json s = json::object();
  for (const auto& [k, v] : parts)
    if (v != 0) s[k] = v;
  j[split] = s;
  return j;
}

}  // namespace

void AllocationJson(const AllocationFigures& f, json& figures) {
  figures["housing_waiting"] = json{{"value", f.waiting}};
  figures["housing_wait_days_median"] = json{{"value", MedianOf(f.wait_days)}};
  figures["units_vacant"] = CountWith(f.vacant, "by_unit_kind", f.vacant_by_kind);
  figures["vacant_unit_days_12m"] = json{{"value", f.vacant_days}};
  figures["offers_declined_12m"] = CountWith(f.declined, "by_reason", f.declined_by_reason);
  figures["quota_moved_in_12m"] = json{{"value", f.quota_moved_in}};
}

std::optional<Date> OfferStalledSince(const CitizenCourse& c, Date x, const Thresholds& t) {
  std::optional<Date> since;
  CitizenAllocation a = AllocationOf(c);
  for (const OfferStep* o : OpenOffers(a.offers, x)) {
    if (x - o->date <= t.offer_days) continue;
    Date s = o->date.AddDays(t.offer_days + 1);
    if (!since || s < *since) since = s;
  }
  return since;
}

}  // namespace tov::report
