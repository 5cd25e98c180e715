// The use cases of housing allocation.
#include "app/housing.h"

#include "app/audit.h"
#include "domain/municipality.h"

namespace tov {
namespace {

void LogListed(App& app, const Principal& p, const std::vector<std::string>& citizens, const std::string& detail) {
  std::vector<AccessRecord> log;
  for (const std::string& c : citizens) log.push_back(AuditRecord(app, p, c, AccessAction::kList, detail));
  app.LogAccess(std::move(log));
}

// "Known at" a time at or after every entry's `recorded` is known at everything: one memo
// serves every such time.
Timestamp Known(const Journal& j, Timestamp known_at) {
  return known_at >= j.max_recorded() ? Timestamp::Max() : known_at;
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
    return report::WaitingList(j, query.as_of, known, m, out.weights, &memo);
  });
  std::vector<std::string> named;
  for (const auto& q : out.queue) named.push_back(q.citizen);
  LogListed(app, p, named, "housing_queue");
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
  LogListed(app, p, named, "housing_candidates " + query.unit);
  return split;
}

}  // namespace tov
