// Commands on the journal: append, import, export.
#include "app/app.h"

#include <algorithm>
#include <mutex>
#include <thread>
#include <optional>
#include <unordered_map>

#include "app/audit.h"
#include "common/parallel.h"
#include "common/text.h"
#include "domain/entry_json.h"

namespace tov {
namespace {

class SystemClock : public Clock {
 public:
  Timestamp Now() const override {
    return Timestamp::FromSystemClock(std::chrono::system_clock::now());
  }
};

// The next free key `<prefix>NNNN` (at least four digits) after every key of that shape in the
// journal and in `pending` (the batches accepted before in the same commit).
std::string NextFreeKey(const Journal& journal, const std::vector<Entry>& pending, const std::string& prefix) {
  long long best = 0;
  auto consider = [&](const std::string& k) {
    if (k.size() <= prefix.size() || k.size() - prefix.size() > 12 || k.compare(0, prefix.size(), prefix) != 0) return;
    if (!std::all_of(k.begin() + prefix.size(), k.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    best = std::max(best, std::stoll(k.substr(prefix.size())));
  };
  for (const std::string& k : journal.citizens()) consider(k);
  for (const Entry& e : pending) consider(e.citizen);
  char digits[24];
  std::snprintf(digits, sizeof digits, "%04lld", best + 1);
  return prefix + digits;
}

}  // namespace

const Clock& Clock::System() {
  static const SystemClock clock;
  return clock;
}

std::string LineError::ToString() const {
  return "line " + std::to_string(line) + ": " + error.field + ": " + error.reason;
}

StatusOr<std::unique_ptr<App>> App::Open(const StoreOptions& options, const Clock& clock) {
  ASSIGN_OR_RETURN(auto store, OpenStore(options));
  std::unique_ptr<App> app(new App(std::move(store), clock));
  RETURN_IF_ERROR(app->store_->LoadInto(*app->journal_));
  if (app->store_->shared()) app->follower_ = std::thread([a = app.get()] { a->Follow(); });
  return app;
}

namespace {
// The journal an App left at exit, still reachable, so that the leak checker (ASan's) does not
// count it.
Journal* left_at_exit = nullptr;
}  // namespace

App::~App() {
  if (follower_.joinable()) {
    stop_follow_ = true;
    store_->StopWaiting();
    follower_.join();
  }
  if (leave_journal_at_exit_) {
    delete left_at_exit;  // (one App per process; another's journal is freed as usual)
    left_at_exit = journal_.release();
  }
}

void App::Follow() {
  while (!stop_follow_) {
    int64_t announced = store_->WaitForAppends(kFollowIntervalMs);
    if (stop_follow_) break;
    if (announced > 0) {
      // Word of this App's own commit, already in the projection: nothing to read.
      std::shared_lock lock(mu_);
      if (announced <= journal_->last_seq()) continue;
    }
    // An error (the database away) is tried again on the next round; appends catch up anyway.
    (void)CatchUp();
  }
}

Status App::CatchUp() {
  if (!store_->shared()) return Status::Ok();
  std::lock_guard follow(follow_mu_);
  return CatchUpLocked([this](int64_t after, const std::function<Status(Entry&&)>& fn) {
    return store_->ForEachAfter(after, fn);
  });
}

Status App::CatchUpLocked(const std::function<Status(int64_t, const std::function<Status(Entry&&)>&)>& read) {
  int64_t last;
  {
    std::shared_lock lock(mu_);
    last = journal_->last_seq();
  }
  std::vector<Entry> newer;
  RETURN_IF_ERROR(read(last, [&](Entry&& e) {
    newer.push_back(std::move(e));
    return Status::Ok();
  }));
  if (newer.empty()) return Status::Ok();
  std::unique_lock lock(mu_);
  for (Entry& e : newer) journal_->Add(std::move(e));
  journal_->RefreshCourses();
  return Status::Ok();
}

Status App::LogAccess(std::vector<AccessRecord> records) {
  if (records.empty()) return Status::Ok();
  PendingLog mine{&records, Status::Ok(), false};
  std::unique_lock lock(log_mu_);
  log_queue_.push_back(&mine);
  while (!mine.done) {
    if (log_writing_) {
      log_cv_.wait(lock);
      continue;
    }
    // The leader writes every queued caller's records in one transaction, in queue order.
    log_writing_ = true;
    std::vector<PendingLog*> group(log_queue_.begin(), log_queue_.end());
    log_queue_.clear();
    lock.unlock();
    std::vector<AccessRecord> all;
    for (PendingLog* p : group)
      for (auto& r : *p->records) all.push_back(std::move(r));
    Status stored;
    try {
      stored = store_->LogAccess(all);
    } catch (const std::exception& e) {
      stored = Status::Internal(std::string("the access log could not be written: ") + e.what());
    }
    lock.lock();
    log_writing_ = false;
    for (PendingLog* p : group) {
      p->result = stored;
      p->done = true;
    }
    log_cv_.notify_all();
  }
  return mine.result;
}

// Group commit: concurrent appends queue up; one caller at a time (the leader) takes the queue
// and writes every batch that passes its checks in one transaction, so one fsync makes many
// appends durable. Each batch is checked against the journal and the batches accepted before it
// in the group, exactly as if they had come one after another.
Status App::Append(std::vector<Entry>& batch, const Actor& actor, std::vector<BatchError>* errors,
                   std::vector<AccessRecord> access, const std::vector<std::string>* raw,
                   const std::string& key_prefix) {
  PendingAppend mine{&batch, &actor, errors, std::move(access), raw, &key_prefix, Status::Ok(), false, 0};
  std::unique_lock lock(commit_mu_);
  commit_queue_.push_back(&mine);
  while (!mine.done) {
    if (committing_) {
      commit_cv_.wait(lock);
      continue;
    }
    committing_ = true;
    std::vector<PendingAppend*> group;
    size_t entries = 0;
    while (!commit_queue_.empty()) {
      PendingAppend* next = commit_queue_.front();
      // A large batch (an import) or one with source lines goes alone.
      bool alone = next->raw || next->batch->size() > 1000;
      if (!group.empty() && (alone || entries + next->batch->size() > 1000)) break;
      group.push_back(next);
      commit_queue_.pop_front();
      entries += next->batch->size();
      if (alone) break;
    }
    lock.unlock();
    try {
      CommitGroup(group);
    } catch (const std::exception& e) {
      // Never leave `committing_` set: every later append would wait for ever. The batches of
      // the group may be half moved; their callers get the error and store nothing.
      for (PendingAppend* p : group)
        p->result = Status::Internal(std::string("the entries could not be stored: ") + e.what());
    } catch (...) {
      for (PendingAppend* p : group)
        p->result = Status::Internal("the entries could not be stored");
    }
    lock.lock();
    committing_ = false;
    for (PendingAppend* p : group) p->done = true;
    commit_cv_.notify_all();
  }
  return mine.result;
}

void App::CommitGroup(const std::vector<PendingAppend*>& group) {
  // On a shared store: take the cross-process append lock and add what other processes stored
  // before it, so that the checks below see every entry stored before this group.
  std::unique_lock<std::mutex> follow;
  std::unique_ptr<AppendLock> cross;
  if (store_->shared()) {
    follow = std::unique_lock(follow_mu_);
    auto taken = store_->LockAppends();
    Status st = taken.ok() ? Status::Ok() : taken.status();
    if (st.ok()) {
      cross = std::move(*taken);
      st = CatchUpLocked([&](int64_t after, const std::function<Status(Entry&&)>& fn) {
        return cross->ForEachAfter(after, fn);
      });
    }
    if (!st.ok()) {
      for (PendingAppend* p : group) p->result = st;
      return;
    }
  }
  // Only one group commits at a time, so the journal cannot change between the checks (under a
  // shared lock, readers go on) and adding the stored entries (under the exclusive lock, after
  // the disk write): readers are never held up by an fsync and never see unstored entries.
  std::shared_lock lock(mu_);
  Timestamp now = clock_.Now();
  std::vector<Entry> combined;
  std::vector<AccessRecord> access;
  std::vector<PendingAppend*> accepted;
  // One citizen per CPR number (DESIGN §7): the holders of a number come from the store's blind
  // index, asked here inside the commit, so that no registration of the same number can be
  // stored between the check and the append (two at once meet in `combined`). The store does not
  // change during the group: each number is asked once.
  std::unordered_map<std::string, std::vector<std::string>> holders;
  CprLookup cprs = [&](const std::string& digits) -> StatusOr<std::vector<std::string>> {
    if (journal_->citizens().empty()) return std::vector<std::string>{};
    if (auto it = holders.find(digits); it != holders.end()) return it->second;
    ASSIGN_OR_RETURN(auto found, store_->CitizensWithCpr(digits));
    return holders.emplace(digits, std::move(found)).first->second;
  };
  for (PendingAppend* p : group) {
    // Check this batch after the ones accepted before it in the group.
    size_t offset = combined.size();
    if (!p->key_prefix->empty()) {
      std::string key = NextFreeKey(*journal_, combined, *p->key_prefix);
      for (Entry& e : *p->batch) e.citizen = key;
    }
    for (Entry& e : *p->batch) combined.push_back(std::move(e));
    auto found = journal_->Check(combined, cprs);
    std::vector<BatchError> mine;
    for (auto& b : found)
      if (b.index >= offset) mine.push_back({b.index - offset, std::move(b.error)});
    if (!mine.empty() || found.size() != mine.size()) {
      for (size_t i = offset; i < combined.size(); ++i) (*p->batch)[i - offset] = std::move(combined[i]);
      combined.resize(offset);
      if (mine.empty()) mine.push_back({0, {"entry", "conflicts with an entry written at the same time"}});
      p->result = Status::Invalid(mine.front().error.field + ": " + mine.front().error.reason);
      if (p->errors) *p->errors = std::move(mine);
      continue;
    }
    for (auto& a : p->access) access.push_back(std::move(a));
    // One access record per citizen written, in the same transaction as the entries.
    std::vector<std::string_view> citizens;
    std::unordered_map<std::string_view, std::string> details;
    for (size_t i = offset; i < combined.size(); ++i) {
      const Entry& e = combined[i];
      auto [it, inserted] = details.try_emplace(e.subject());  // a dwelling's entries under its key
      if (inserted) citizens.push_back(e.subject());
      std::string& d = it->second;
      // Entries about a municipality are logged under no citizen, naming the municipality.
      // (Appended piece by piece: GCC 12 -O3 misreads an operator+ chain here, -Wrestrict.)
      if (d.size() < 200) {
        if (!d.empty()) d += ',';
        if (e.about_municipality()) {
          d += "municipality ";
          d += e.municipality;
          d += ' ';
        }
        d += e.id;
      }
    }
    for (std::string_view c : citizens)
      access.push_back({0, now, p->actor->name, p->actor->role, std::string(c), std::string(AccessActionName(AccessAction::kAppend)), details[c]});
    p->offset = offset;
    accepted.push_back(p);
  }
  lock.unlock();
  if (accepted.empty()) return;
  const std::vector<std::string>* raw = accepted.size() == 1 ? accepted[0]->raw : nullptr;
  Status stored = cross ? cross->Commit(combined, access, raw) : store_->Append(combined, access, raw);
  std::unique_lock write_lock(mu_);
  for (size_t a = 0; a < accepted.size(); ++a) {
    PendingAppend* p = accepted[a];
    size_t end = a + 1 < accepted.size() ? accepted[a + 1]->offset : combined.size();
    for (size_t i = p->offset; i < end; ++i) {
      Entry& e = combined[i];
      Entry& back = (*p->batch)[i - p->offset];
      if (stored.ok()) {
        back.id = e.id;  // callers read the assigned ids, keys and positions back
        back.seq = e.seq;
        back.citizen = e.citizen;
        back.unit = e.unit;
        journal_->Add(std::move(e));
      } else {
        back = std::move(e);
      }
    }
    p->result = stored;
  }
  journal_->RefreshCourses();
}

void App::KeepProjections() {
  std::unique_lock lock(mu_);
  journal_->KeepCourses();
}

std::shared_ptr<const SettingsMap> App::CurrentSettings() {
  std::lock_guard lock(settings_mu_);
  int64_t now = clock_.Now().millis();
  if (!settings_ || now - settings_read_ms_ > 1000) {
    auto fresh = store_->Settings();
    if (!fresh.ok()) return settings_ ? settings_ : std::make_shared<const SettingsMap>();
    settings_ = std::make_shared<const SettingsMap>(std::move(*fresh));
    settings_read_ms_ = now;
  }
  return settings_;
}

report::ListMemo& App::ListMemoFor(const std::string& municipality) {
  std::lock_guard lock(memos_mu_);
  auto& memo = memos_[municipality];
  if (!memo) memo = std::make_unique<report::ListMemo>();
  return *memo;
}

void App::ChangedSettings() {
  std::lock_guard lock(settings_mu_);
  settings_.reset();
}

report::Thresholds App::ThresholdsFor(const std::string& municipality) {
  return report::ThresholdsFor(*CurrentSettings(), municipality.empty() ? "*" : municipality);
}

report::AlertOptions App::AlertThresholds() {
  auto settings = CurrentSettings();
  report::AlertOptions o;
  o.defaults = report::ThresholdsFor(*settings, "*");
  for (const auto& [k, v] : *settings)
    if (k.first != "*") o.per_municipality[k.first] = report::ThresholdsFor(*settings, k.first);
  return o;
}

ImportResult App::Import(std::istream& in, const Actor& actor) {
  ImportResult result;
  ParseOptions options{clock_.Now(), true};
  // Read every line, then parse them on all cores: lines are independent until the journal
  // checks, which run in file order afterwards.
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  std::vector<std::optional<Entry>> parsed(lines.size());
  std::vector<std::vector<FieldError>> problems(lines.size());
  ParallelFor(lines.size(), [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      // Before the parser, which would take a NUL byte for the end of the line.
      if (auto problem = TextProblem(lines[i])) {
        problems[i].push_back({"json", *problem, "invalid_text"});
        continue;
      }
      if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
      std::string canonical;
      auto entry = ParseEntryLine(lines[i], options, &canonical);
      lines[i] = std::move(canonical);  // stored as the entry's body (journal_store.h)
      if (entry.ok()) {
        parsed[i] = std::move(*entry);
      } else {
        problems[i] = entry.status().field_errors();
      }
    }
  });
  std::vector<Entry> batch;
  std::vector<size_t> line_of;
  std::vector<std::string> raw;
  batch.reserve(lines.size());
  raw.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    for (auto& f : problems[i]) result.errors.push_back({i + 1, std::move(f)});
    if (!parsed[i]) continue;
    batch.push_back(std::move(*parsed[i]));
    line_of.push_back(i + 1);
    raw.push_back(std::move(lines[i]));
  }
  if (!result.errors.empty()) {
    result.status = Status::Invalid(std::to_string(result.errors.size()) + " problems; nothing was imported");
    return result;
  }
  std::vector<BatchError> errors;
  Status s = Append(batch, actor, &errors, {}, &raw);
  if (!s.ok()) {
    for (const auto& b : errors) result.errors.push_back({line_of[b.index], b.error});
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const LineError& a, const LineError& b) { return a.line < b.line; });
    result.status = errors.empty() ? s
                                   : Status::Invalid(std::to_string(errors.size()) +
                                                     " problems; nothing was imported");
    return result;
  }
  result.imported = batch.size();
  return result;
}

Status App::Export(std::ostream& out, const Actor& actor) {
  std::vector<const Entry*> order;
  {
    std::shared_lock lock(mu_);
    for (const Entry& e : journal_->entries()) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
      return a->recorded != b->recorded ? a->recorded < b->recorded : a->seq < b->seq;
    });
    for (const Entry* e : order) out << ToJson(*e).dump() << '\n';
  }
  if (!out) return Status::Io("could not write the export");
  return store_->LogAccess({{0, clock_.Now(), actor.name, actor.role, "", std::string(AccessActionName(AccessAction::kExport)),
                             std::to_string(order.size()) + " entries"}});
}

}  // namespace tov
