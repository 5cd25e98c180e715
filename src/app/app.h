// The application core shared by the command line and the server: the store, the journal in
// memory (the projection every read uses), and the commands that change them. A command
// validates (entry by entry, then against the journal), stores in one transaction, and only
// then updates the projection, so a failed command changes nothing.
//
// Thread-safe: reads take a shared lock on the journal, appends an exclusive one.
//
// On a store that several processes share (PostgreSQL), the App follows the journal: a thread
// adds the entries other processes appended (woken by their NOTIFY, and at least every
// kFollowIntervalMs), and every append catches up under the store's cross-process append lock
// before its checks, so a batch is checked against every entry stored before it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <thread>
#include <istream>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "app/access_policy.h"
#include "domain/journal.h"
#include "report/alerts.h"
#include "report/housing.h"
#include "store/store.h"

namespace tov {

// Who is acting, for the access log and the `by` of entries.
struct Actor {
  std::string name;
  std::string role;
  static Actor Of(const Principal& p) { return {p.user, std::string(RoleName(p.role))}; }
};

// The source of "now"; tests replace it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
  static const Clock& System();
};

// A problem on one line of an imported file (1-based).
struct LineError {
  size_t line;
  FieldError error;
  std::string ToString() const;
};

struct ImportResult {
  Status status;                  // not ok when nothing was stored
  std::vector<LineError> errors;  // per line, in line order
  size_t imported = 0;
};

class App {
 public:
  // How often, at the longest, a follower reads what other processes appended.
  static constexpr int kFollowIntervalMs = 250;

  static StatusOr<std::unique_ptr<App>> Open(const StoreOptions& options,
                                             const Clock& clock = Clock::System());

  ~App();

  // The store, for the use cases of src/app only (the adapters in src/web and src/cli never
  // reach it).
  Store& store() { return *store_; }
  // Where the data is (a file path), for messages.
  const std::string& location() const { return store_->location(); }
  // Whether the database answers a read now (GET /healthz): the projections in memory would go on
  // answering reads while it is gone, but no write could be stored.
  [[nodiscard]] Status CheckStore() { return store_->Ping(); }

  // Writes access records durably before it returns (a read's record is stored before the read
  // is answered, so no answered read is missing after a crash). Concurrent callers are grouped
  // into one transaction, as appends are (group commit). An error means the records are not
  // stored: the caller must not answer with the data it was about to show.
  [[nodiscard]] Status LogAccess(std::vector<AccessRecord> records);
  const Clock& clock() const { return clock_; }
  Timestamp Now() const { return clock_.Now(); }

  // Runs `fn` with the journal under a shared lock.
  template <typename F>
  auto Read(F&& fn) const {
    std::shared_lock lock(mu_);
    return fn(*journal_);
  }

  // Appends a batch of parsed entries: journal checks, one transaction, projection update.
  // On check failures returns kInvalidArgument and fills `errors` (batch index → problem).
  // `raw`: optional source JSON per entry (see JournalStore::Append in store/store.h).
  // `key_prefix`, when not empty, gives every entry of the batch the next free citizen key
  // `<key_prefix>NNNN` (at least four digits), chosen inside the commit, so that concurrent
  // registrations never collide.
  Status Append(std::vector<Entry>& batch, const Actor& actor, std::vector<BatchError>* errors,
                std::vector<AccessRecord> extra_access = {},
                const std::vector<std::string>* raw = nullptr, const std::string& key_prefix = "");

  // The alert thresholds of a municipality ("*" or "" for the defaults), from the settings;
  // read from the store at most once a second, and at once after ChangedSettings().
  report::Thresholds ThresholdsFor(const std::string& municipality);
  // The thresholds of every municipality that has its own settings, and the defaults.
  report::AlertOptions AlertThresholds();
  // Forgets the cached settings (after a change).
  void ChangedSettings();

  // Counts changes of users (deactivation, role, password), so that sessions held in memory
  // (auth.h) are checked against the store again at once.
  void ChangedAccounts() { accounts_version_.fetch_add(1); }
  uint64_t accounts_version() const { return accounts_version_.load(); }

  // The memo of a municipality's waiting list (report/housing.h), kept while the server runs so
  // that a list asked for again folds only the citizens with new entries. Lock its `mu`.
  report::ListMemo& ListMemoFor(const std::string& municipality);

  // Keeps the course of every citizen in memory from now on and up to date with every append
  // (Journal::KeepCourses), so that reads and reports stop folding them per request: for a
  // server, which answers many requests from one journal.
  void KeepProjections();
  // For a process that ends when this App does (a command-line verb): the destructor leaves the
  // journal to the operating system instead of freeing its millions of small objects one by one
  // (at 100,000 citizens that was a sixth of a report's time). The store is still closed.
  void LeaveJournalAtExit() { leave_journal_at_exit_ = true; }
  // Imports JSON Lines from `in`: every line must be valid or nothing is stored.
  ImportResult Import(std::istream& in, const Actor& actor);

  // Writes every entry as JSON Lines, ordered by `recorded` (then journal position).
  Status Export(std::ostream& out, const Actor& actor);

  // Adds to the projection the entries other processes appended (a shared store; nothing to do
  // otherwise). The follower thread calls it; tests and commands that must see the latest may too.
  Status CatchUp();

 private:
  App(std::unique_ptr<Store> store, const Clock& clock) : store_(std::move(store)), clock_(clock) {}

  struct PendingAppend {
    std::vector<Entry>* batch;
    const Actor* actor;
    std::vector<BatchError>* errors;
    std::vector<AccessRecord> access;
    const std::vector<std::string>* raw;
    const std::string* key_prefix;
    Status result;
    bool done = false;
    size_t offset = 0;
  };
  void CommitGroup(const std::vector<PendingAppend*>& group);
  // Adds the entries `read` gives (those after journal_->last_seq()). REQUIRES follow_mu_.
  Status CatchUpLocked(const std::function<Status(int64_t, const std::function<Status(Entry&&)>&)>& read);
  void Follow();

  std::unique_ptr<Store> store_;
  const Clock& clock_;
  mutable std::shared_mutex mu_;  // the journal
  std::unique_ptr<Journal> journal_ = std::make_unique<Journal>();
  bool leave_journal_at_exit_ = false;

  // Held while entries another process stored are added, and by a commit on a shared store
  // from its catch-up to its projection update, so that no entry is added twice.
  std::mutex follow_mu_;
  std::thread follower_;
  std::atomic<bool> stop_follow_{false};

  std::mutex commit_mu_;  // the queue of appends (group commit)
  std::condition_variable commit_cv_;
  std::deque<PendingAppend*> commit_queue_;
  bool committing_ = false;

  std::mutex settings_mu_;  // cached settings
  std::shared_ptr<const SettingsMap> settings_;
  int64_t settings_read_ms_ = 0;
  std::shared_ptr<const SettingsMap> CurrentSettings();

  std::atomic<uint64_t> accounts_version_{0};

  std::mutex memos_mu_;
  std::map<std::string, std::unique_ptr<report::ListMemo>> memos_;

  struct PendingLog {
    std::vector<AccessRecord>* records;
    Status result;
    bool done = false;
  };
  std::mutex log_mu_;  // the queue of access records (group commit)
  std::condition_variable log_cv_;
  std::deque<PendingLog*> log_queue_;
  bool log_writing_ = false;
};

}  // namespace tov
