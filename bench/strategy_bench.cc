// The reports of DESIGN §10 against the status report (issue 13: each new report for 100,000
// citizens within twice the time of the status report), printed, never asserted: the
// `demo --citizens N` journal held in memory as the server holds it, then `report status`,
// `report youth` and `report outreach` for all municipalities (and each for the national
// audience), each the best of `runs` runs. The implementation report has implementation_bench.
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
  size_t status_bytes = 0, outreach_bytes = 0;
  const double status_ms = Best(runs, [&] {
    tov::report::StatusOptions o;
    o.as_of = x;
    status_bytes = tov::report::StatusReport(journal, o).dump().size();
  });
  const double outreach_ms = Best(runs, [&] {
    tov::report::OutreachOptions o;
    o.as_of = x;
    outreach_bytes = tov::report::OutreachReport(journal, o).dump().size();
  });
  const double national_ms = Best(runs, [&] {
    tov::report::OutreachOptions o;
    o.as_of = x;
    o.national = true;
    (void)tov::report::OutreachReport(journal, o).dump();
  });
  size_t youth_bytes = 0;
  const double youth_ms = Best(runs, [&] {
    tov::report::YouthOptions o;
    o.as_of = x;
    youth_bytes = tov::report::YouthReport(journal, o).dump().size();
  });
  const double youth_national_ms = Best(runs, [&] {
    tov::report::YouthOptions o;
    o.as_of = x;
    o.national = true;
    (void)tov::report::YouthReport(journal, o).dump();
  });
  std::printf("report status:         %8.1f ms (%zu bytes of JSON)\n", status_ms, status_bytes);
  std::printf("report youth:          %8.1f ms (%zu bytes of JSON), %.2f × the status report\n", youth_ms, youth_bytes,
              youth_ms / status_ms);
  std::printf("  national audience:   %8.1f ms\n", youth_national_ms);
  std::printf("report outreach:       %8.1f ms (%zu bytes of JSON), %.2f × the status report\n", outreach_ms,
              outreach_bytes, outreach_ms / status_ms);
  std::printf("  national audience:   %8.1f ms\n", national_ms);
  return 0;
}
