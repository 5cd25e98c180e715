// SQLite storage of the journal: schema, migrations, encoding of entries and the CPR secret.
#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>

#include "common/parallel.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"

namespace tov {
namespace {

constexpr int32_t kApplicationId = 0x544F5648;  // "TOVH"

// Numbered migrations; migration N brings the schema to user_version N. Never edit a released
// migration: add the next one.
const char* const kMigrations[] = {
    // 1: the journal, CPR index, access log, settings, users and sessions.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE entries(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  citizen TEXT NOT NULL,
  municipality TEXT NOT NULL,
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL,
  author TEXT,
  body TEXT NOT NULL,
  secret BLOB
) STRICT;
CREATE INDEX entries_by_citizen ON entries(citizen, seq);
CREATE INDEX entries_by_recorded ON entries(recorded_ms);
CREATE TRIGGER entries_append_only_u BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER entries_append_only_d BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TABLE cpr_index(blind TEXT NOT NULL, citizen TEXT NOT NULL, PRIMARY KEY(blind, citizen)) STRICT, WITHOUT ROWID;
CREATE TABLE access_log(
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  citizen TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_by_citizen ON access_log(citizen, seq);
CREATE TRIGGER access_log_append_only_u BEFORE UPDATE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_append_only_d BEFORE DELETE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TABLE settings(municipality TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(municipality, key)) STRICT;
CREATE TABLE users(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  municipality TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
) STRICT;
)sql",
    // 2: a password an administrator chose must be changed; sessions found by their user.
    R"sql(
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_user ON sessions(user);
)sql",
    // 3: the users' real names.
    R"sql(
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
)sql",
    // 4: each entry's binary form (docs/storage-format.md), which a load reads instead of
    // parsing the body; rows stored before have none and are read from their body.
    R"sql(
ALTER TABLE entries ADD COLUMN bin BLOB;
)sql",
};
// The columns of an entry a load reads (StoredRow), in its order.
constexpr const char* kEntryColumns = "seq, body, secret, id, recorded_ms, author, bin";
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == SqliteStore::kSchemaVersion);

bool FileExistsNonEmpty(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

// Makes `path` an empty file of mode 0600 for SQLite to fill, whatever the umask: the database
// (SQLite then gives its -wal and -shm the same mode) or a backup. With `exclusive`, a file that
// is there already is refused unless it is empty. `*created` tells whether the file is new, so
// that a failure can remove it again.
Status PrepareEmptyPrivateFile(const std::string& path, bool exclusive, bool* created) {
  *created = false;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    *created = true;
  } else if (errno == EEXIST) {
    fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  }
  if (fd < 0) return Status::Io("cannot create " + path + ": " + std::strerror(errno));
  struct stat st {};
  Status result = Status::Ok();
  if (::fstat(fd, &st) != 0) {
    result = Status::Io("cannot stat " + path + ": " + std::strerror(errno));
  } else if (S_ISREG(st.st_mode) && st.st_size == 0) {
    if (::fchmod(fd, 0600) != 0)
      result = Status::Io("cannot chmod 600 " + path + ": " + std::strerror(errno));
  } else if (exclusive) {
    result = Status::AlreadyExists(path + " exists; choose a new file for the backup");
  }
  ::close(fd);
  if (!result.ok() && *created) ::unlink(path.c_str());
  return result;
}

bool HasSqliteHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16);
}

StatusOr<int64_t> PragmaInt(sqlite::Db& db, const char* sql) {
  ASSIGN_OR_RETURN(auto s, db.Prepare(sql));
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

const char* kKeyCheckInput = "tovholder key check v1";

}  // namespace

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const StoreOptions& options) {
  const std::string& path = options.path;
  bool existed = FileExistsNonEmpty(path);
  if (existed && !HasSqliteHeader(path))
    return Status::FailedPrecondition(path + " is not a tovholder database (not an SQLite file); it was left untouched");
  if (!existed && !options.create)
    return Status::NotFound("no database at " + path);

  if (!existed) {
    bool created;
    RETURN_IF_ERROR(PrepareEmptyPrivateFile(path, /*exclusive=*/false, &created));
  }
  sqlite::Db db;
  RETURN_IF_ERROR(db.Open(path, options.create));
  if (existed) {
    auto app_id = PragmaInt(db, "PRAGMA application_id");
    auto version = PragmaInt(db, "PRAGMA user_version");
    auto tables = PragmaInt(db, "SELECT count(*) FROM sqlite_master");
    if (!app_id.ok() || !version.ok() || !tables.ok())
      return Status::FailedPrecondition(path + " is not a tovholder database; it was left untouched");
    if (*app_id != kApplicationId && *tables > 0)
      return Status::FailedPrecondition(path + " is not a tovholder database (another application's SQLite file); it was left untouched");
    if (*version > kSchemaVersion)
      return Status::FailedPrecondition(
          path + " was written by a newer tovholder (schema " + std::to_string(*version) +
          "; this program knows schema " + std::to_string(kSchemaVersion) +
          "); upgrade tovholder. The file was left untouched");
  }

  std::string key_path = options.key_path.empty() ? path + ".key" : options.key_path;
  bool new_db = !existed;
  auto keys = options.key_path.empty() ? crypto::KeysFromEnvOrFile(key_path, new_db)
                                       : crypto::LoadKeys(key_path);
  if (!keys.ok()) {
    if (new_db) {
      db = sqlite::Db();
      std::remove(path.c_str());
    }
    return keys.status();
  }

  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(db), std::move(*keys)));
  RETURN_IF_ERROR(store->db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;"));
  RETURN_IF_ERROR(store->Migrate());
  RETURN_IF_ERROR(store->PrepareStatements());
  return store;
}

Status SqliteStore::Migrate() {
  ASSIGN_OR_RETURN(int64_t version, PragmaInt(db_, "PRAGMA user_version"));
  std::string check = crypto::BlindIndex(keys_, kKeyCheckInput);
  if (version < kSchemaVersion) {
    ASSIGN_OR_RETURN(auto tx, sqlite::Transaction::Begin(db_));
    for (int v = static_cast<int>(version); v < kSchemaVersion; ++v)
      RETURN_IF_ERROR(db_.Exec(kMigrations[v]));
    if (version == 0) {
      ASSIGN_OR_RETURN(auto s, db_.Prepare("INSERT INTO meta(key, value) VALUES('key_check', ?)"));
      RETURN_IF_ERROR(s.Bind(1, check).Run());
    }
    RETURN_IF_ERROR(db_.Exec("PRAGMA application_id=" + std::to_string(kApplicationId) +
                             "; PRAGMA user_version=" + std::to_string(kSchemaVersion)));
    RETURN_IF_ERROR(tx.Commit());
  }
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT value FROM meta WHERE key='key_check'"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row || s.Text(0) != check)
    return Status::FailedPrecondition(
        "the key does not belong to the database " + path_ +
        " (set TOVHOLDER_KEY_FILE to the key file made with this database)");
  return Status::Ok();
}

Status SqliteStore::PrepareStatements() {
  ASSIGN_OR_RETURN(insert_entry_,
                   db_.Prepare("INSERT INTO entries(seq, id, citizen, municipality, kind, date, "
                               "recorded_ms, author, body, secret, bin) VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
  ASSIGN_OR_RETURN(insert_cpr_,
                   db_.Prepare("INSERT OR IGNORE INTO cpr_index(blind, citizen) VALUES(?, ?)"));
  ASSIGN_OR_RETURN(insert_access_,
                   db_.Prepare("INSERT INTO access_log(at_ms, actor, role, citizen, action, detail) "
                               "VALUES(?,?,?,?,?,?)"));
  return Status::Ok();
}

// Every row of `s` (seq, body, secret, id, recorded_ms, author) as an entry, in order: read in
// chunks, each decoded on all cores (DecodeStoredRows).
Status SqliteStore::ForEachRow(sqlite::Stmt& s, const std::function<Status(Entry&&)>& fn) {
  auto read = [&s](std::vector<StoredRow>& rows) -> StatusOr<bool> {
    rows.clear();
    while (rows.size() < kDecodeChunk) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return false;
      StoredRow& r = rows.emplace_back();
      r.seq = s.Int(0);
      if (s.IsNull(6)) r.body = s.Text(1);  // a row of schema 3 or before; else not needed
      if (!s.IsNull(2)) r.secret = s.Blob(2);
      r.id = s.Text(3);
      r.recorded_ms = s.Int(4);
      if (!s.IsNull(5)) r.author = s.Text(5);
      if (!s.IsNull(6)) r.bin = s.Blob(6);
    }
    return true;
  };
  return DecodeStoredRows(keys_, read, fn);
}

Status SqliteStore::LoadInto(Journal& journal) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(int64_t last, PragmaInt(db_, "SELECT coalesce(max(seq), 0) FROM entries"));
  journal.Reserve(journal.size() + static_cast<size_t>(last));
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kEntryColumns + " FROM entries ORDER BY seq"));
  return ForEachRow(s, [&](Entry&& e) {
    journal.Add(std::move(e));
    return Status::Ok();
  });
}

Status SqliteStore::InsertAccessLocked(const AccessRecord& r) {
  return insert_access_.Bind(1, r.at.millis())
      .Bind(2, r.actor)
      .Bind(3, r.role)
      .Bind(4, r.citizen)
      .Bind(5, r.action)
      .Bind(6, r.detail)
      .Run();
}

Status SqliteStore::Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                            const std::vector<std::string>* raw) {
  std::lock_guard lock(mu_);
  // Encode first (on all cores for a large batch), then insert in one transaction.
  std::vector<StoredEntry> encoded = EncodeEntries(keys_, entries, raw);
  // Read the last position under the write lock (BEGIN IMMEDIATE), so that another connection
  // appending at the same time cannot take the same positions.
  ASSIGN_OR_RETURN(auto tx, sqlite::Transaction::Begin(db_));
  ASSIGN_OR_RETURN(int64_t last, PragmaInt(db_, "SELECT coalesce(max(seq), 0) FROM entries"));
  int64_t seq = last;
  for (size_t i = 0; i < entries.size(); ++i) {
    Entry& e = entries[i];
    e.seq = ++seq;
    const StoredEntry& x = encoded[i];
    if (x.blind) RETURN_IF_ERROR(insert_cpr_.Bind(1, *x.blind).Bind(2, e.citizen).Run());
    insert_entry_.Bind(1, e.seq)
        .Bind(2, e.id)
        .Bind(3, e.subject())  // the citizen, or the dwelling of a dwelling entry
        .Bind(4, e.municipality)
        .Bind(5, KindName(e.kind()))
        .Bind(6, e.date.ToString())
        .Bind(7, e.recorded.millis())
        .Bind(8, e.by.empty() ? std::optional<std::string>() : std::optional<std::string>(e.by))
        .Bind(9, x.body);
    if (x.secret) {
      insert_entry_.BindBlob(10, *x.secret);
    } else {
      insert_entry_.BindNull(10);
    }
    insert_entry_.BindBlob(11, x.bin);
    Status st = insert_entry_.Run();
    if (!st.ok()) {
      for (Entry& y : entries) y.seq = 0;
      return st;
    }
  }
  for (const auto& r : access) RETURN_IF_ERROR(InsertAccessLocked(r));
  Status st = tx.Commit();
  if (!st.ok())
    for (Entry& x : entries) x.seq = 0;
  return st;
}

Status SqliteStore::ForEachRecorded(Timestamp from, Timestamp to,
                                     const std::function<void(const Entry&)>& fn) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kEntryColumns + " FROM entries WHERE recorded_ms "
                                       "BETWEEN ? AND ? ORDER BY seq"));
  s.Bind(1, from.millis()).Bind(2, to.millis());
  return ForEachRow(s, [&](Entry&& e) {
    fn(e);
    return Status::Ok();
  });
}

StatusOr<std::vector<Entry>> SqliteStore::ReadCitizen(const std::string& citizen) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kEntryColumns + " FROM entries WHERE citizen = ? ORDER BY seq"));
  s.Bind(1, citizen);
  std::vector<Entry> out;
  RETURN_IF_ERROR(ForEachRow(s, [&](Entry&& e) {
    out.push_back(std::move(e));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<std::string>> SqliteStore::CitizensWithCpr(std::string_view cpr) {
  auto parsed = ParseCpr(cpr);
  if (!parsed) return Status::InvalidField("cpr", "is not a CPR number");
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT citizen FROM cpr_index WHERE blind = ? ORDER BY citizen"));
  s.Bind(1, crypto::BlindIndex(keys_, parsed->digits));
  std::vector<std::string> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Text(0));
  }
  return out;
}

Status SqliteStore::ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kEntryColumns + " FROM entries WHERE seq > ? ORDER BY seq"));
  s.Bind(1, after);
  return ForEachRow(s, fn);
}

Status SqliteStore::LogAccess(const std::vector<AccessRecord>& records) {
  if (records.empty()) return Status::Ok();
  std::lock_guard lock(mu_);
  // Read records are committed to the WAL without an fsync of their own (synchronous=NORMAL):
  // once committed they survive a crash of the process (kill -9), and the next append's fsync
  // (synchronous=FULL) makes them durable against a power loss too (docs/design.md).
  RETURN_IF_ERROR(db_.Exec("PRAGMA synchronous=NORMAL"));
  Status st = [&]() -> Status {
    ASSIGN_OR_RETURN(auto tx, sqlite::Transaction::Begin(db_));
    for (const auto& r : records) RETURN_IF_ERROR(InsertAccessLocked(r));
    return tx.Commit();
  }();
  Status back = db_.Exec("PRAGMA synchronous=FULL");
  return st.ok() ? back : st;
}

StatusOr<std::vector<AccessRecord>> SqliteStore::AccessLog(const std::string& citizen, size_t limit) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT seq, at_ms, actor, role, citizen, action, detail "
                                       "FROM access_log WHERE citizen = ? ORDER BY seq DESC LIMIT ?"));
  s.Bind(1, citizen).Bind(2, static_cast<int64_t>(limit));
  std::vector<AccessRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), Timestamp(s.Int(1)), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)});
  }
  return out;
}

StatusOr<std::map<std::pair<std::string, std::string>, std::string>> SqliteStore::Settings() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT municipality, key, value FROM settings"));
  std::map<std::pair<std::string, std::string>, std::string> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out[{s.Text(0), s.Text(1)}] = s.Text(2);
  }
  return out;
}

Status SqliteStore::SetSetting(const std::string& municipality, const std::string& key,
                                const std::string& value) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("INSERT INTO settings(municipality, key, value) VALUES(?,?,?) "
                                       "ON CONFLICT(municipality, key) DO UPDATE SET value = excluded.value"));
  return s.Bind(1, municipality).Bind(2, key).Bind(3, value).Run();
}

Status SqliteStore::SetSettings(const std::string& municipality,
                                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto tx, sqlite::Transaction::Begin(db_));
  ASSIGN_OR_RETURN(auto s, db_.Prepare("INSERT INTO settings(municipality, key, value) VALUES(?,?,?) "
                                       "ON CONFLICT(municipality, key) DO UPDATE SET value = excluded.value"));
  for (const auto& [key, value] : values) {
    RETURN_IF_ERROR(s.Bind(1, municipality).Bind(2, key).Bind(3, value).Run());
  }
  return tx.Commit();
}

Status SqliteStore::AddUser(const User& u) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("INSERT INTO users(name, role, municipality, password_hash, active, "
                                       "must_change_password, full_name) VALUES(?,?,?,?,?,?,?)"));
  Status st = s.Bind(1, u.name)
                  .Bind(2, u.role)
                  .Bind(3, u.municipality)
                  .Bind(4, u.password_hash)
                  .Bind(5, int64_t{u.active})
                  .Bind(6, int64_t{u.must_change_password})
                  .Bind(7, u.full_name)
                  .Run();
  if (!st.ok() && st.message().find("UNIQUE") != std::string::npos)
    return Status::AlreadyExists("user \"" + u.name + "\" already exists");
  return st;
}

namespace {
constexpr const char* kUserColumns =
    "name, role, municipality, password_hash, failed_logins, locked_until_ms, active, must_change_password, "
    "full_name";
User ReadUser(sqlite::Stmt& s) {
  return {s.Text(0), s.Text(1),     s.Text(2),     s.Text(3), static_cast<int>(s.Int(4)),
          s.Int(5),  s.Int(6) != 0, s.Int(7) != 0, s.Text(8)};
}
}  // namespace

StatusOr<std::optional<User>> SqliteStore::FindUser(const std::string& name) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?"));
  s.Bind(1, name);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(ReadUser(s));
}

StatusOr<std::vector<User>> SqliteStore::ListUsers() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name"));
  std::vector<User> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadUser(s));
  }
  return out;
}

Status SqliteStore::UpdateUser(const User& u) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE users SET role = ?, municipality = ?, password_hash = ?, "
                                       "active = ?, must_change_password = ?, full_name = ? WHERE name = ?"));
  RETURN_IF_ERROR(s.Bind(1, u.role)
                      .Bind(2, u.municipality)
                      .Bind(3, u.password_hash)
                      .Bind(4, int64_t{u.active})
                      .Bind(5, int64_t{u.must_change_password})
                      .Bind(6, u.full_name)
                      .Bind(7, u.name)
                      .Run());
  if (db_.Changes() != 1) return Status::NotFound("no user \"" + u.name + "\"");
  return Status::Ok();
}

Status SqliteStore::UpdateLoginState(const std::string& name, int failed, int64_t locked_until) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE users SET failed_logins = ?, locked_until_ms = ? WHERE name = ?"));
  return s.Bind(1, int64_t{failed}).Bind(2, locked_until).Bind(3, name).Run();
}

StatusOr<bool> SqliteStore::TakeLoginAttempt(const std::string& name, int64_t now_ms,
                                             int max_failures, int64_t lockout_ms) {
  std::lock_guard lock(mu_);
  // One statement: the count and the lock are read and written under SQLite's write lock, so
  // neither another thread nor another process can slip in between. A set lock_until that has
  // passed (the WHERE keeps only those) means the count starts again.
  constexpr const char* kSql =
      "UPDATE users SET"
      " failed_logins = CASE WHEN locked_until_ms > 0 THEN 1 ELSE failed_logins + 1 END,"
      " locked_until_ms ="
      "   CASE WHEN (CASE WHEN locked_until_ms > 0 THEN 1 ELSE failed_logins + 1 END) >= ?1"
      "   THEN ?2 + ?3 ELSE 0 END"
      " WHERE name = ?4 AND active = 1 AND locked_until_ms <= ?2";
  ASSIGN_OR_RETURN(auto s, db_.Prepare(kSql));
  RETURN_IF_ERROR(
      s.Bind(1, int64_t{max_failures}).Bind(2, now_ms).Bind(3, lockout_ms).Bind(4, name).Run());
  return db_.Changes() == 1;
}

Status SqliteStore::SaveSession(const Session& x) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("INSERT INTO sessions(token_hash, user, csrf_token, created_ms, last_seen_ms) VALUES(?,?,?,?,?)"));
  return s.Bind(1, x.token_hash).Bind(2, x.user).Bind(3, x.csrf_token).Bind(4, x.created_ms).Bind(5, x.last_seen_ms).Run();
}

StatusOr<std::optional<Session>> SqliteStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT token_hash, user, csrf_token, created_ms, last_seen_ms FROM sessions WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Session>();
  return std::optional<Session>(Session{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4)});
}

Status SqliteStore::TouchSession(const std::string& token_hash, int64_t now_ms) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?"));
  return s.Bind(1, now_ms).Bind(2, token_hash).Run();
}

Status SqliteStore::DeleteSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  return s.Bind(1, token_hash).Run();
}

Status SqliteStore::DeleteSessionsOf(const std::string& user, const std::string& keep) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("DELETE FROM sessions WHERE user = ? AND token_hash <> ?"));
  return s.Bind(1, user).Bind(2, keep).Run();
}

Status SqliteStore::ReadSnapshot(const SnapshotVisitor& v) {
  std::lock_guard lock(mu_);
  // A read transaction: in WAL mode it sees one state of the file however long it takes, while
  // other connections (other processes) go on writing.
  RETURN_IF_ERROR(db_.Exec("BEGIN"));
  struct EndRead {
    sqlite::Db& db;
    ~EndRead() { (void)db.Exec("COMMIT"); }
  } end{db_};
  constexpr size_t kChunk = 50000;
  {
    ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kEntryColumns + " FROM entries ORDER BY seq"));
    std::vector<Entry> chunk;
    RETURN_IF_ERROR(ForEachRow(s, [&](Entry&& e) {
      chunk.push_back(std::move(e));
      if (chunk.size() == kChunk) return v.entries(std::exchange(chunk, {}));
      return Status::Ok();
    }));
    if (!chunk.empty()) RETURN_IF_ERROR(v.entries(std::move(chunk)));
  }
  {
    ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT seq, at_ms, actor, role, citizen, action, detail FROM access_log ORDER BY seq"));
    std::vector<AccessRecord> chunk;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      chunk.push_back({s.Int(0), Timestamp(s.Int(1)), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)});
      if (chunk.size() == kChunk) RETURN_IF_ERROR(v.access(std::exchange(chunk, {})));
    }
    if (!chunk.empty()) RETURN_IF_ERROR(v.access(std::move(chunk)));
  }
  {
    ASSIGN_OR_RETURN(auto s, db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name"));
    std::vector<User> users;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      users.push_back(ReadUser(s));
    }
    RETURN_IF_ERROR(v.users(std::move(users)));
  }
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT municipality, key, value FROM settings"));
  SettingsMap settings;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    settings[{s.Text(0), s.Text(1)}] = s.Text(2);
  }
  return v.settings(std::move(settings));
}

Status SqliteStore::Backup(const std::string& path) {
  std::lock_guard lock(mu_);
  // VACUUM INTO fills an empty file and keeps its mode (a file it creates itself would follow
  // the umask).
  bool created;
  RETURN_IF_ERROR(PrepareEmptyPrivateFile(path, /*exclusive=*/true, &created));
  auto s = db_.Prepare("VACUUM INTO ?");
  Status st = s.ok() ? s->Bind(1, path).Run() : s.status();
  if (!st.ok() && created) ::unlink(path.c_str());
  return st;
}

// The key check from the file: a read of the database, not of anything in memory.
Status SqliteStore::Ping() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT value FROM meta WHERE key = 'key_check'"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Status::Internal(path_ + " has no key check");
  return Status::Ok();
}

}  // namespace tov
