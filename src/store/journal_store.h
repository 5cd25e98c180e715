// The journal in SQLite: append-only entries with their record time and author, the access
// log, settings, users and sessions. One file (WAL mode); numbered schema migrations are
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

namespace tov {

// One look at or change of a citizen's data: who, when, which citizen, what.
struct AccessRecord {
  int64_t seq = 0;
  Timestamp at;
  std::string actor;  // user name, or "cli:<os user>"
  std::string role;
  std::string citizen;  // empty for actions not about one citizen
  std::string action;   // e.g. "read", "append", "reveal_cpr", "export", "search"
  std::string detail;   // e.g. the entry id or kind; never a CPR number
};

struct User {
  std::string name;
  std::string role;
  std::string municipality;  // empty for national and admin
  std::string password_hash;
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
  bool active = true;
};

struct Session {
  std::string token_hash;
  std::string user;
  std::string csrf_token;
  int64_t created_ms = 0;
  int64_t last_seen_ms = 0;
};

struct StoreOptions {
  std::string path = "tovholder.db";
  bool create = true;
  // Key file; empty means $TOVHOLDER_KEY / $TOVHOLDER_KEY_FILE, else `<path>.key`.
  std::string key_path;
};

class JournalStore {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens or creates a tovholder database. Refuses (and leaves untouched) a file that is not
  // a tovholder database or was written by a newer version of the program.
  static StatusOr<std::unique_ptr<JournalStore>> Open(const StoreOptions& options);

  // Reads every entry, in journal order, into `journal`.
  Status LoadInto(Journal& journal);
  // Appends checked entries and access records in one transaction; sets each entry's seq.
  // `raw`, when given, holds each entry's validated source JSON (same index), stored as its body
  // where it carries no CPR number; the id, recorded and by it may lack are in the columns.
  Status Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access = {},
                const std::vector<std::string>* raw = nullptr);
  // Entries recorded in [from, to], in journal order.
  Status ForEachRecorded(Timestamp from, Timestamp to, const std::function<void(const Entry&)>& fn);
  StatusOr<std::vector<Entry>> ReadCitizen(const std::string& citizen);
  // Citizens registered with this CPR number (exact match through the blind index).
  StatusOr<std::vector<std::string>> CitizensWithCpr(std::string_view cpr);

  Status LogAccess(const std::vector<AccessRecord>& records);
  StatusOr<std::vector<AccessRecord>> AccessLog(const std::string& citizen, size_t limit = 1000);

  // Settings: (municipality or "*", key) → value.
  StatusOr<std::map<std::pair<std::string, std::string>, std::string>> Settings();
  Status SetSetting(const std::string& municipality, const std::string& key, const std::string& value);

  Status AddUser(const User& user);
  StatusOr<std::optional<User>> FindUser(const std::string& name);
  StatusOr<std::vector<User>> ListUsers();
  Status UpdateLoginState(const std::string& name, int failed_logins, int64_t locked_until_ms);
  Status SaveSession(const Session& s);
  StatusOr<std::optional<Session>> FindSession(const std::string& token_hash);
  Status TouchSession(const std::string& token_hash, int64_t now_ms);
  Status DeleteSession(const std::string& token_hash);

  // A consistent copy of the database to `path` (online backup).
  Status Backup(const std::string& path);

  const crypto::Keys& keys() const { return keys_; }
  const std::string& path() const { return path_; }

 private:
  JournalStore(std::string path, sqlite::Db db, crypto::Keys keys)
      : path_(std::move(path)), db_(std::move(db)), keys_(std::move(keys)) {}
  Status Migrate();
  Status PrepareStatements();
  StatusOr<Entry> DecodeRow(sqlite::Stmt& s, int first_col);
  Status InsertAccessLocked(const AccessRecord& r);

  std::string path_;
  std::mutex mu_;
  sqlite::Db db_;
  crypto::Keys keys_;
  sqlite::Stmt insert_entry_, insert_cpr_, insert_access_;
};

}  // namespace tov
