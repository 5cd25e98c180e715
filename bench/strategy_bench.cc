// The reports of DESIGN §10 against the status report (issue 13: each new report for 100,000
// citizens within twice the time of the status report), printed, never asserted: the
// `demo --citizens N` journal held in memory as the server holds it, then `report status`,
// `report youth`, `report outreach` and `report implementation` for all municipalities (and
// each for the national audience), each the best of `runs` runs.
// Usage: strategy_bench [citizens=100000] [runs=3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "demo/demo.h"
#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/implementation.h"
#include "report/outreach_report.h"
#include "report/status_report.h"
#include "report/youth_report.h"

namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

template <typename F>
double Best(int runs, F&& fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    fn();
    best = std::min(best, MsSince(t));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int citizens = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  if (citizens < 1 || runs < 1) {
    std::fprintf(stderr, "usage: strategy_bench [citizens=100000] [runs=3]\n");
    return 2;
  }
  tov::demo::DemoOptions options;
  options.citizens = citizens;
  auto t = Clock::now();
  std::vector<tov::Entry> batch;
  size_t municipality_entries = 0, outreach_contacts = 0;
  tov::demo::Generate(options, [&](const nlohmann::json& j) {
    auto e = tov::ParseEntry(j, {tov::Timestamp::Max(), false});
    if (!e.ok()) {
      std::fprintf(stderr, "bad demo entry: %s\n", e.status().ToString().c_str());
      std::exit(1);
    }
    if (e->about_municipality()) ++municipality_entries;
    if (const auto* c = e->As<tov::Contact>(); c && c->mode == tov::ContactMode::kOutreach) ++outreach_contacts;
    batch.push_back(std::move(*e));
  });
  tov::Journal journal;
  int64_t seq = 0;
  for (tov::Entry& e : batch) {
    e.seq = ++seq;
    journal.Add(std::move(e));
  }
  std::printf("journal: %d citizens, %zu entries (%zu about municipalities, %zu outreach contacts), built in %.0f ms\n", citizens,
              journal.size(), municipality_entries, outreach_contacts, MsSince(t));

  const tov::Date x = *tov::ParseDate(options.today);
  size_t status_bytes = 0;
  const double status_ms = Best(runs, [&] {
    tov::report::StatusOptions o;
    o.as_of = x;
    status_bytes = tov::report::StatusReport(journal, o).dump().size();
  });
  std::printf("report status:           %8.1f ms (%zu bytes of JSON)\n", status_ms, status_bytes);
  // `make(national)` is one report's JSON for all municipalities, as the CLI makes it.
  auto time_report = [&](const char* name, auto make) {
    size_t bytes = 0;
    const double ms = Best(runs, [&] { bytes = make(false).dump().size(); });
    const double national_ms = Best(runs, [&] { (void)make(true).dump(); });
    std::printf("report %-16s %8.1f ms (%zu bytes of JSON), %.2f × the status report\n", name, ms, bytes, ms / status_ms);
    std::printf("  national audience:     %8.1f ms\n", national_ms);
  };
  time_report("youth:", [&](bool national) {
    tov::report::YouthOptions o;
    o.as_of = x;
    o.national = national;
    return tov::report::YouthReport(journal, o);
  });
  time_report("outreach:", [&](bool national) {
    tov::report::OutreachOptions o;
    o.as_of = x;
    o.national = national;
    return tov::report::OutreachReport(journal, o);
  });
  time_report("implementation:", [&](bool national) {
    tov::report::ImplementationOptions o;
    o.as_of = x;
    o.national = national;
    return tov::report::ImplementationReport(journal, o);
  });
  return 0;
}
