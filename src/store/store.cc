// Opening a store by its location, and the encoding of entries every store shares.
#include "store/store.h"

#include "common/parallel.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "store/pg.h"
#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace tov {

std::string CprDigits(std::string_view cpr) {
  std::string d;
  for (char c : cpr)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

std::vector<StoredEntry> EncodeEntries(const crypto::Keys& keys, const std::vector<Entry>& entries,
                                       const std::vector<std::string>* raw) {
  std::vector<StoredEntry> encoded(entries.size());
  ParallelFor(entries.size(), [&](size_t b, size_t end) {
    for (size_t i = b; i < end; ++i) {
      const Entry& e = entries[i];
      // Never for a registration or an identification: its line may hold a CPR number (e.g.
      // under a duplicate key).
      const bool may_hold_cpr = e.kind() == Kind::kRegistered || e.kind() == Kind::kIdentified;
      if (raw && !may_hold_cpr && !(*raw)[i].empty()) {
        encoded[i].body = (*raw)[i];  // already validated; saves re-encoding a large import
        continue;
      }
      nlohmann::json j = ToJson(e);
      if (const std::string* cpr = GivenCpr(e)) {
        j.erase("cpr");
        encoded[i].secret = crypto::Encrypt(keys, *cpr);
        encoded[i].blind = crypto::BlindIndex(keys, CprDigits(*cpr));
      }
      encoded[i].body = j.dump();
    }
  });
  return encoded;
}

StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (pg::IsUrl(options.path)) {
    ASSIGN_OR_RETURN(auto pg, PgStore::Open(options));
    return std::unique_ptr<Store>(std::move(pg));
  }
  ASSIGN_OR_RETURN(auto sqlite, SqliteStore::Open(options));
  return std::unique_ptr<Store>(std::move(sqlite));
}

}  // namespace tov
