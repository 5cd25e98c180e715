// Tests of report/housing: the allocation's definitions rule by rule (DESIGN §9), hand-computed.
// The worked journals with whole figures are in tests/cases/housing_*.
#include "report/housing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/status_csv.h"
#include "report/status_formats_test_util.h"
#include "report/status_html.h"
#include "report/status_report.h"

namespace tov::report {
namespace {

using testdata::D;

class Allocation : public ::testing::Test {
 protected:
  // Loads journal lines (docs/journal-format.md); fails the test on a bad line.
  void Load(const std::string& jsonl) {
    std::vector<nlohmann::json> lines;
    size_t start = 0;
    while (start < jsonl.size()) {
      size_t end = jsonl.find('\n', start);
      if (end == std::string::npos) end = jsonl.size();
      if (end > start) lines.push_back(nlohmann::json::parse(jsonl.substr(start, end - start)));
      start = end + 1;
    }
    testdata::Load(journal, lines);
  }
  Journal journal;
};

const char* kBase = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","birth_date":"1990-01-01","date":"2024-01-01","recorded":"2024-01-01T08:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing","situation":"prison","date":"2024-01-01","recorded":"2024-01-01T08:01:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing_approved","rooms_min":1,"date":"2024-02-01","recorded":"2024-02-01T08:00:00Z"}
{"unit":"151-B1","municipality":"151","kind":"unit_listed","unit_kind":"almen","rooms":1,"rent":4000,"date":"2024-03-01","recorded":"2024-03-01T08:00:00Z"}
)";

TEST_F(Allocation, AnEntryOfTheListingsOwnDayEndsItWhenItFollowsIt) {
  // "(listing, X]" read in course order: recorded after the listing, on its day, it ends it.
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"moved_in","date":"2024-03-01","recorded":"2024-03-01T09:00:00Z"}
)");
  DwellingCourse d = FoldDwelling("151-B1", journal.EntriesOfUnit("151-B1"), Timestamp::Max());
  EXPECT_FALSE(d.VacantOn(D("2024-03-01")));
  EXPECT_FALSE(d.VacantOn(D("2024-04-01")));
  EXPECT_FALSE(d.VacantOn(D("2024-02-29")));  // not yet listed
  EXPECT_EQ(d.VacantDaysIn(D("2024-01-01"), D("2024-12-31")), 0);
  // The move-in ends the approval (given 2024-02-01) from that day.
  CitizenAllocation a = AllocationOf(journal.CourseOf("151-0001"));
  EXPECT_NE(a.ApprovalOn(D("2024-02-29")), nullptr);
  EXPECT_EQ(a.ApprovalOn(D("2024-03-01")), nullptr);
  // A second move-in that day is refused: the dwelling is let.
  std::vector<Entry> batch;
  auto e = ParseEntry(nlohmann::json{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "housing_offer"},
                                     {"unit", "151-B1"}, {"status", "moved_in"}, {"date", "2024-03-01"},
                                     {"recorded", "2024-03-01T10:00:00Z"}},
                      {Timestamp::Max(), false});
  ASSERT_TRUE(e.ok());
  batch.push_back(*e);
  auto errors = journal.Check(batch);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].error.code, "not_vacant");
}

TEST_F(Allocation, AnApprovalOfTheMoveInsDayAfterItIsInForce) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"moved_in","date":"2024-03-10","recorded":"2024-03-10T08:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing_approved","rooms_min":2,"date":"2024-03-10","recorded":"2024-03-10T09:00:00Z"}
)");
  // Recorded after the move-in, the new approval is not ended by it.
  CitizenAllocation a = AllocationOf(journal.CourseOf("151-0001"));
  ASSERT_NE(a.ApprovalOn(D("2024-03-10")), nullptr);
  EXPECT_EQ(a.ApprovalOn(D("2024-03-10"))->terms->rooms_min, 2);
}

TEST_F(Allocation, AMoveInEndsTheVacancyAndTheApproval) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"offered","date":"2024-03-05","recorded":"2024-03-05T08:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"moved_in","date":"2024-03-20","recorded":"2024-03-20T08:00:00Z"}
)");
  DwellingCourse d = FoldDwelling("151-B1", journal.EntriesOfUnit("151-B1"), Timestamp::Max());
  EXPECT_TRUE(d.VacantOn(D("2024-03-19")));  // an open offer leaves it vacant
  EXPECT_FALSE(d.VacantOn(D("2024-03-20")));
  EXPECT_EQ(d.VacantDaysIn(D("2024-03-01"), D("2024-12-31")), 19);
  CitizenAllocation a = AllocationOf(journal.CourseOf("151-0001"));
  ASSERT_NE(a.ApprovalOn(D("2024-03-19")), nullptr);
  EXPECT_EQ(a.ApprovalOn(D("2024-03-20")), nullptr);
  EXPECT_EQ(OpenOffers(a.offers, D("2024-03-10")).size(), 1u);
  EXPECT_TRUE(OpenOffers(a.offers, D("2024-03-20")).empty());
}

TEST_F(Allocation, AVoidedMoveInIsNoMoveIn) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"moved_in","date":"2024-03-20","recorded":"2024-03-20T08:00:00Z","id":"m"}
{"citizen":"151-0001","municipality":"151","kind":"void","entry":"m","date":"2024-03-21","recorded":"2024-03-21T08:00:00Z"}
)");
  DwellingCourse now = FoldDwelling("151-B1", journal.EntriesOfUnit("151-B1"), Timestamp::Max());
  EXPECT_TRUE(now.VacantOn(D("2024-04-01")));
  // Known before the void, it was let.
  DwellingCourse before = FoldDwelling("151-B1", journal.EntriesOfUnit("151-B1"), *ParseTimestamp("2024-03-20T12:00:00Z"));
  EXPECT_FALSE(before.VacantOn(D("2024-04-01")));
}

TEST_F(Allocation, DaysHomelessCountTheDaysBeforeAReleaseWithoutAHome) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"release_planned","from":"prison","expected":"2024-03-10","housing_solution":false,"date":"2024-02-01","recorded":"2024-02-01T09:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"release_planned","from":"prison","expected":"2024-03-10","housing_solution":true,"date":"2024-03-05","recorded":"2024-03-05T09:00:00Z"}
)");
  CitizenCourse c = journal.CourseOf("151-0001");
  // Homeless on D when the plan in force has `expected` in (D, D+30]: D in 2024-02-09..03-09,
  // until the plan of 03-05 (with a home) takes over: 02-09..03-04 = 25 days.
  EXPECT_EQ(c.HomelessDaysIn(D("2024-01-01"), D("2024-12-31")), 25);
  int by_day = 0;
  for (Date d = D("2024-01-01"); d <= D("2024-12-31"); d = d.AddDays(1)) by_day += c.HomelessOn(d) ? 1 : 0;
  EXPECT_EQ(by_day, 25);  // the span arithmetic agrees with HomelessOn day by day
}

TEST_F(Allocation, TheWeightsAreSettings) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing","situation":"street","date":"2024-03-01","recorded":"2024-03-01T09:00:00Z"}
)");
  Thresholds w;
  PriorityParts p = PriorityOn(journal.CourseOf("151-0001"), D("2024-03-31"), w);
  EXPECT_EQ(p.homeless_days, 31);
  EXPECT_EQ(p.street, 365);
  ASSERT_TRUE(SetThreshold(w, "priority_homeless_day", "2"));
  ASSERT_TRUE(SetThreshold(w, "priority_street", "100"));
  EXPECT_FALSE(SetThreshold(w, "priority_street", "100000"));
  p = PriorityOn(journal.CourseOf("151-0001"), D("2024-03-31"), w);
  EXPECT_EQ(p.homeless_days, 62);
  EXPECT_EQ(p.street, 100);
  EXPECT_EQ(p.total(), 162 + 180 * 0);  // 34 years old: no youth points
}

TEST_F(Allocation, AnOfferStallsAfterFourteenDays) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"offered","date":"2024-03-05","recorded":"2024-03-05T08:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"accepted","date":"2024-03-10","recorded":"2024-03-10T08:00:00Z"}
)");
  CitizenCourse c = journal.CourseOf("151-0001");
  Thresholds t;
  // The latest step (accepted, 03-10) counts: 14 days later it is not yet stalled.
  EXPECT_FALSE(OfferStalledSince(c, D("2024-03-24"), t));
  EXPECT_EQ(OfferStalledSince(c, D("2024-03-25"), t), D("2024-03-25"));
  t.offer_days = 30;
  EXPECT_FALSE(OfferStalledSince(c, D("2024-03-25"), t));
}

TEST_F(Allocation, TheMonthlyTrendOfVacantDaysAndWaits) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"moved_in","date":"2024-04-10","recorded":"2024-04-10T08:00:00Z"}
)");
  const std::vector<Date> dates = {D("2024-02-29"), D("2024-03-31"), D("2024-04-30")};
  AllocationTrendSet t = AllocationTrend(journal, dates, Timestamp::Max(), std::nullopt);
  ASSERT_EQ(t.total.size(), 3u);
  EXPECT_EQ(t.total[0].vacant_days, 0);
  EXPECT_EQ(t.total[1].vacant_days, 31);
  EXPECT_EQ(t.total[2].vacant_days, 9);  // 04-01..04-09
  EXPECT_EQ(t.total[2].wait_days, (std::vector<int>{69}));  // 2024-02-01 → 04-10
  EXPECT_EQ(t.total[2].dwellings, 1);
  ASSERT_TRUE(t.municipalities.count("151"));
}

TEST_F(Allocation, TheMemoAnswersAsAFreshFoldAfterNewEntries) {
  Load(std::string(kBase) + R"(
{"citizen":"151-0002","municipality":"151","kind":"registered","birth_date":"2000-01-01","date":"2024-01-01","recorded":"2024-01-01T08:00:00Z"}
{"citizen":"151-0002","municipality":"151","kind":"housing","situation":"hotel","date":"2024-01-01","recorded":"2024-01-01T08:01:00Z"}
{"citizen":"151-0002","municipality":"151","kind":"housing_approved","rooms_min":1,"date":"2024-02-01","recorded":"2024-02-01T08:00:00Z"}
)");
  const Date x = D("2024-03-31");
  const Thresholds w;
  ListMemo memo;
  memo.Reset("151", x, Timestamp::Max(), w);
  auto json_of = [&](ListMemo* m) { return QueueJson(x, "151", WaitingList(journal, x, Timestamp::Max(), "151", w, m)); };
  EXPECT_EQ(json_of(&memo), json_of(nullptr));
  // 0002 goes to the street and 0001 gets an offer: both are folded again, the rest is reused.
  Load(R"(
{"citizen":"151-0002","municipality":"151","kind":"housing","situation":"street","date":"2024-03-01","recorded":"2024-03-01T10:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"housing_offer","unit":"151-B1","status":"offered","date":"2024-03-20","recorded":"2024-03-20T10:00:00Z"}
)");
  const nlohmann::json fresh = json_of(nullptr);
  EXPECT_EQ(json_of(&memo), fresh);
  EXPECT_EQ(fresh["queue"][0]["citizen"], "151-0002");
  EXPECT_EQ(fresh["queue"][0]["parts"]["street"], 365);
  auto memo_for = [&](const std::string&) { return &memo; };
  auto with = Candidates(journal, "151-B1", x, Timestamp::Max(), w, memo_for);
  auto without = Candidates(journal, "151-B1", x, Timestamp::Max(), w);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_EQ(CandidatesJson(*with), CandidatesJson(*without));
  EXPECT_EQ(CandidatesJson(*with)["ineligible"][0]["why"][0], "offer_open");
}

TEST_F(Allocation, TheFormatsShowTheAllocationsIds) {
  Load(std::string(kBase));
  StatusOptions o;
  o.as_of = D("2024-03-31");
  nlohmann::json r = StatusReport(journal, o);
  EXPECT_EQ(r["total"]["units_vacant"]["by_unit_kind"]["almen"], 1);
  EXPECT_EQ(r["total"]["vacant_unit_days_12m"]["value"], 31);
  const std::string csv = StatusReportCsv(r);
  EXPECT_NE(csv.find("total,units_vacant,by_unit_kind,almen,,,1"), std::string::npos) << csv;
  const std::string html = StatusReportHtml(r, journal, o);
  EXPECT_NE(html.find("Almen familiebolig"), std::string::npos);
  EXPECT_NE(html.find("Tomgang og ventetid"), std::string::npos);
  // Nationally, vacant days of 1–4 dwellings are hidden (they would name the dwelling).
  o.national = true;
  o.municipality = "151";
  nlohmann::json n = StatusReport(journal, o);
  EXPECT_TRUE(IsSuppressed(n["total"]["vacant_unit_days_12m"])) << n["total"].dump();
  EXPECT_TRUE(IsSuppressed(n["total"]["units_vacant"])) << n["total"].dump();
}

}  // namespace
}  // namespace tov::report
