// The store in SQLite (store.h): append-only entries with their record time and author, the
// access log, settings, users and sessions. One file (WAL mode); numbered schema migrations are
// applied at open; every command is one transaction.
//
// CPR numbers never reach the file in plain text: a registered entry's `cpr` is stored
// encrypted (libsodium secretbox) beside the entry, with a keyed hash (blind index) for
// lookup. The key lives outside the database (a key file or the environment; crypto.h).
//
// Thread-safe: calls are serialised by an internal mutex.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/entry.h"
#include "domain/journal.h"
#include "security/crypto.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace tov {

class SqliteStore final : public Store {
 public:
  static constexpr int kSchemaVersion = 4;

  // Opens or creates a tovholder database. Refuses (and leaves untouched) a file that is not
  // a tovholder database or was written by a newer version of the program.
  static StatusOr<std::unique_ptr<SqliteStore>> Open(const StoreOptions& options);

  // Reads every entry, in journal order, into `journal`.
  Status LoadInto(Journal& journal) override;
  // Appends checked entries and access records in one transaction; sets each entry's seq.
  // `raw`, when given, holds each entry's validated source JSON (same index), stored as its body
  // where it carries no CPR number; the id, recorded and by it may lack are in the columns.
  Status Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access = {},
                const std::vector<std::string>* raw = nullptr) override;
  // Entries recorded in [from, to], in journal order.
  Status ForEachRecorded(Timestamp from, Timestamp to, const std::function<void(const Entry&)>& fn) override;
  StatusOr<std::vector<Entry>> ReadCitizen(const std::string& citizen) override;
  // Citizens registered with this CPR number (exact match through the blind index).
  StatusOr<std::vector<std::string>> CitizensWithCpr(std::string_view cpr) override;
  Status ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) override;

  Status LogAccess(const std::vector<AccessRecord>& records) override;
  StatusOr<std::vector<AccessRecord>> AccessLog(const std::string& citizen, size_t limit = 1000) override;

  // Settings: (municipality or "*", key) → value.
  StatusOr<std::map<std::pair<std::string, std::string>, std::string>> Settings() override;
  Status SetSetting(const std::string& municipality, const std::string& key, const std::string& value) override;
  Status SetSettings(const std::string& municipality,
                     const std::vector<std::pair<std::string, std::string>>& values) override;

  Status AddUser(const User& user) override;
  StatusOr<std::optional<User>> FindUser(const std::string& name) override;
  StatusOr<std::vector<User>> ListUsers() override;
  Status UpdateUser(const User& user) override;
  Status UpdateLoginState(const std::string& name, int failed_logins, int64_t locked_until_ms) override;
  StatusOr<bool> TakeLoginAttempt(const std::string& name, int64_t now_ms, int max_failures,
                                  int64_t lockout_ms) override;
  Status SaveSession(const Session& s) override;
  StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t now_ms) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(const std::string& user, const std::string& keep = "") override;

  // A consistent copy of the database to `path` (online backup).
  Status Backup(const std::string& path) override;
  // One read transaction over every table but the sessions.
  Status ReadSnapshot(const SnapshotVisitor& v) override;
  Status Ping() override;

  const crypto::Keys& keys() const override { return keys_; }
  const std::string& location() const override { return path_; }

 private:
  SqliteStore(std::string path, sqlite::Db db, crypto::Keys keys)
      : path_(std::move(path)), db_(std::move(db)), keys_(std::move(keys)) {}
  Status Migrate();
  Status PrepareStatements();
  Status ForEachRow(sqlite::Stmt& s, const std::function<Status(Entry&&)>& fn);
  Status InsertAccessLocked(const AccessRecord& r);

  std::string path_;
  std::mutex mu_;
  sqlite::Db db_;
  crypto::Keys keys_;
  sqlite::Stmt insert_entry_, insert_cpr_, insert_access_;
};

}  // namespace tov
