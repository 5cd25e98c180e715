// The store in PostgreSQL (store.h), for deployments that several server processes share
// (docs/postgresql.md). The same tables, numbered migrations, CPR encryption with a blind index
// and append-only guarantees as the SQLite store (sqlite_store.h):
//
//   - Migrations are applied at open under an advisory lock, so that processes starting together
//     migrate once. Schema version and key check live in `tovholder_meta`.
//   - The journal and the access log refuse UPDATE, DELETE and TRUNCATE by trigger, for every
//     role; the role the servers use should moreover hold only SELECT and INSERT on them
//     (docs/postgresql.md gives the grants).
//   - Appends take a transaction-scoped advisory lock, so appends from all processes are
//     serialised and journal positions are given out in commit order; each commit sends a
//     NOTIFY on the channel `tovholder_journal`, which WaitForAppends listens for.
//   - The key is never beside the data: it comes from StoreOptions::key_path, TOVHOLDER_KEY or
//     TOVHOLDER_KEY_FILE (a key file named there is created for a new database).
//
// Thread-safe: calls take connections from a pool.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/pg.h"
#include "store/store.h"

namespace tov {

class PgStore final : public Store {
 public:
  static constexpr int kSchemaVersion = 4;
  // Connections each process keeps at most (besides the one that listens) when
  // StoreOptions::pool_size does not say.
  static constexpr size_t kDefaultPoolSize = 8;

  // Connects to options.path (a postgresql:// URL), checks that the database is empty or a
  // tovholder database of a known schema with this key, and migrates it. Messages never show
  // the URL's password.
  static StatusOr<std::unique_ptr<PgStore>> Open(const StoreOptions& options);
  ~PgStore() override;

  Status LoadInto(Journal& journal) override;
  Status Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access = {},
                const std::vector<std::string>* raw = nullptr) override;
  Status ForEachRecorded(Timestamp from, Timestamp to, const std::function<void(const Entry&)>& fn) override;
  StatusOr<std::vector<Entry>> ReadCitizen(const std::string& citizen) override;
  StatusOr<std::vector<std::string>> CitizensWithCpr(std::string_view cpr) override;
  Status ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) override;
  bool shared() const override { return true; }
  StatusOr<std::unique_ptr<AppendLock>> LockAppends() override;
  int64_t WaitForAppends(int timeout_ms) override;
  void StopWaiting() override;

  Status LogAccess(const std::vector<AccessRecord>& records) override;
  StatusOr<std::vector<AccessRecord>> AccessLog(const std::string& citizen, size_t limit = 1000) override;

  StatusOr<SettingsMap> Settings() override;
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

  // A new SQLite file holding ReadSnapshot (one REPEATABLE READ transaction), with the same key.
  Status Backup(const std::string& path) override;
  Status ReadSnapshot(const SnapshotVisitor& v) override;
  Status Ping() override;

  const crypto::Keys& keys() const override { return keys_; }
  const std::string& location() const override { return location_; }

 private:
  class Lock;
  PgStore(const StoreOptions& options, crypto::Keys keys);
  Status Migrate(pg::Conn& c);
  Status ForEachRow(const pg::Result& r, const std::function<Status(Entry&&)>& fn);
  // Reads entries after `after` on `c`, in chunks, in journal order.
  Status ReadAfterOn(pg::Conn& c, int64_t after, const std::function<Status(Entry&&)>& fn);
  // Inserts entries (positions after the last stored: `known_last`, or read when it is -1) and
  // access records on `c`, inside a transaction that holds the append lock; sets `*last_seq`
  // to the last position given out.
  Status InsertLocked(pg::Conn& c, std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                      const std::vector<std::string>* raw, int64_t known_last, int64_t* last_seq);
  static Status InsertAccess(pg::Conn& c, const std::vector<AccessRecord>& records);

  std::string url_, location_, key_path_;
  crypto::Keys keys_;
  pg::ConnectOptions connect_;
  pg::Pool pool_;

  std::mutex listen_mu_;  // the connection that LISTENs
  std::unique_ptr<pg::Conn> listener_;
  int wake_fds_[2] = {-1, -1};  // a pipe that StopWaiting writes to
  std::atomic<bool> stopping_{false};
};

}  // namespace tov
