// The application core shared by the command line and the server: the store, the journal in
// memory (the projection every read uses), and the commands that change them. A command
// validates (entry by entry, then against the journal), stores in one transaction, and only
// then updates the projection, so a failed command changes nothing.
//
// Thread-safe: reads take a shared lock on the journal, appends an exclusive one.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/journal.h"
#include "store/journal_store.h"

namespace tov {

// Who is acting, for the access log and the `by` of entries.
struct Actor {
  std::string name;
  std::string role;
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
  static StatusOr<std::unique_ptr<App>> Open(const StoreOptions& options,
                                             const Clock& clock = Clock::System());

  JournalStore& store() { return *store_; }
  const Clock& clock() const { return clock_; }
  Timestamp Now() const { return clock_.Now(); }

  // Runs `fn` with the journal under a shared lock.
  template <typename F>
  auto Read(F&& fn) const {
    std::shared_lock lock(mu_);
    return fn(journal_);
  }

  // Appends a batch of parsed entries: journal checks, one transaction, projection update.
  // On check failures returns kInvalidArgument and fills `errors` (batch index → problem).
  // `raw`: optional source JSON per entry (see JournalStore::Append).
  Status Append(std::vector<Entry>& batch, const Actor& actor, std::vector<BatchError>* errors,
                std::vector<AccessRecord> extra_access = {},
                const std::vector<std::string>* raw = nullptr);

  // Imports JSON Lines from `in`: every line must be valid or nothing is stored.
  ImportResult Import(std::istream& in, const Actor& actor);

  // Writes every entry as JSON Lines, ordered by `recorded` (then journal position).
  Status Export(std::ostream& out, const Actor& actor);

 private:
  App(std::unique_ptr<JournalStore> store, const Clock& clock) : store_(std::move(store)), clock_(clock) {}

  std::unique_ptr<JournalStore> store_;
  const Clock& clock_;
  mutable std::shared_mutex mu_;
  Journal journal_;
};

}  // namespace tov
