// Copying a whole store into another.
#include "store/copy.h"

#include <utility>

namespace tov {

Status CopyStore(Store& from, Store& to, CopyCounts* counts) {
  CopyCounts n;
  if (from.keys().ToString() != to.keys().ToString())
    return Status::FailedPrecondition("the key of " + to.location() + " is not the key of " + from.location() +
                                      "; a copy keeps the key (set TOVHOLDER_KEY_FILE to the source's key file)");
  // Empty: stop at the first thing read.
  const Status kHolds = Status::FailedPrecondition(to.location() + " is not empty; copy into a new, empty database");
  bool holds = false;
  auto found = [&](auto&&) {
    holds = true;
    return kHolds;
  };
  Status probe = to.ReadSnapshot({found, found,
                                  [&](std::vector<User>&& u) { return u.empty() ? Status::Ok() : found(u); },
                                  [&](SettingsMap&& s) { return s.empty() ? Status::Ok() : found(s); }});
  if (holds) return kHolds;
  RETURN_IF_ERROR(probe);

  SnapshotVisitor copy;
  copy.entries = [&](std::vector<Entry>&& chunk) -> Status {
    std::vector<int64_t> seqs;
    for (const Entry& e : chunk) seqs.push_back(e.seq);
    RETURN_IF_ERROR(to.Append(chunk));
    // The same positions: the target gives out 1, 2, … as the source did.
    for (size_t i = 0; i < chunk.size(); ++i)
      if (chunk[i].seq != seqs[i])
        return Status::Internal("entry " + chunk[i].id + " got position " + std::to_string(chunk[i].seq) +
                                " in the copy, not " + std::to_string(seqs[i]));
    n.entries += chunk.size();
    return Status::Ok();
  };
  copy.access = [&](std::vector<AccessRecord>&& chunk) {
    n.access += chunk.size();
    return to.LogAccess(chunk);
  };
  copy.users = [&](std::vector<User>&& users) -> Status {
    for (const User& u : users) {
      RETURN_IF_ERROR(to.AddUser(u));
      if (u.failed_logins != 0 || u.locked_until_ms != 0)
        RETURN_IF_ERROR(to.UpdateLoginState(u.name, u.failed_logins, u.locked_until_ms));
      ++n.users;
    }
    return Status::Ok();
  };
  copy.settings = [&](SettingsMap&& settings) -> Status {
    for (const auto& [k, v] : settings) RETURN_IF_ERROR(to.SetSetting(k.first, k.second, v));
    n.settings = settings.size();
    return Status::Ok();
  };
  RETURN_IF_ERROR(from.ReadSnapshot(copy));
  if (counts) *counts = n;
  return Status::Ok();
}

}  // namespace tov
