// Commands on the journal: append, import, export.
#include "app/app.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/parallel.h"
#include "domain/entry_json.h"

namespace tov {
namespace {

class SystemClock : public Clock {
 public:
  Timestamp Now() const override {
    return Timestamp::FromSystemClock(std::chrono::system_clock::now());
  }
};

}  // namespace

const Clock& Clock::System() {
  static const SystemClock clock;
  return clock;
}

std::string LineError::ToString() const {
  return "line " + std::to_string(line) + ": " + error.field + ": " + error.reason;
}

StatusOr<std::unique_ptr<App>> App::Open(const StoreOptions& options, const Clock& clock) {
  ASSIGN_OR_RETURN(auto store, JournalStore::Open(options));
  std::unique_ptr<App> app(new App(std::move(store), clock));
  RETURN_IF_ERROR(app->store_->LoadInto(app->journal_));
  return app;
}

Status App::Append(std::vector<Entry>& batch, const Actor& actor, std::vector<BatchError>* errors,
                   std::vector<AccessRecord> access, const std::vector<std::string>* raw) {
  std::unique_lock lock(mu_);
  auto found = journal_.Check(batch);
  if (!found.empty()) {
    std::string message = found.front().error.field + ": " + found.front().error.reason;
    if (errors) *errors = std::move(found);
    return Status::Invalid(message);
  }
  Timestamp now = clock_.Now();
  // One access record per citizen written, in the same transaction as the entries.
  std::vector<std::string_view> citizens;
  std::unordered_map<std::string_view, std::string> details;
  for (const Entry& e : batch) {
    auto [it, inserted] = details.try_emplace(e.citizen);
    if (inserted) citizens.push_back(e.citizen);
    std::string& d = it->second;
    if (d.size() < 200) d += (d.empty() ? "" : ",") + e.id;
  }
  for (std::string_view c : citizens)
    access.push_back({0, now, actor.name, actor.role, std::string(c), "append", details[c]});
  RETURN_IF_ERROR(store_->Append(batch, access, raw));
  for (Entry& e : batch) {
    Entry stored = std::move(e);
    e.id = stored.id;  // callers read the assigned ids and positions back
    e.seq = stored.seq;
    journal_.Add(std::move(stored));
  }
  return Status::Ok();
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
      if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
      auto entry = ParseEntryLine(lines[i], options);
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
    for (const Entry& e : journal_.entries()) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
      return a->recorded != b->recorded ? a->recorded < b->recorded : a->seq < b->seq;
    });
    for (const Entry* e : order) out << ToJson(*e).dump() << '\n';
  }
  if (!out) return Status::Io("could not write the export");
  return store_->LogAccess({{0, clock_.Now(), actor.name, actor.role, "", "export",
                             std::to_string(order.size()) + " entries"}});
}

}  // namespace tov
