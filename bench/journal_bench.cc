// Journal benchmarks (issue 2 and 3 goals), printed, never asserted:
//   import of a 1,000,000-entry JSON Lines journal into a new SQLite file (goal < 10 s);
//   the fold of every citizen of that journal (goal < 1 s);
//   the status report for all municipalities and the alerts over `demo --citizens 100000`
//   (goals < 2 s and < 1 s).
// Usage: journal_bench [entries=1000000] [report_citizens=100000] [workdir=/tmp]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "demo/demo.h"
#include "domain/entry_json.h"
#include "report/alerts.h"
#include "report/status_report.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Writes a demo journal of at least `entries` entries; returns the count written.
size_t WriteDemo(const std::string& path, size_t entries, int* citizens_out) {
  // About 28 entries per citizen in the demo; generate enough citizens, then cut at `entries`
  // on a citizen boundary is not needed: a prefix by `recorded` is still a valid journal only if
  // registrations come first, which they do (a citizen's first entry is its registration).
  int citizens = static_cast<int>(entries / 20) + 1;
  tov::demo::DemoOptions o;
  o.citizens = citizens;
  o.seed = 42;
  o.today = "2026-11-30";
  std::ofstream out(path);
  size_t n = 0;
  tov::demo::Generate(o, [&](const nlohmann::json& j) {
    if (n >= entries) return;
    // Voids may point at entries beyond the cut; the prefix keeps them valid because a void
    // always follows its target in `recorded` order.
    out << j.dump() << '\n';
    ++n;
  });
  *citizens_out = citizens;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  size_t entries = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  int report_citizens = argc > 2 ? std::stoi(argv[2]) : 100'000;
  std::string dir = argc > 3 ? argv[3] : "/tmp";
  std::string base = dir + "/tovholder-bench-" + std::to_string(getpid());
  std::string jsonl = base + ".jsonl";

  int citizens = 0;
  auto t = Clock::now();
  size_t n = WriteDemo(jsonl, entries, &citizens);
  std::printf("generated %zu entries (%d citizens) in %.2f s\n", n, citizens, Since(t));

  {
    tov::StoreOptions so;
    so.path = base + "-import.db";
    auto app = tov::App::Open(so);
    if (!app.ok()) { std::cerr << app.status().ToString() << "\n"; return 1; }
    std::ifstream in(jsonl);
    t = Clock::now();
    auto r = (*app)->Import(in, {"bench", "cli"});
    double secs = Since(t);
    if (!r.status.ok()) { std::cerr << "import failed: " << r.status.ToString() << (r.errors.empty() ? "" : " " + r.errors[0].ToString()) << "\n"; return 1; }
    std::printf("import: %zu entries in %.2f s (%.0f entries/s)\n", r.imported, secs, r.imported / secs);

    t = Clock::now();
    size_t folded = (*app)->Read([](const tov::Journal& j) {
      size_t k = 0;
      for (const auto& c : j.citizens()) k += j.CourseOf(c).situations.size() > 0;
      return j.citizens().size() + 0 * k;
    });
    std::printf("fold of all %zu citizens: %.3f s\n", folded, Since(t));
  }
  {
    tov::StoreOptions so;
    so.path = base + "-report.db";
    auto app = tov::App::Open(so);
    tov::demo::DemoOptions o;
    o.citizens = report_citizens;
    o.seed = 7;
    o.today = "2026-11-30";
    std::vector<tov::Entry> batch;
    tov::ParseOptions po{tov::Timestamp::Max(), false};
    tov::demo::Generate(o, [&](const nlohmann::json& j) { batch.push_back(std::move(*tov::ParseEntry(j, po))); });
    std::vector<tov::BatchError> errors;
    t = Clock::now();
    auto st = (*app)->Append(batch, {"bench", "cli"}, &errors);
    if (!st.ok()) { std::cerr << "append failed: " << st.ToString() << "\n"; return 1; }
    std::printf("demo --citizens %d: %zu entries stored in %.2f s\n", report_citizens, batch.size(), Since(t));
    tov::Date x = *tov::ParseDate("2026-11-30");
    for (int run = 0; run < 3; ++run) {
      t = Clock::now();
      auto rep = (*app)->Read([&](const tov::Journal& j) { return tov::report::StatusReport(j, {x, tov::Timestamp::Max(), std::nullopt, false}); });
      double r1 = Since(t);
      t = Clock::now();
      tov::report::AlertOptions ao;
      ao.as_of = x;
      auto alerts = (*app)->Read([&](const tov::Journal& j) { return tov::report::Alerts(j, ao); });
      double r2 = Since(t);
      std::printf("run %d: status report (all %zu municipalities, homeless %lld) %.3f s; alerts (%zu) %.3f s\n", run + 1,
                  rep["municipalities"].size(), static_cast<long long>(rep["total"]["homeless"]["value"].get<int64_t>()), r1, alerts.size(), r2);
    }
  }
  for (const char* suffix : {".jsonl", "-import.db", "-import.db-wal", "-import.db-shm", "-import.db.key",
                             "-report.db", "-report.db-wal", "-report.db-shm", "-report.db.key"})
    std::remove((base + suffix).c_str());
  return 0;
}
