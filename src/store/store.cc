// Opening a store by its location, and the encoding of entries every store shares.
#include "store/store.h"

#include <future>

#include "common/parallel.h"
#include "domain/cpr.h"
#include "domain/entry_binary.h"
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
      encoded[i].bin = EncodeEntryBinary(e);
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

StatusOr<Entry> DecodeStoredRow(const crypto::Keys& keys, const StoredRow& row) {
  if (row.bin) {
    auto e = DecodeEntryBinary(*row.bin);
    if (!e.ok()) return Status::Internal("entry " + std::to_string(row.seq) + " " + e.status().message());
    e->id = row.id;
    e->recorded = Timestamp(row.recorded_ms);
    if (row.author) e->by = *row.author;
    e->seq = row.seq;
    if (row.secret) {
      ASSIGN_OR_RETURN(std::string cpr, crypto::Decrypt(keys, *row.secret));
      if (auto* r = std::get_if<Registered>(&e->body)) {
        r->cpr = std::move(cpr);
      } else if (auto* i = std::get_if<Identified>(&e->body)) {
        i->cpr = std::move(cpr);
      } else {
        return Status::Internal("entry " + std::to_string(row.seq) + " is damaged: a CPR number beside a " +
                                std::string(KindName(e->kind())));
      }
    }
    return e;
  }
  auto j = nlohmann::json::parse(row.body.begin(), row.body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("entry " + std::to_string(row.seq) + " is damaged");
  if (row.secret) {
    ASSIGN_OR_RETURN(std::string cpr, crypto::Decrypt(keys, *row.secret));
    j["cpr"] = cpr;
  }
  // A body stored as imported may lack what the journal assigned, or hold null there (read as
  // absent on import); the columns hold it.
  j["id"] = row.id;
  j["recorded"] = Timestamp(row.recorded_ms).ToString();
  if (row.author) j["by"] = *row.author;
  ParseOptions options{Timestamp::Max(), false};
  auto e = ParseEntry(j, options);
  if (!e.ok())
    return Status::Internal("entry " + std::to_string(row.seq) + " is damaged: " + e.status().ToString());
  e->seq = row.seq;
  return e;
}

namespace {
using Decoded = std::vector<std::optional<StatusOr<Entry>>>;

void DecodeChunk(const crypto::Keys& keys, const std::vector<StoredRow>& rows, Decoded& out) {
  out.clear();
  out.resize(rows.size());
  ParallelFor(
      rows.size(),
      [&](size_t b, size_t end) {
        for (size_t i = b; i < end; ++i) out[i].emplace(DecodeStoredRow(keys, rows[i]));
      },
      /*min_chunk=*/2000);
}

Status Deliver(Decoded& decoded, const std::function<Status(Entry&&)>& fn) {
  for (auto& d : decoded) {
    if (!d->ok()) return d->status();
    RETURN_IF_ERROR(fn(std::move(**d)));
  }
  return Status::Ok();
}
}  // namespace

Status DecodeStoredRows(const crypto::Keys& keys, const StoredRowReader& read,
                        const std::function<Status(Entry&&)>& fn) {
  std::vector<StoredRow> rows[2];
  Decoded decoded[2];
  ASSIGN_OR_RETURN(bool more, read(rows[0]));
  if (!more) {  // one chunk (a citizen's entries, what is new): no thread
    DecodeChunk(keys, rows[0], decoded[0]);
    return Deliver(decoded[0], fn);
  }
  // Chunk `cur` is decoded on the other threads while this one reads chunk `cur`+1, then gives
  // chunk `cur` to fn while chunk `cur`+1 is decoded.
  int cur = 0;
  auto decode = [&](int i) { return std::async(std::launch::async, [&, i] { DecodeChunk(keys, rows[i], decoded[i]); }); };
  std::future<void> decoding = decode(cur);
  while (true) {
    StatusOr<bool> next_more = more ? read(rows[1 - cur]) : StatusOr<bool>(false);
    if (!more) rows[1 - cur].clear();
    decoding.get();
    if (!next_more.ok()) return next_more.status();
    const bool next = !rows[1 - cur].empty();
    if (next) decoding = decode(1 - cur);
    Status st = Deliver(decoded[cur], fn);
    if (!st.ok() || !next) return st;  // a decoding still running is waited for by its future
    more = *next_more;
    cur = 1 - cur;
  }
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
