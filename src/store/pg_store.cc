// PostgreSQL storage of the journal: schema, migrations, the cross-process append lock,
// LISTEN/NOTIFY, and the same encoding of entries and the CPR secret as the SQLite store.
#include "store/pg_store.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "common/parallel.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "store/copy.h"
#include "store/sqlite_store.h"

namespace tov {
namespace {

// Advisory lock keys ("tovhold" and a number): appends, and migrations.
constexpr int64_t kAppendLockKey = 0x746f76686f6c6401;
constexpr int64_t kMigrateLockKey = 0x746f76686f6c6402;
constexpr const char* kChannel = "tovholder_journal";
constexpr const char* kKeyCheckInput = "tovholder key check v1";  // as in the SQLite store
constexpr const char* kEntryColumns = "seq, body, secret, id, recorded_ms, author, bin";

// Numbered migrations; migration N brings the schema to version N (the same numbers as the
// SQLite store's). Never edit a released migration: add the next one.
const char* const kMigrations[] = {
    // 1: the journal, CPR index, access log, settings, users and sessions.
    R"sql(
CREATE TABLE tovholder_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  citizen TEXT NOT NULL,
  municipality TEXT NOT NULL,
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL,
  author TEXT,
  body TEXT NOT NULL,
  secret BYTEA
);
CREATE INDEX entries_by_citizen ON entries(citizen, seq);
CREATE INDEX entries_by_recorded ON entries(recorded_ms);
CREATE FUNCTION tovholder_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the % is append-only', TG_ARGV[0];
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION tovholder_append_only('journal');
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
  FOR EACH STATEMENT EXECUTE FUNCTION tovholder_append_only('journal');
CREATE TABLE cpr_index(blind TEXT NOT NULL, citizen TEXT NOT NULL, PRIMARY KEY(blind, citizen));
CREATE TABLE access_log(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  citizen TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX access_log_by_citizen ON access_log(citizen, seq);
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION tovholder_append_only('access log');
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION tovholder_append_only('access log');
CREATE TABLE settings(municipality TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(municipality, key));
CREATE TABLE users(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  municipality TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms BIGINT NOT NULL DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL
);
)sql",
    // 2: a password an administrator chose must be changed; sessions found by their user.
    R"sql(
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX sessions_by_user ON sessions(user_name);
)sql",
    // 3: the users' real names.
    R"sql(
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
)sql",
    // 4: each entry's binary form (docs/storage-format.md), which a load reads instead of
    // parsing the body; rows stored before have none and are read from their body.
    R"sql(
ALTER TABLE entries ADD COLUMN bin BYTEA;
)sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == PgStore::kSchemaVersion);

bool FileExists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// The schema version of the database on `c`: 0 when it holds no tovholder tables (and no other
// tables either); an error for another application's database.
StatusOr<int> SchemaVersion(pg::Conn& c) {
  ASSIGN_OR_RETURN(auto r, c.Query("SELECT to_regclass('tovholder_meta') IS NOT NULL, "
                                   "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())"));
  if (r.Text(0, 0) != "t") {
    if (r.Int(0, 1) > 0)
      return Status::FailedPrecondition(c.location() +
                                        " is not a tovholder database (it holds another application's tables); it was left untouched");
    return 0;
  }
  ASSIGN_OR_RETURN(auto v, c.Query("SELECT value FROM tovholder_meta WHERE key = 'schema_version'"));
  if (v.rows() != 1) return Status::FailedPrecondition(c.location() + " is not a tovholder database (no schema version)");
  return static_cast<int>(v.Int(0, 0));
}

// The keys for a database: StoreOptions::key_path, else the environment. A named key file that
// does not exist yet is created for a new database.
StatusOr<crypto::Keys> KeysFor(const StoreOptions& options, bool new_db) {
  if (!options.key_path.empty()) {
    if (new_db && !FileExists(options.key_path)) RETURN_IF_ERROR(crypto::CreateKeyFile(options.key_path));
    return crypto::LoadKeys(options.key_path);
  }
  const char* key = std::getenv("TOVHOLDER_KEY");
  const char* file = std::getenv("TOVHOLDER_KEY_FILE");
  if (!key && !file)
    return Status::FailedPrecondition(
        "a PostgreSQL database needs its key from the environment: set TOVHOLDER_KEY_FILE to a key file "
        "(created for a new database) or TOVHOLDER_KEY to the key itself (docs/postgresql.md)");
  if (!key && file && *file && new_db && !FileExists(file)) RETURN_IF_ERROR(crypto::CreateKeyFile(file));
  return crypto::KeysFromEnvOrFile("", false);
}

}  // namespace

// The cross-process append lock: a transaction on its own connection holding the advisory lock.
class PgStore::Lock final : public AppendLock {
 public:
  Lock(PgStore* store, pg::Pool::Lease lease) : store_(store), lease_(std::move(lease)) {}
  Status Begin() {
    // One round trip; the key is a constant of this file, not data.
    ASSIGN_OR_RETURN(auto tx, pg::Transaction::Begin(*lease_, kBeginAndLock.c_str()));
    tx_.emplace(std::move(tx));
    return Status::Ok();
  }
  Status ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) override {
    int64_t last = after;
    RETURN_IF_ERROR(store_->ReadAfterOn(*lease_, after, [&](Entry&& e) {
      last = e.seq;
      return fn(std::move(e));
    }));
    last_seq_ = last;  // under the lock, nothing else is stored: the last position there is
    return Status::Ok();
  }
  Status Commit(std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                const std::vector<std::string>* raw) override {
    if (!tx_) return Status::Internal("the append lock was committed already");
    int64_t last = 0;
    Status st = store_->InsertLocked(*lease_, entries, access, raw, last_seq_, &last);
    if (st.ok()) {
      // The NOTIFY is delivered when the transaction commits; both in one round trip (the
      // position is a number this code made).
      std::string sql = entries.empty() ? std::string("COMMIT")
                                        : "SELECT pg_notify('" + std::string(kChannel) + "', '" + std::to_string(last) + "'); COMMIT";
      st = tx_->CommitWith(sql);
    }
    tx_.reset();
    if (!st.ok())
      for (Entry& e : entries) e.seq = 0;
    return st;
  }

 private:
  static inline const std::string kBeginAndLock =
      "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kAppendLockKey) + ")";
  PgStore* store_;
  pg::Pool::Lease lease_;               // declared before tx_: the transaction ends first
  std::optional<pg::Transaction> tx_;
  int64_t last_seq_ = -1;               // the last stored position, once ForEachAfter read it
};

PgStore::PgStore(const StoreOptions& options, crypto::Keys keys)
    : url_(options.path),
      location_(pg::Redact(options.path)),
      key_path_(options.key_path),
      keys_(std::move(keys)),
      connect_{options.statement_timeout_ms},
      pool_(options.path, options.pool_size ? options.pool_size : kDefaultPoolSize, connect_) {
  if (::pipe2(wake_fds_, O_CLOEXEC | O_NONBLOCK) != 0) wake_fds_[0] = wake_fds_[1] = -1;
}

PgStore::~PgStore() {
  listener_.reset();
  for (int fd : wake_fds_)
    if (fd >= 0) ::close(fd);
}

StatusOr<std::unique_ptr<PgStore>> PgStore::Open(const StoreOptions& options) {
  const std::string location = pg::Redact(options.path);
  // Look before anything is created: another application's database, a newer schema or (without
  // `create`) an empty database are refused untouched.
  ASSIGN_OR_RETURN(auto probe, pg::Conn::Connect(options.path));
  ASSIGN_OR_RETURN(int version, SchemaVersion(probe));
  if (version == 0 && !options.create) return Status::NotFound("no tovholder database at " + location);
  if (version > kSchemaVersion)
    return Status::FailedPrecondition(location + " was written by a newer tovholder (schema " + std::to_string(version) +
                                      "; this program knows schema " + std::to_string(kSchemaVersion) +
                                      "); upgrade tovholder. The database was left untouched");
  ASSIGN_OR_RETURN(auto keys, KeysFor(options, version == 0));
  std::unique_ptr<PgStore> store(new PgStore(options, std::move(keys)));
  RETURN_IF_ERROR(store->Migrate(probe));
  return store;
}

Status PgStore::Migrate(pg::Conn& c) {
  std::string check = crypto::BlindIndex(keys_, kKeyCheckInput);
  ASSIGN_OR_RETURN(int version, SchemaVersion(c));
  if (version < kSchemaVersion) {
    // Under an advisory lock, and the version read again under it: processes that start together
    // migrate once.
    ASSIGN_OR_RETURN(auto tx, pg::Transaction::Begin(c));
    RETURN_IF_ERROR(c.Query("SELECT pg_advisory_xact_lock($1)", {kMigrateLockKey}).status());
    ASSIGN_OR_RETURN(version, SchemaVersion(c));
    for (int v = version; v < kSchemaVersion; ++v) {
      Status st = c.Exec(kMigrations[v]);
      if (!st.ok())
        return Status::FailedPrecondition("could not bring " + location_ + " to schema " + std::to_string(v + 1) +
                                          " (migrations run as the role that owns the schema; docs/postgresql.md): " +
                                          st.message());
    }
    if (version == 0)
      RETURN_IF_ERROR(c.Query("INSERT INTO tovholder_meta(key, value) VALUES('key_check', $1)", {check}).status());
    if (version < kSchemaVersion)
      RETURN_IF_ERROR(c.Query("INSERT INTO tovholder_meta(key, value) VALUES('schema_version', $1) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                              {std::to_string(kSchemaVersion)})
                          .status());
    RETURN_IF_ERROR(tx.Commit());
  }
  ASSIGN_OR_RETURN(auto r, c.Query("SELECT value FROM tovholder_meta WHERE key = 'key_check'"));
  if (r.rows() != 1 || r.Text(0, 0) != check)
    return Status::FailedPrecondition("the key does not belong to the database " + location_ +
                                      " (set TOVHOLDER_KEY_FILE to the key file made with this database)");
  return Status::Ok();
}

namespace {
// The rows of `r` (kEntryColumns).
void RowsOf(const pg::Result& r, std::vector<StoredRow>& rows) {
  rows.clear();
  rows.resize(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    StoredRow& x = rows[i];
    x.seq = r.Int(i, 0);
    if (r.IsNull(i, 6)) x.body = r.Text(i, 1);  // a row of schema 3 or before; else not needed
    if (!r.IsNull(i, 2)) x.secret = r.Bytes(i, 2);
    x.id = r.Text(i, 3);
    x.recorded_ms = r.Int(i, 4);
    if (!r.IsNull(i, 5)) x.author = r.Text(i, 5);
    if (!r.IsNull(i, 6)) x.bin = r.Bytes(i, 6);
  }
}
}  // namespace

// Every row of `r` (kEntryColumns) as an entry, in order, decoded on all cores.
Status PgStore::ForEachRow(const pg::Result& r, const std::function<Status(Entry&&)>& fn) {
  return DecodeStoredRows(
      keys_,
      [&r](std::vector<StoredRow>& rows) -> StatusOr<bool> {
        RowsOf(r, rows);
        return false;
      },
      fn);
}

Status PgStore::ReadAfterOn(pg::Conn& c, int64_t after, const std::function<Status(Entry&&)>& fn) {
  const std::string sql = std::string("SELECT ") + kEntryColumns +
                          " FROM entries WHERE seq > $1 ORDER BY seq LIMIT " + std::to_string(kDecodeChunk);
  // The next chunk is asked for while the one before is decoded.
  auto read = [&](std::vector<StoredRow>& rows) -> StatusOr<bool> {
    ASSIGN_OR_RETURN(auto r, c.Query(sql, {after}));
    RowsOf(r, rows);
    if (!rows.empty()) after = rows.back().seq;
    return rows.size() == kDecodeChunk;
  };
  return DecodeStoredRows(keys_, read, fn);
}

Status PgStore::LoadInto(Journal& journal) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  // One snapshot, read in chunks.
  ASSIGN_OR_RETURN(auto tx, pg::Transaction::Begin(*c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  ASSIGN_OR_RETURN(auto last, c->Query("SELECT coalesce(max(seq), 0) FROM entries"));
  journal.Reserve(journal.size() + static_cast<size_t>(std::max<int64_t>(0, last.Int(0, 0) - journal.last_seq())));
  RETURN_IF_ERROR(ReadAfterOn(*c, journal.last_seq(), [&](Entry&& e) {
    journal.Add(std::move(e));
    return Status::Ok();
  }));
  return tx.Commit();
}

Status PgStore::ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return ReadAfterOn(*c, after, fn);
}

namespace {
// Batches up to this many rows are one parameterised INSERT (one round trip); larger ones COPY.
constexpr size_t kInsertRows = 200;
}  // namespace

Status PgStore::InsertAccess(pg::Conn& c, const std::vector<AccessRecord>& records) {
  if (records.empty()) return Status::Ok();
  if (records.size() <= kInsertRows) {
    std::string sql = "INSERT INTO access_log(at_ms, actor, role, citizen, action, detail) VALUES ";
    std::vector<pg::Param> params;
    for (size_t i = 0; i < records.size(); ++i) {
      const AccessRecord& r = records[i];
      size_t n = params.size();
      // Appended piece by piece (GCC 12's -Wrestrict misreads a chain of operator+ at -O3).
      if (i) sql += ',';
      sql += "($";
      sql += std::to_string(n + 1);
      sql += "::bigint";
      for (size_t k = 2; k <= 6; ++k) {
        sql += ",$";
        sql += std::to_string(n + k);
      }
      sql += ')';
      params.insert(params.end(), {r.at.millis(), r.actor, r.role, r.citizen, r.action, r.detail});
    }
    return c.Query(sql, params).status();
  }
  std::string data;
  for (const AccessRecord& r : records) {
    data += std::to_string(r.at.millis());
    for (const std::string* f : {&r.actor, &r.role, &r.citizen, &r.action, &r.detail}) {
      data += '\t';
      pg::CopyField(data, *f);
    }
    data += '\n';
  }
  return c.CopyIn("COPY access_log(at_ms, actor, role, citizen, action, detail) FROM STDIN", data);
}

Status PgStore::InsertLocked(pg::Conn& c, std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                             const std::vector<std::string>* raw, int64_t known_last, int64_t* last_seq) {
  std::vector<StoredEntry> encoded = EncodeEntries(keys_, entries, raw);
  auto fail = [&](Status st) {
    for (Entry& e : entries) e.seq = 0;
    return st;
  };
  // Under the append lock: no other process gives out positions until this transaction ends.
  int64_t seq = known_last;
  if (seq < 0) {
    auto last = c.Query("SELECT coalesce(max(seq), 0) FROM entries");
    if (!last.ok()) return fail(last.status());
    seq = last->Int(0, 0);
  }
  // The blind indexes of the batch in one statement (two arrays), however many.
  std::string blinds = "{", citizens = "{";
  size_t indexed = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!encoded[i].blind) continue;
    if (indexed++) {
      blinds += ',';
      citizens += ',';
    }
    pg::ArrayElement(blinds, *encoded[i].blind);
    pg::ArrayElement(citizens, entries[i].citizen);
  }
  if (indexed) {
    auto st = c.Query("INSERT INTO cpr_index(blind, citizen) SELECT * FROM unnest($1::text[], $2::text[]) "
                      "ON CONFLICT DO NOTHING",
                      {blinds + "}", citizens + "}"});
    if (!st.ok()) return fail(st.status());
  }
  auto by = [](const Entry& e) { return e.by.empty() ? std::optional<std::string>() : std::optional<std::string>(e.by); };
  Status st = Status::Ok();
  if (entries.size() <= kInsertRows) {
    std::string sql = "INSERT INTO entries(seq, id, citizen, municipality, kind, date, recorded_ms, author, body, secret, bin) VALUES ";
    std::vector<pg::Param> params;
    for (size_t i = 0; i < entries.size(); ++i) {
      Entry& e = entries[i];
      e.seq = ++seq;
      size_t n = params.size();
      sql += i ? ",(" : "(";
      for (int k = 1; k <= 11; ++k) {
        sql += (k > 1 ? ",$" : "$") + std::to_string(n + k);
        if (k == 1 || k == 7) sql += "::bigint";
        if (k >= 10) sql += "::bytea";
      }
      sql += ")";
      params.insert(params.end(), {e.seq, e.id, std::string(e.subject()), e.municipality, std::string(KindName(e.kind())),
                                   e.date.ToString(), e.recorded.millis(), pg::Param::OrNull(by(e)), encoded[i].body,
                                   encoded[i].secret ? pg::Param::Bytes(*encoded[i].secret) : pg::Param::Null(),
                                   pg::Param::Bytes(encoded[i].bin)});
    }
    if (!entries.empty()) st = c.Query(sql, params).status();
  } else {
    std::string data;
    for (size_t i = 0; i < entries.size(); ++i) {
      Entry& e = entries[i];
      e.seq = ++seq;
      const StoredEntry& x = encoded[i];
      data += std::to_string(e.seq);
      for (const std::string& f : {e.id, std::string(e.subject()), e.municipality, std::string(KindName(e.kind())),
                                   e.date.ToString()}) {
        data += '\t';
        pg::CopyField(data, f);
      }
      data += '\t';
      data += std::to_string(e.recorded.millis());
      data += '\t';
      pg::CopyField(data, by(e));
      data += '\t';
      pg::CopyField(data, x.body);
      data += '\t';
      pg::CopyBytesField(data, x.secret);
      data += '\t';
      pg::CopyBytesField(data, x.bin);
      data += '\n';
    }
    st = c.CopyIn("COPY entries(seq, id, citizen, municipality, kind, date, recorded_ms, author, body, secret, bin) FROM STDIN", data);
  }
  if (!st.ok()) {
    if (st.code() == StatusCode::kAlreadyExists) return fail(Status::AlreadyExists("an entry id is stored already: " + st.message()));
    return fail(st);
  }
  st = InsertAccess(c, access);
  if (!st.ok()) return fail(st);
  *last_seq = seq;
  return Status::Ok();
}

Status PgStore::Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                       const std::vector<std::string>* raw) {
  ASSIGN_OR_RETURN(auto lock, LockAppends());
  return lock->Commit(entries, access, raw);
}

StatusOr<std::unique_ptr<AppendLock>> PgStore::LockAppends() {
  ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
  auto lock = std::make_unique<Lock>(this, std::move(lease));
  RETURN_IF_ERROR(lock->Begin());
  return std::unique_ptr<AppendLock>(std::move(lock));
}

int64_t PgStore::WaitForAppends(int timeout_ms) {
  std::lock_guard lock(listen_mu_);
  if (stopping_) return 0;
  auto sleep = [&] {
    pollfd p{wake_fds_[0], POLLIN, 0};
    (void)::poll(&p, wake_fds_[0] >= 0 ? 1 : 0, timeout_ms);
  };
  if (!listener_ || PQstatus(listener_->raw()) != CONNECTION_OK) {
    listener_.reset();
    auto c = pg::Conn::Connect(url_, connect_);
    if (!c.ok() || !c->Exec(std::string("LISTEN ") + kChannel).ok()) {
      sleep();  // the server is away: try again next time; the caller reads meanwhile
      return 0;
    }
    listener_ = std::make_unique<pg::Conn>(std::move(*c));
    return 0;  // word sent while nobody listened was lost: the caller reads what is new now
  }
  PGconn* raw = listener_->raw();
  // The highest position announced (each commit's payload is its last position).
  auto drain = [&] {
    int64_t highest = 0;
    while (PGnotify* n = PQnotifies(raw)) {
      highest = std::max<int64_t>(highest, std::strtoll(n->extra, nullptr, 10));
      PQfreemem(n);
    }
    return highest;
  };
  if (PQconsumeInput(raw) == 0) {
    listener_.reset();
    return 0;
  }
  if (int64_t highest = drain()) return highest;
  pollfd fds[2] = {{PQsocket(raw), POLLIN, 0}, {wake_fds_[0], POLLIN, 0}};
  int ready = ::poll(fds, wake_fds_[0] >= 0 ? 2 : 1, timeout_ms);
  if (ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
    if (PQconsumeInput(raw) == 0) {
      listener_.reset();
      return 0;
    }
    return drain();
  }
  return 0;
}

void PgStore::StopWaiting() {
  stopping_ = true;
  if (wake_fds_[1] >= 0) (void)!::write(wake_fds_[1], "x", 1);
}

Status PgStore::ForEachRecorded(Timestamp from, Timestamp to, const std::function<void(const Entry&)>& fn) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query(std::string("SELECT ") + kEntryColumns +
                                        " FROM entries WHERE recorded_ms BETWEEN $1 AND $2 ORDER BY seq",
                                    {from.millis(), to.millis()}));
  return ForEachRow(r, [&](Entry&& e) {
    fn(e);
    return Status::Ok();
  });
}

StatusOr<std::vector<Entry>> PgStore::ReadCitizen(const std::string& citizen) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query(std::string("SELECT ") + kEntryColumns + " FROM entries WHERE citizen = $1 ORDER BY seq",
                                    {citizen}));
  std::vector<Entry> out;
  RETURN_IF_ERROR(ForEachRow(r, [&](Entry&& e) {
    out.push_back(std::move(e));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<std::string>> PgStore::CitizensWithCpr(std::string_view cpr) {
  auto parsed = ParseCpr(cpr);
  if (!parsed) return Status::InvalidField("cpr", "is not a CPR number");
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query("SELECT citizen FROM cpr_index WHERE blind = $1 ORDER BY citizen COLLATE \"C\"",
                                    {crypto::BlindIndex(keys_, parsed->digits)}));
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.Text(i, 0));
  return out;
}

Status PgStore::LogAccess(const std::vector<AccessRecord>& records) {
  if (records.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return InsertAccess(*c, records);  // one COPY: all or nothing
}

StatusOr<std::vector<AccessRecord>> PgStore::AccessLog(const std::string& citizen, size_t limit) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query("SELECT seq, at_ms, actor, role, citizen, action, detail FROM access_log "
                                    "WHERE citizen = $1 ORDER BY seq DESC LIMIT $2",
                                    {citizen, static_cast<int64_t>(limit)}));
  std::vector<AccessRecord> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.Int(i, 0), Timestamp(r.Int(i, 1)), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4), r.Text(i, 5), r.Text(i, 6)});
  return out;
}

StatusOr<SettingsMap> PgStore::Settings() {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query("SELECT municipality, key, value FROM settings"));
  SettingsMap out;
  for (int i = 0; i < r.rows(); ++i) out[{r.Text(i, 0), r.Text(i, 1)}] = r.Text(i, 2);
  return out;
}

Status PgStore::SetSetting(const std::string& municipality, const std::string& key, const std::string& value) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("INSERT INTO settings(municipality, key, value) VALUES($1, $2, $3) "
                  "ON CONFLICT(municipality, key) DO UPDATE SET value = excluded.value",
                  {municipality, key, value})
      .status();
}

Status PgStore::SetSettings(const std::string& municipality,
                            const std::vector<std::pair<std::string, std::string>>& values) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto tx, pg::Transaction::Begin(*c));
  for (const auto& [key, value] : values)
    RETURN_IF_ERROR(c->Query("INSERT INTO settings(municipality, key, value) VALUES($1, $2, $3) "
                             "ON CONFLICT(municipality, key) DO UPDATE SET value = excluded.value",
                             {municipality, key, value})
                        .status());
  return tx.Commit();
}

namespace {
constexpr const char* kUserColumns =
    "name, role, municipality, password_hash, failed_logins, locked_until_ms, active, must_change_password, "
    "full_name";
User ReadUser(const pg::Result& r, int i) {
  return {r.Text(i, 0), r.Text(i, 1),       r.Text(i, 2),       r.Text(i, 3), static_cast<int>(r.Int(i, 4)),
          r.Int(i, 5),  r.Text(i, 6) == "t", r.Text(i, 7) == "t", r.Text(i, 8)};
}
const char* Bool(bool b) { return b ? "true" : "false"; }
}  // namespace

Status PgStore::AddUser(const User& u) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  auto r = c->Query("INSERT INTO users(name, role, municipality, password_hash, active, must_change_password, "
                    "full_name) VALUES($1, $2, $3, $4, $5, $6, $7)",
                    {u.name, u.role, u.municipality, u.password_hash, Bool(u.active), Bool(u.must_change_password),
                     u.full_name});
  if (!r.ok() && r.status().code() == StatusCode::kAlreadyExists)
    return Status::AlreadyExists("user \"" + u.name + "\" already exists");
  return r.status();
}

StatusOr<std::optional<User>> PgStore::FindUser(const std::string& name) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE name = $1", {name}));
  if (r.rows() == 0) return std::optional<User>();
  return std::optional<User>(ReadUser(r, 0));
}

StatusOr<std::vector<User>> PgStore::ListUsers() {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name COLLATE \"C\""));
  std::vector<User> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadUser(r, i));
  return out;
}

Status PgStore::UpdateUser(const User& u) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query("UPDATE users SET role = $1, municipality = $2, password_hash = $3, active = $4, "
                                    "must_change_password = $5, full_name = $6 WHERE name = $7",
                                    {u.role, u.municipality, u.password_hash, Bool(u.active),
                                     Bool(u.must_change_password), u.full_name, u.name}));
  if (r.Affected() != 1) return Status::NotFound("no user \"" + u.name + "\"");
  return Status::Ok();
}

Status PgStore::UpdateLoginState(const std::string& name, int failed, int64_t locked_until) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("UPDATE users SET failed_logins = $1, locked_until_ms = $2 WHERE name = $3",
                  {int64_t{failed}, locked_until, name})
      .status();
}

StatusOr<bool> PgStore::TakeLoginAttempt(const std::string& name, int64_t now_ms, int max_failures,
                                         int64_t lockout_ms) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  // One UPDATE, as in the SQLite store: PostgreSQL locks the row, and a concurrent attempt (from
  // this or another process) re-reads it before its own WHERE and SET, so none slips in between.
  constexpr const char* kSql =
      "UPDATE users SET"
      " failed_logins = CASE WHEN locked_until_ms > 0 THEN 1 ELSE failed_logins + 1 END,"
      " locked_until_ms ="
      "   CASE WHEN (CASE WHEN locked_until_ms > 0 THEN 1 ELSE failed_logins + 1 END) >= $1::integer"
      "   THEN $2::bigint + $3::bigint ELSE 0 END"
      " WHERE name = $4 AND active AND locked_until_ms <= $2::bigint";
  ASSIGN_OR_RETURN(auto r, c->Query(kSql, {int64_t{max_failures}, now_ms, lockout_ms, name}));
  return r.Affected() == 1;
}

Status PgStore::SaveSession(const Session& x) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("INSERT INTO sessions(token_hash, user_name, csrf_token, created_ms, last_seen_ms) VALUES($1, $2, $3, $4, $5)",
                  {x.token_hash, x.user, x.csrf_token, x.created_ms, x.last_seen_ms})
      .status();
}

StatusOr<std::optional<Session>> PgStore::FindSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  ASSIGN_OR_RETURN(auto r, c->Query("SELECT token_hash, user_name, csrf_token, created_ms, last_seen_ms FROM sessions "
                                    "WHERE token_hash = $1",
                                    {token_hash}));
  if (r.rows() == 0) return std::optional<Session>();
  return std::optional<Session>(Session{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Int(0, 3), r.Int(0, 4)});
}

Status PgStore::TouchSession(const std::string& token_hash, int64_t now_ms) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2", {now_ms, token_hash}).status();
}

Status PgStore::DeleteSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("DELETE FROM sessions WHERE token_hash = $1", {token_hash}).status();
}

Status PgStore::DeleteSessionsOf(const std::string& user, const std::string& keep) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("DELETE FROM sessions WHERE user_name = $1 AND token_hash <> $2", {user, keep}).status();
}

Status PgStore::ReadSnapshot(const SnapshotVisitor& v) {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  // One snapshot for every table, however long the reading takes; writers go on meanwhile.
  ASSIGN_OR_RETURN(auto tx, pg::Transaction::Begin(*c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  constexpr size_t kChunk = 50000;
  std::vector<Entry> chunk;
  RETURN_IF_ERROR(ReadAfterOn(*c, 0, [&](Entry&& e) {
    chunk.push_back(std::move(e));
    return chunk.size() == kChunk ? v.entries(std::exchange(chunk, {})) : Status::Ok();
  }));
  if (!chunk.empty()) RETURN_IF_ERROR(v.entries(std::move(chunk)));
  int64_t after = 0;
  while (true) {
    ASSIGN_OR_RETURN(auto r, c->Query("SELECT seq, at_ms, actor, role, citizen, action, detail FROM access_log "
                                      "WHERE seq > $1 ORDER BY seq LIMIT " + std::to_string(kChunk),
                                      {after}));
    if (r.rows() == 0) break;
    std::vector<AccessRecord> records;
    for (int i = 0; i < r.rows(); ++i)
      records.push_back({r.Int(i, 0), Timestamp(r.Int(i, 1)), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4), r.Text(i, 5), r.Text(i, 6)});
    after = records.back().seq;
    RETURN_IF_ERROR(v.access(std::move(records)));
  }
  ASSIGN_OR_RETURN(auto u, c->Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name COLLATE \"C\""));
  std::vector<User> users;
  for (int i = 0; i < u.rows(); ++i) users.push_back(ReadUser(u, i));
  RETURN_IF_ERROR(v.users(std::move(users)));
  ASSIGN_OR_RETURN(auto s, c->Query("SELECT municipality, key, value FROM settings"));
  SettingsMap settings;
  for (int i = 0; i < s.rows(); ++i) settings[{s.Text(i, 0), s.Text(i, 1)}] = s.Text(i, 2);
  RETURN_IF_ERROR(v.settings(std::move(settings)));
  return tx.Commit();
}

// One round trip on a pooled connection (a broken one is replaced, as for every call).
Status PgStore::Ping() {
  ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Query("SELECT 1").status();
}

Status PgStore::Backup(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !(S_ISREG(st.st_mode) && st.st_size == 0))
    return Status::AlreadyExists(path + " exists; choose a new file for the backup");
  bool existed = ::lstat(path.c_str(), &st) == 0;
  StoreOptions o;
  o.path = path;
  o.key_path = key_path_;  // empty: the same environment variables as this store's
  Status result = Status::Ok();
  {
    auto target = SqliteStore::Open(o);
    if (!target.ok()) return target.status();
    result = CopyStore(*this, **target);
  }
  if (!result.ok()) {
    if (!existed) std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
  }
  return result;
}

}  // namespace tov
