// Copying a whole store into another (`tovholder copy`, and the PostgreSQL store's backup):
// SQLite ↔ PostgreSQL, or SQLite → SQLite.
#pragma once

#include "common/status.h"
#include "store/store.h"

namespace tov {

// Copies one consistent snapshot of `from` (Store::ReadSnapshot) into `to`: every entry in
// journal order (so at the same positions), every access record in order, the users with their
// login state, and the settings. Sessions are not copied: users log in again. CPR numbers are
// encrypted and indexed again with `to`'s key, which must be `from`'s (kFailedPrecondition
// otherwise). REQUIRES: `to` holds nothing (kFailedPrecondition, changing nothing, when it
// does). Not one transaction: after a failure, start again with a new, empty target.
struct CopyCounts {
  size_t entries = 0, access = 0, users = 0, settings = 0;
};
Status CopyStore(Store& from, Store& to, CopyCounts* counts = nullptr);

}  // namespace tov
