// The server's kept courses (Journal::KeepCourses, docs/design.md "Projections") never change an
// answer: on demo journals, every report and the alerts of a journal that keeps its courses,
// kept up to date batch by batch as a server's appends do, equal those of a journal that folds
// every citizen per report, at several as-of dates and "known at" times, in total and for one
// municipality.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "demo/demo.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/alerts.h"
#include "report/housing.h"
#include "report/implementation.h"
#include "report/outreach_report.h"
#include "report/status_report.h"
#include "report/trend.h"
#include "report/youth_report.h"

namespace tov {
namespace {

using json = nlohmann::json;

// Parses, checks and adds `lines` to `journal` in batches of `batch_size`, refreshing the kept
// courses after each batch as App does after a commit. The holders of CPR numbers come from a
// register kept here, as the store's blind index gives them to App.
void AddInBatches(const std::vector<json>& lines, size_t from, size_t to, size_t batch_size, Journal& journal) {
  ParseOptions po{Timestamp::Max()};
  std::map<std::string, std::vector<std::string>> holders;  // CPR digits → citizens
  for (const Entry& e : journal.entries())
    if (const std::string* cpr = GivenCpr(e)) holders[ParseCpr(*cpr)->digits].push_back(e.citizen);
  const CprLookup lookup = [&](const std::string& digits) -> StatusOr<std::vector<std::string>> {
    auto it = holders.find(digits);
    return it == holders.end() ? std::vector<std::string>{} : it->second;
  };
  for (size_t b = from; b < to; b += batch_size) {
    std::vector<Entry> batch;
    for (size_t i = b; i < std::min(to, b + batch_size); ++i) {
      auto e = ParseEntry(lines[i], po);
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      batch.push_back(std::move(*e));
    }
    auto errors = journal.Check(batch, lookup);
    ASSERT_TRUE(errors.empty()) << errors[0].error.field << ": " << errors[0].error.reason;
    for (Entry& e : batch) {
      if (const std::string* cpr = GivenCpr(e)) holders[ParseCpr(*cpr)->digits].push_back(e.citizen);
      e.seq = journal.last_seq() + 1;
      journal.Add(std::move(e));
    }
    journal.RefreshCourses();
  }
}

// Every report of DESIGN §5 and §10 and the alerts, as one JSON, for `as_of` as known at `known_at`
// (the national audience's suppression is left out: it reads only the figures, and is slow).
json Everything(const Journal& j, Date as_of, Timestamp known_at, const std::optional<std::string>& m) {
  json out;
  out["status"] = report::StatusReport(j, {as_of, known_at, m, false});
  report::AlertOptions ao;
  ao.as_of = as_of;
  ao.known_at = known_at;
  ao.municipality = m;
  out["alerts"] = report::AlertsJson(as_of, report::Alerts(j, ao));
  json trends = json::array();
  for (const report::TrendPoint& p : report::MonthlyTrends(j, as_of, known_at, m, 12).total)
    trends.push_back({p.date.ToString(), p.homeless, p.youth_in_shelter, p.street_sleepers, p.shelter_over_6_months});
  out["trends"] = trends;
  out["youth"] = report::YouthReport(j, {as_of, known_at, m, false});
  out["outreach"] = report::OutreachReport(j, {as_of, known_at, m, false});
  report::ImplementationOptions io;
  io.as_of = as_of;
  io.known_at = known_at;
  io.municipality = m;
  out["implementation"] = report::ImplementationReport(j, io);
  json queue = json::array();
  for (const report::QueueEntry& q : report::WaitingList(j, as_of, known_at, m.value_or("151"), report::Thresholds{}))
    queue.push_back({q.citizen, q.points});
  out["queue"] = queue;
  return out;
}

TEST(KeptCoursesTest, EveryReportEqualsThatOfAJournalWithoutThem) {
  for (uint64_t seed : {1, 7}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::vector<json> lines = demo::GenerateAll({200, seed, "2026-11-30", 3});
    ASSERT_GT(lines.size(), 2000u);
    Journal folded, kept;
    AddInBatches(lines, 0, lines.size(), lines.size(), folded);
    // Kept from the middle on: the first half folded at once, the rest added batch by batch.
    const size_t half = lines.size() / 2;
    AddInBatches(lines, 0, half, half, kept);
    kept.KeepCourses();
    ASSERT_TRUE(kept.keeps_courses());
    AddInBatches(lines, half, lines.size(), 61, kept);
    ASSERT_EQ(kept.size(), folded.size());

    const Timestamp middle = *ParseTimestamp(lines[half]["recorded"].get<std::string>());
    for (const char* as_of : {"2025-06-30", "2026-11-30"})
      for (Timestamp known_at : {Timestamp::Max(), folded.max_recorded(), middle})
        for (const std::optional<std::string>& m : {std::optional<std::string>(), std::optional<std::string>("151")}) {
          SCOPED_TRACE(std::string(as_of) + " known at " + known_at.ToString() + " " + m.value_or("all"));
          const Date x = *ParseDate(as_of);
          EXPECT_EQ(Everything(kept, x, known_at, m), Everything(folded, x, known_at, m));
        }
  }
}

}  // namespace
}  // namespace tov
