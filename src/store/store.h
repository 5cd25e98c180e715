// The store: everything tovholder keeps, as interfaces (docs/design.md, "The store"). The
// application layer (src/app) is the only user; the web and CLI adapters never see a store.
//
//   JournalStore    the append-only journal of entries (the source of truth)
//   AccessLogStore  who looked at or changed which citizen, when, what (append-only)
//   AccountStore    users: name, role, municipality, password hash, login state
//   SessionStore    login sessions, by a keyed hash of their token
//   SettingsStore   alert thresholds and other settings, per municipality or "*"
//
// `Store` is all five at once, with backup and the keys; SQLite (sqlite_store.h) and PostgreSQL
// (pg_store.h) implement it, and every implementation must pass the conformance suite
// (store_conformance_test.cc). All calls are thread-safe; a call that writes is one
// transaction: it happens whole or not at all.
//
// A shared store (PostgreSQL: shared() is true) may be appended to by several processes at
// once. Its users then follow it (WaitForAppends, ForEachAfter) and append under LockAppends,
// which holds every other process's appends off until it commits (docs/design.md, "The store").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/entry.h"
#include "domain/journal.h"
#include "security/crypto.h"

namespace tov {

// One look at or change of a citizen's data: who, when, which citizen, what. `action` is the
// name of an app::AccessAction (app/audit.h; the list is in docs/security.md).
struct AccessRecord {
  int64_t seq = 0;
  Timestamp at;
  std::string actor;  // user name, or "cli:<os user>"
  std::string role;
  std::string citizen;  // empty for actions not about one citizen
  std::string action;
  std::string detail;  // e.g. the entry id or kind; never a CPR number
};

struct User {
  std::string name;
  std::string role;
  std::string municipality;  // empty for national and admin
  std::string password_hash;
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
  bool active = true;
  // Set when someone else (an administrator) chose the password: the pages let the user do
  // nothing before they have chosen their own (docs/security.md).
  bool must_change_password = false;
  // The real name ("Fulde navn"), shown beside the user name; empty when none was given (users
  // from before schema 3). Never used to log in.
  std::string full_name = "";
};

struct Session {
  std::string token_hash;
  std::string user;
  std::string csrf_token;
  int64_t created_ms = 0;
  int64_t last_seen_ms = 0;
};

// (municipality or "*", key) → value.
using SettingsMap = std::map<std::pair<std::string, std::string>, std::string>;

// An append under the lock that every process sharing a journal takes
// (JournalStore::LockAppends): between LockAppends and Commit no other process appends, so the
// entries read by ForEachAfter are all that were stored before the batch.
class AppendLock {
 public:
  // Releases the lock; nothing is stored unless Commit ran.
  virtual ~AppendLock() = default;
  // Entries after journal position `after`, in journal order, read under the lock.
  virtual Status ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) = 0;
  // Stores as JournalStore::Append, then releases the lock. Call at most once.
  virtual Status Commit(std::vector<Entry>& entries, const std::vector<AccessRecord>& access,
                        const std::vector<std::string>* raw) = 0;
};

// Everything a store holds but the sessions, as read by Store::ReadSnapshot; a callback that
// returns an error stops the reading with that error.
struct SnapshotVisitor {
  std::function<Status(std::vector<Entry>&&)> entries;        // in journal order, in chunks
  std::function<Status(std::vector<AccessRecord>&&)> access;  // in order, in chunks
  std::function<Status(std::vector<User>&&)> users;           // with their login state
  std::function<Status(SettingsMap&&)> settings;
};

class JournalStore {
 public:
  virtual ~JournalStore() = default;
  // Reads every entry, in journal order, into `journal`.
  virtual Status LoadInto(Journal& journal) = 0;
  // Appends checked entries and access records in one transaction; sets each entry's seq (its
  // journal position, 1, 2, … in append order). REQUIRES: the entries passed Journal::Check,
  // which gives each an id (the store refuses a repeated id). `raw`, when given, holds each
  // entry's validated source JSON (same index), kept as its stored body where it carries no CPR
  // number.
  virtual Status Append(std::vector<Entry>& entries, const std::vector<AccessRecord>& access = {},
                        const std::vector<std::string>* raw = nullptr) = 0;
  // Entries recorded in [from, to], in journal order.
  virtual Status ForEachRecorded(Timestamp from, Timestamp to,
                                 const std::function<void(const Entry&)>& fn) = 0;
  virtual StatusOr<std::vector<Entry>> ReadCitizen(const std::string& citizen) = 0;
  // Citizens registered with this CPR number (exact match through the blind index; with or
  // without the dash).
  virtual StatusOr<std::vector<std::string>> CitizensWithCpr(std::string_view cpr) = 0;
  // Entries after journal position `after`, in journal order (the ones other processes
  // appended since, for a shared store); stops at the first error `fn` returns.
  virtual Status ForEachAfter(int64_t after, const std::function<Status(Entry&&)>& fn) = 0;

  // Whether other processes may append to this journal too (PostgreSQL).
  virtual bool shared() const { return false; }
  // REQUIRES shared(). Takes the cross-process append lock (see AppendLock).
  virtual StatusOr<std::unique_ptr<AppendLock>> LockAppends() {
    return Status::FailedPrecondition("this store is not shared between processes");
  }
  // Waits up to `timeout_ms` for word that some process appended (returns early when it comes,
  // or after StopWaiting). Returns the highest journal position announced, or 0 when none was
  // (a timeout, a reconnect: the caller should read what is new). A store that is not shared
  // returns 0 at once.
  virtual int64_t WaitForAppends(int timeout_ms) {
    (void)timeout_ms;
    return 0;
  }
  // Wakes every WaitForAppends, now and from now on (before the store is closed).
  virtual void StopWaiting() {}
};

class AccessLogStore {
 public:
  virtual ~AccessLogStore() = default;
  virtual Status LogAccess(const std::vector<AccessRecord>& records) = 0;
  // The records about `citizen`, newest first, at most `limit`.
  virtual StatusOr<std::vector<AccessRecord>> AccessLog(const std::string& citizen, size_t limit = 1000) = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // kAlreadyExists when the name is taken.
  virtual Status AddUser(const User& user) = 0;
  virtual StatusOr<std::optional<User>> FindUser(const std::string& name) = 0;
  // Every user, by name.
  virtual StatusOr<std::vector<User>> ListUsers() = 0;
  // Replaces the role, municipality, password hash, `active` and `must_change_password` of the
  // user `user.name` (the login state is kept); kNotFound when there is no such user.
  virtual Status UpdateUser(const User& user) = 0;
  virtual Status UpdateLoginState(const std::string& name, int failed_logins, int64_t locked_until_ms) = 0;
  // Counts a login attempt of `name` as a failure before its password is checked, in one atomic
  // update, so that parallel guesses cannot all read the same count. True when the attempt may
  // go on: the count is one higher, and once it reaches `max_failures` the account is locked
  // until `now_ms + lockout_ms`. False, changing nothing, when the account is locked at `now_ms`,
  // inactive or unknown. A lock that has run out starts the count again. A right password then
  // clears the count with UpdateLoginState(name, 0, 0).
  virtual StatusOr<bool> TakeLoginAttempt(const std::string& name, int64_t now_ms, int max_failures,
                                          int64_t lockout_ms) = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Status SaveSession(const Session& s) = 0;
  virtual StatusOr<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t now_ms) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of `user` but the one whose token hash is `keep` (none when empty).
  virtual Status DeleteSessionsOf(const std::string& user, const std::string& keep = "") = 0;
};

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual StatusOr<SettingsMap> Settings() = 0;
  virtual Status SetSetting(const std::string& municipality, const std::string& key, const std::string& value) = 0;
  // Sets several settings of one municipality (or "*") in one transaction.
  virtual Status SetSettings(const std::string& municipality,
                             const std::vector<std::pair<std::string, std::string>>& values) = 0;
};

class Store : public JournalStore,
              public AccessLogStore,
              public AccountStore,
              public SessionStore,
              public SettingsStore {
 public:
  // A consistent copy of the whole store to `path`, a new file: a SQLite database that opens
  // with the same key (for SQLite, an online backup; for PostgreSQL, ReadSnapshot written to a
  // new SQLite file). kAlreadyExists when `path` is there and not empty.
  virtual Status Backup(const std::string& path) = 0;
  // Reads one consistent snapshot of the journal, the access log, the users and the settings
  // (not the sessions), in that order, into `v` (CopyStore in store/copy.h).
  virtual Status ReadSnapshot(const SnapshotVisitor& v) = 0;
  // A read that reaches the database itself (not the projections in memory): OK when it answers,
  // kUnavailable (PostgreSQL down, unreachable or over the statement timeout) or another error
  // when it does not. GET /healthz asks it.
  virtual Status Ping() = 0;
  // The keys that encrypt CPR numbers and derive blind indexes, pseudonyms and token hashes.
  virtual const crypto::Keys& keys() const = 0;
  // Where the store is, for messages (a file path, or a database URL without its password).
  virtual const std::string& location() const = 0;
};

struct StoreOptions {
  // A SQLite file, or a PostgreSQL URL (postgresql://USER@HOST:PORT/DB or postgres://…).
  std::string path = "tovholder.db";
  bool create = true;
  // Key file; empty means $TOVHOLDER_KEY / $TOVHOLDER_KEY_FILE, else `<path>.key` for a SQLite
  // file (a PostgreSQL database has no default: one of the two variables is required).
  std::string key_path;
  // PostgreSQL only (docs/operations.md): the most connections the store keeps open besides the
  // one that listens (0: PgStore::kDefaultPoolSize), and PostgreSQL's statement_timeout for
  // every statement in milliseconds (0: none). SQLite ignores both.
  size_t pool_size = 0;
  int64_t statement_timeout_ms = 0;
};

// An entry as a store keeps it: its JSON body without the CPR number, and a registration's CPR
// number encrypted (`secret`) with its blind index for lookup. `raw`, when given, holds each
// entry's validated source line, kept as the body where it cannot hold a CPR number (never for a
// registration). Encoded on all cores for a large batch.
// The digits of a CPR number (the dash dropped), as the blind index takes them.
std::string CprDigits(std::string_view cpr);

struct StoredEntry {
  std::string body;  // the JSON (without a CPR number), for export and for a reader of old rows
  std::optional<std::string> secret, blind;
  std::string bin;   // the binary form (domain/entry_binary.h), which a load reads
};
std::vector<StoredEntry> EncodeEntries(const crypto::Keys& keys, const std::vector<Entry>& entries,
                                       const std::vector<std::string>* raw);

// An entry's columns as a store reads them back (seq, body, secret, id, recorded_ms, author,
// bin): the other way of EncodeEntries.
struct StoredRow {
  int64_t seq = 0;
  std::string body;  // read only when there is no `bin`
  std::optional<std::string> secret;  // the encrypted CPR number
  std::string id;
  int64_t recorded_ms = 0;
  std::optional<std::string> author;
  std::optional<std::string> bin;  // none in a row written before schema 4
};
// The entry of a stored row: its binary form decoded (else, in a row written before schema 4,
// its body parsed), the CPR number decrypted, the columns' id, recorded and by (which a body
// stored as imported may lack) put in; kInternal naming the position when the row is damaged.
StatusOr<Entry> DecodeStoredRow(const crypto::Keys& keys, const StoredRow& row);
// Reads the next rows into `rows` (which it clears first), at most kDecodeChunk of them; true
// when more may follow, false when these are the last.
using StoredRowReader = std::function<StatusOr<bool>(std::vector<StoredRow>& rows)>;
// How many rows a store reads before it decodes them (LoadInto, ForEachAfter, …).
inline constexpr size_t kDecodeChunk = 20000;
// Every row `read` gives, as entries to `fn` in the rows' order. Parsing is most of the cost of
// loading a journal, so each chunk is decoded on all cores while the calling thread reads the
// next chunk and gives the one before to `fn` (`read` and `fn` run on the calling thread only).
// Stops at the first error of `read`, the first damaged row (after the rows before it) or the
// first error `fn` returns.
Status DecodeStoredRows(const crypto::Keys& keys, const StoredRowReader& read,
                        const std::function<Status(Entry&&)>& fn);

// Opens the store `options.path` names: a PostgreSQL database for a postgresql:// or
// postgres:// URL, else a SQLite file.
StatusOr<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace tov
