// The use cases of housing allocation (DESIGN §9, docs/housing.md): the waiting list, a
// dwelling's candidates, the register of dwellings, and the move-in that also records the
// citizen's new housing situation. The JSON API, the pages and the command line call these.
// Municipal roles (caseworker, leader, housing) see their own municipality's list and dwellings;
// a dwelling of another municipality answers like one that does not exist (kNotFound). Every
// citizen named is logged (`list`, with what listed them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access_policy.h"
#include "app/app.h"
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
};

StatusOr<WaitingListResult> HousingQueue(App& app, const Principal& p, const QueueQuery& query);

struct CandidatesQuery {
  std::string unit;
  Date as_of;
  std::optional<Timestamp> known_at;  // default now
};

StatusOr<report::CandidateSplit> HousingCandidates(App& app, const Principal& p, const CandidatesQuery& query);

}  // namespace tov
