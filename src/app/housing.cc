// The use cases of housing allocation.
#include "app/housing.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "app/audit.h"
#include "domain/municipality.h"

namespace tov {
namespace {

Status LogListed(App& app, const Principal& p, const std::vector<std::string>& citizens, const std::string& detail) {
  std::vector<AccessRecord> log;
  for (const std::string& c : citizens) log.push_back(AuditRecord(app, p, c, AccessAction::kList, detail));
  return app.LogAccess(std::move(log));
}

// "Known at" a time at or after every entry's `recorded` is known at everything: one memo
// serves every such time.
Timestamp Known(const Journal& j, Timestamp known_at) {
  return known_at >= j.max_recorded() ? Timestamp::Max() : known_at;
}

// The citizen's name from their registration, if any.
std::optional<std::string> NameIn(const Journal& j, const std::string& key) {
  std::optional<std::string> name;
  for (const Entry* e : j.EntriesOf(key))
    if (const auto* r = e->As<Registered>(); r && r->name) name = r->name;
  return name;
}

// The row of a folded dwelling on X; nullopt when it is not listed by X.
std::optional<DwellingRow> RowOf(const Journal& j, const report::DwellingCourse& d, Date x) {
  const report::Listing* l = d.ListingOn(x);
  if (!l) return std::nullopt;
  DwellingRow row;
  row.key = d.key;
  row.municipality = l->municipality;
  row.listed = l->date;
  row.terms = *l->terms;
  row.vacant_days_12m = d.VacantDaysIn(x.AddMonths(-12).AddDays(1), x);
  if (d.VacantOn(x)) {
    row.state = DwellingState::kVacant;
    auto open = report::OpenOffers(d.offers, x);
    if (!open.empty()) {
      const report::OfferStep* o = open.front();
      row.state = DwellingState::kOffered;
      row.offer_citizen = o->citizen;
      row.offer_status = o->status;
      row.offer_since = o->date;
      row.offer_age_days = x - o->date;
      row.offer_name = NameIn(j, o->citizen);
    }
    return row;
  }
  // Not vacant: what ended the listing (report/housing.h, DwellingCourse::EndOf).
  auto end = d.EndOf(*l);
  row.state = end && end->move_in ? DwellingState::kLet : DwellingState::kWithdrawn;
  if (end) row.state_since = end->date;
  return row;
}

}  // namespace

StatusOr<WaitingListResult> HousingQueue(App& app, const Principal& p, const QueueQuery& query) {
  if (!Allowed(p.role, Permission::kReadAllocation)) return Status::PermissionDenied("this role sees no waiting list");
  std::string m = query.municipality.value_or("");
  if (!m.empty() && !FindMunicipality(m))
    return Status::Invalid("invalid municipality", {{"municipality", "is not a municipality code", "not_municipality", {}}});
  if (p.role != Role::kOperator) {
    if (!m.empty() && m != p.municipality) return Status::PermissionDenied("you can only see your own municipality's waiting list");
    m = p.municipality;
  }
  if (m.empty()) return Status::Invalid("municipality required", {{"municipality", "is required", "required", {}}});
  WaitingListResult out;
  out.as_of = query.as_of;
  out.municipality = m;
  out.weights = app.ThresholdsFor(m);
  const Timestamp known_at = query.known_at.value_or(app.Now());
  out.queue = app.Read([&](const Journal& j) {
    const Timestamp known = Known(j, known_at);
    report::ListMemo& memo = app.ListMemoFor(m);
    std::lock_guard lock(memo.mu);
    if (!memo.For(m, query.as_of, known, out.weights)) memo.Reset(m, query.as_of, known, out.weights);
    auto queue = report::WaitingList(j, query.as_of, known, m, out.weights, &memo);
    for (const auto& q : queue)
      if (auto name = NameIn(j, q.citizen)) out.names[q.citizen] = *name;
    return queue;
  });
  std::vector<std::string> named;
  for (const auto& q : out.queue) named.push_back(q.citizen);
  RETURN_IF_ERROR(LogListed(app, p, named, "housing_queue"));
  return out;
}

StatusOr<report::CandidateSplit> HousingCandidates(App& app, const Principal& p, const CandidatesQuery& query) {
  if (!Allowed(p.role, Permission::kReadAllocation)) return Status::PermissionDenied("this role sees no dwellings");
  const Timestamp known_at = query.known_at.value_or(app.Now());
  // The weights are the dwelling's municipality's; find it first.
  auto municipality = app.Read([&](const Journal& j) -> std::optional<std::string> {
    auto d = report::FoldDwelling(query.unit, j.EntriesOfUnit(query.unit), known_at);
    if (!d.listed()) return std::nullopt;
    const report::Listing* l = d.ListingOn(query.as_of);
    return (l ? *l : d.listings.front()).municipality;
  });
  // A dwelling of another municipality answers like one that does not exist.
  if (!municipality || (p.role != Role::kOperator && *municipality != p.municipality))
    return Status::NotFound("no dwelling \"" + query.unit + "\" is listed");
  const report::Thresholds weights = app.ThresholdsFor(*municipality);
  auto split = app.Read([&](const Journal& j) {
    const Timestamp known = Known(j, known_at);
    std::unique_lock<std::mutex> lock;
    auto memo_for = [&](const std::string& m) {
      report::ListMemo& memo = app.ListMemoFor(m);
      lock = std::unique_lock(memo.mu);
      if (!memo.For(m, query.as_of, known, weights)) memo.Reset(m, query.as_of, known, weights);
      return &memo;
    };
    return report::Candidates(j, query.unit, query.as_of, known, weights, memo_for);
  });
  if (!split.ok()) return split.status();
  std::vector<std::string> named;
  for (const auto& q : split->candidates) named.push_back(q.citizen);
  for (const auto& o : split->ineligible) named.push_back(o.entry.citizen);
  RETURN_IF_ERROR(LogListed(app, p, named, "housing_candidates " + query.unit));
  return split;
}

// ---- The register of dwellings ----

StatusOr<DwellingList> ListDwellings(App& app, const Principal& p, const DwellingQuery& query) {
  if (!Allowed(p.role, Permission::kReadAllocation)) return Status::PermissionDenied("this role sees no dwellings");
  const Timestamp known_at = query.known_at.value_or(app.Now());
  const Date x = query.as_of;
  DwellingList out;
  app.Read([&](const Journal& j) {
    std::set<std::string> areas;
    for (const std::string& key : j.units()) {
      report::DwellingCourse d = report::FoldDwelling(key, j.EntriesOfUnit(key), known_at);
      const report::Listing* l = d.ListingOn(x);
      if (!l) continue;  // not listed by X (or never)
      if (p.role != Role::kOperator && l->municipality != p.municipality) continue;
      if (l->terms->area) areas.insert(*l->terms->area);
      auto row = RowOf(j, d, x);
      if (!query.unit_kind.empty() && NameOf(kUnitKindNames, row->terms.unit_kind) != query.unit_kind) continue;
      if (!query.area.empty() && row->terms.area.value_or("") != query.area) continue;
      if (row->state == DwellingState::kWithdrawn && !query.include_withdrawn) continue;
      out.rows.push_back(std::move(*row));
    }
    out.areas.assign(areas.begin(), areas.end());
    return 0;
  });
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const DwellingRow& a, const DwellingRow& b) {
    if (a.state != b.state) return a.state < b.state;
    return a.key < b.key;
  });
  std::vector<std::string> named;
  for (const auto& r : out.rows)
    if (!r.offer_citizen.empty()) named.push_back(r.offer_citizen);
  RETURN_IF_ERROR(LogListed(app, p, named, "housing_dwellings"));
  return out;
}

StatusOr<DwellingDetail> DwellingDetailOf(App& app, const Principal& p, const std::string& unit, Date as_of) {
  auto split = HousingCandidates(app, p, {unit, as_of, std::nullopt});
  if (!split.ok()) return split.status();
  DwellingDetail out;
  out.split = std::move(*split);
  const report::DwellingCourse& d = out.split.dwelling;
  app.Read([&](const Journal& j) {
    auto row = RowOf(j, d, as_of);
    if (!row) {  // listed only after X: its first listing's terms, not yet vacant
      row.emplace();
      row->key = d.key;
      row->municipality = d.listings.front().municipality;
      row->listed = d.listings.front().date;
      row->terms = *d.listings.front().terms;
      row->state = DwellingState::kWithdrawn;
    }
    out.row = std::move(*row);
    if (out.row.state == DwellingState::kOffered) {
      const report::CitizenAllocation a = report::AllocationOf(j.CourseOf(out.row.offer_citizen));
      DwellingDetail::Barriers b;
      if (const auto* approval = a.ApprovalOn(as_of)) b.max_rent = approval->terms->max_rent;
      b.rent_over_limit = b.max_rent && out.row.terms.rent > *b.max_rent;
      for (const Entry* e : a.deposit_loans)
        if (e->date <= as_of && e->As<DepositLoan>()->granted) b.deposit_loans_granted += e->As<DepositLoan>()->amount;
      for (const Entry* e : a.debts)
        if (e->date <= as_of && e->As<HousingDebt>()->to == DebtTo::kHousingAssociation) b.debt_to_associations += e->As<HousingDebt>()->amount;
      out.offer_barriers = b;
    }
    for (auto it = d.offers.rbegin(); it != d.offers.rend(); ++it) {
      if (it->date > as_of) continue;
      out.history.push_back({it->date, it->citizen, it->status, it->reason});
    }
    auto name = [&](const std::string& c) {
      if (out.names.count(c)) return;
      if (auto n = NameIn(j, c)) out.names[c] = *n;
    };
    for (const auto& s : out.history) name(s.citizen);
    for (const auto& q : out.split.candidates) name(q.citizen);
    for (const auto& o : out.split.ineligible) name(o.entry.citizen);
    return 0;
  });
  std::vector<std::string> named;
  for (const auto& s : out.history) named.push_back(s.citizen);
  RETURN_IF_ERROR(LogListed(app, p, named, "housing_dwelling " + unit));
  return out;
}

StatusOr<std::string> SuggestDwellingKey(App& app, const Principal& p) {
  if (!Allowed(p.role, Permission::kReadAllocation) || !MayRecord(p, Kind::kUnitListed))
    return Status::PermissionDenied("this role lists no dwellings");
  if (p.municipality.empty()) return Status::Invalid("municipality required");
  const std::string prefix = p.municipality + "-B";
  long highest = 0;
  app.Read([&](const Journal& j) {
    for (const std::string& k : j.units()) {
      if (k.rfind(prefix, 0) != 0 || k.size() > prefix.size() + 9) continue;
      const std::string digits = k.substr(prefix.size());
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
      highest = std::max(highest, std::stol(digits));
    }
    return 0;
  });
  std::string n = std::to_string(highest + 1);
  if (n.size() < 4) n = std::string(4 - n.size(), '0') + n;
  return prefix + n;
}

// ---- Offers ----

StatusOr<Recorded> RecordOffer(App& app, const Principal& p, const OfferInput& in) {
  if (in.status == "moved_in") {
    if (!in.reason.empty())
      return Status::Invalid("invalid entry", {{"reason", "is only given when the offer is declined", "unknown_field", {}}});
    return MoveIn(app, p, in.citizen, in.unit, in.date);
  }
  nlohmann::json j{{"citizen", in.citizen}, {"municipality", p.municipality}, {"kind", "housing_offer"},
                   {"unit", in.unit}, {"status", in.status}};
  if (p.role == Role::kOperator) j.erase("municipality");
  j["date"] = in.date.empty() ? app.Now().date().ToString() : in.date;
  if (!in.reason.empty()) j["reason"] = in.reason;
  return RecordEntry(app, p, std::move(j));
}

StatusOr<Recorded> MoveIn(App& app, const Principal& p, const std::string& citizen, const std::string& unit,
                          const std::string& date) {
  const std::string d = date.empty() ? app.Now().date().ToString() : date;
  std::vector<nlohmann::json> batch;
  batch.push_back({{"citizen", citizen}, {"municipality", p.municipality}, {"kind", "housing_offer"},
                   {"unit", unit}, {"status", "moved_in"}, {"date", d}});
  batch.push_back({{"citizen", citizen}, {"municipality", p.municipality}, {"kind", "housing"},
                   {"situation", "own_home"}, {"date", d}});
  return RecordEntries(app, p, std::move(batch));
}

// ---- A citizen's allocation ----

StatusOr<AllocationSummary> CitizenAllocationOn(App& app, const Principal& p, const std::string& citizen,
                                                std::optional<Date> as_of, const std::string& channel) {
  if (!Allowed(p.role, Permission::kReadAllocation)) return Status::PermissionDenied("this role sees no allocation");
  const Date today = app.Now().date();
  const Date x = as_of.value_or(today);
  AllocationSummary out;
  out.citizen = citizen;
  out.as_of = x;
  bool shown = app.Read([&](const Journal& j) {
    CitizenCourse scratch;
    const CitizenCourse& c = j.CourseAt(citizen, Timestamp::Max(), scratch);
    if (!MaySeeCitizen(p, c, today)) return false;
    out.municipality = c.MunicipalityOn(x);
    out.weights = app.ThresholdsFor(out.municipality);
    report::CitizenAllocation a = report::AllocationOf(c);
    if (const auto* approval = a.ApprovalOn(x)) {
      out.approved = approval->date;
      out.terms = *approval->terms;
      out.on_list = c.registered_on <= x && !c.DeadOn(x);
    }
    for (const report::Step& e : a.approval_ends)
      if (e.date <= x && (!out.approval_ended || e.date > *out.approval_ended)) out.approval_ended = e.date;
    out.parts = report::PriorityOn(c, x, out.weights);
    out.homeless_days = c.HomelessDaysIn(x.AddMonths(-36), x);
    bool accepted = false;
    for (const report::OfferStep* o : report::OpenOffers(a.offers, x)) {
      AllocationSummary::Offer offer;
      offer.unit = o->unit;
      offer.status = o->status;
      offer.since = o->date;
      offer.age_days = x - o->date;
      report::DwellingCourse d = report::FoldDwelling(o->unit, j.EntriesOfUnit(o->unit), Timestamp::Max());
      if (const report::Listing* l = d.ListingOn(x) ? d.ListingOn(x) : (d.listed() ? &d.listings.front() : nullptr)) {
        offer.terms = *l->terms;
        offer.rent_over_limit = out.terms && out.terms->max_rent && l->terms->rent > *out.terms->max_rent;
      }
      if (o->status == OfferStatus::kAccepted) accepted = true;
      out.open_offers.push_back(std::move(offer));
    }
    for (auto it = a.offers.rbegin(); it != a.offers.rend(); ++it)
      if (it->date <= x) out.history.push_back({it->date, it->unit, it->status, it->reason});
    for (const Entry* e : a.deposit_loans)
      if (e->date <= x) out.deposit_loans.push_back({e->date, *e->As<DepositLoan>()});
    for (const Entry* e : a.debts)
      if (e->date <= x) {
        out.debts.push_back({e->date, *e->As<HousingDebt>()});
        if (e->As<HousingDebt>()->to == DebtTo::kHousingAssociation) out.debt_to_associations += e->As<HousingDebt>()->amount;
      }
    // God løsladelse: an accepted home while the plan in force says there is none.
    if (accepted)
      if (const PlannedRelease* r = c.ReleaseInForce(x); r && !r->housing_solution && r->expected >= x &&
                                                          c.SituationOn(x) && IsInstitution(*c.SituationOn(x)))
        out.release_to_update = *r;
    return true;
  });
  if (!shown) return Status::NotFound("no citizen " + citizen);
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, citizen, AccessAction::kRead, channel)}));
  return out;
}

}  // namespace tov
