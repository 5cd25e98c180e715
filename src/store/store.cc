// Opening a store by its location.
#include "store/store.h"

#include "store/pg.h"
#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace tov {

StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (pg::IsUrl(options.path)) {
    ASSIGN_OR_RETURN(auto pg, PgStore::Open(options));
    return std::unique_ptr<Store>(std::move(pg));
  }
  ASSIGN_OR_RETURN(auto sqlite, SqliteStore::Open(options));
  return std::unique_ptr<Store>(std::move(sqlite));
}

}  // namespace tov
