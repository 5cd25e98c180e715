// Opening a store by its location.
#include "store/store.h"

#include "store/sqlite_store.h"

namespace tov {

StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (options.path.rfind("postgresql://", 0) == 0 || options.path.rfind("postgres://", 0) == 0)
    return Status::FailedPrecondition("PostgreSQL is not supported by this build yet; use a SQLite file");
  ASSIGN_OR_RETURN(auto sqlite, SqliteStore::Open(options));
  return std::unique_ptr<Store>(std::move(sqlite));
}

}  // namespace tov
