// Tests for the monthly trend: the dates, and agreement with StatusReport's `homeless` and
// `youth_in_shelter` (total and per municipality) on a small hand-built journal.
#include "report/trend.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/entry_json.h"
#include "report/status_formats_test_util.h"
#include "report/status_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

using testdata::D;
using testdata::Load;

json Report(const Journal& j, Date x, Timestamp known_at = Timestamp::Max()) {
  StatusOptions o;
  o.as_of = x;
  o.known_at = known_at;
  return StatusReport(j, o);
}

// A count of a municipality's figures in `report`; 0 when the municipality has none.
int64_t CountIn(const json& report, const std::string& code, const char* id) {
  const json& m = report["municipalities"];
  if (!m.contains(code)) return 0;
  return m[code][id]["value"].get<int64_t>();
}

json E(const char* citizen, const char* m, const char* kind, const char* date, json fields = {}) {
  json j = {{"citizen", citizen},
            {"municipality", m},
            {"kind", kind},
            {"date", date},
            {"recorded", std::string(date) + "T12:00:00Z"}};
  for (auto& [k, v] : fields.items()) j[k] = v;
  return j;
}

// Six citizens whose figures change between April and June 2024.
void Build(Journal& j) {
  Load(j, {
              // Young, in a shelter from March, housed 2024-05-15.
              E("151-0001", "151", "registered", "2024-03-01", {{"birth_date", "2000-01-01"}}),
              E("151-0001", "151", "housing", "2024-03-01", {{"situation", "shelter"}}),
              E("151-0001", "151", "housing", "2024-05-15", {{"situation", "own_home"}}),
              // 29 until 2024-05-20, then 30: youth in shelter in April only.
              E("151-0002", "151", "registered", "2023-01-01", {{"birth_date", "1994-05-20"}}),
              E("151-0002", "151", "housing", "2023-01-01", {{"situation", "shelter"}}),
              // On the street, moves to Randers on 2024-05-10, dies 2024-06-10.
              E("151-0003", "151", "registered", "2023-06-01", {{"birth_date", "1970-02-02"}}),
              E("151-0003", "151", "housing", "2023-06-01", {{"situation", "street"}}),
              E("151-0003", "151", "moved", "2024-05-10", {{"to", "730"}}),
              E("151-0003", "730", "died", "2024-06-10"),
              // In prison; release in 20 days without a home planned on 2024-06-15.
              E("730-0001", "730", "registered", "2024-01-01", {{"birth_date", "1985-03-03"}}),
              E("730-0001", "730", "housing", "2024-01-01", {{"situation", "prison"}}),
              E("730-0001", "730", "release_planned", "2024-06-15",
                {{"from", "prison"}, {"expected", "2024-07-05"}, {"housing_solution", false}}),
              // Registered only in June, at a shelter, aged 22.
              E("730-0002", "730", "registered", "2024-06-05", {{"birth_date", "2002-02-02"}}),
              E("730-0002", "730", "housing", "2024-06-05", {{"situation", "shelter"}}),
              // Housed the whole time.
              E("730-0003", "730", "registered", "2023-01-01", {{"birth_date", "1960-01-01"}}),
              E("730-0003", "730", "housing", "2023-01-01", {{"situation", "own_home"}}),
          });
}

TEST(MonthlyTrendTest, DatesAreMonthEndsEndingAtAsOf) {
  std::vector<Date> d = TrendDates(D("2024-06-15"), 24);
  ASSERT_EQ(d.size(), 24u);
  EXPECT_EQ(d.front(), D("2022-07-31"));
  EXPECT_EQ(d[22], D("2024-05-31"));
  EXPECT_EQ(d.back(), D("2024-06-15"));
  EXPECT_EQ(TrendDates(D("2024-03-31"), 3),
            (std::vector<Date>{D("2024-01-31"), D("2024-02-29"), D("2024-03-31")}));
  EXPECT_TRUE(TrendDates(D("2024-03-31"), 0).empty());

  Journal j;
  Build(j);
  auto points = MonthlyTrend(j, D("2024-06-15"), Timestamp::Max(), std::nullopt);
  ASSERT_EQ(points.size(), 24u);
  for (size_t i = 0; i < points.size(); ++i) EXPECT_EQ(points[i].date, d[i]);
}

TEST(MonthlyTrendTest, AgreesWithStatusReportAtEveryPoint) {
  Journal j;
  Build(j);
  const Date as_of = D("2024-06-30");
  auto total = MonthlyTrend(j, as_of, Timestamp::Max(), std::nullopt, 3);
  auto ballerup = MonthlyTrend(j, as_of, Timestamp::Max(), std::string("151"), 3);
  auto randers = MonthlyTrend(j, as_of, Timestamp::Max(), std::string("730"), 3);
  ASSERT_EQ(total.size(), 3u);
  ASSERT_EQ(ballerup.size(), 3u);
  ASSERT_EQ(randers.size(), 3u);
  for (size_t i = 0; i < total.size(); ++i) {
    SCOPED_TRACE(total[i].date.ToString());
    json report = Report(j, total[i].date);
    EXPECT_EQ(total[i].homeless, report["total"]["homeless"]["value"]);
    EXPECT_EQ(total[i].youth_in_shelter, report["total"]["youth_in_shelter"]["value"]);
    for (const auto& [code, points] : {std::pair{"151", &ballerup}, std::pair{"730", &randers}}) {
      EXPECT_EQ((*points)[i].homeless, CountIn(report, code, "homeless")) << code;
      EXPECT_EQ((*points)[i].youth_in_shelter, CountIn(report, code, "youth_in_shelter")) << code;
    }
  }
  // The story, spelled out: April (151-0001, 151-0002 young in shelters; 151-0003 on the
  // street), May (151-0001 housed, 151-0002 turned 30, 151-0003 moved to Randers),
  // June (151-0003 dead; 730-0001 due out without a home; 730-0002 young in a shelter).
  EXPECT_EQ(total[0].homeless, 3);
  EXPECT_EQ(total[0].youth_in_shelter, 2);
  EXPECT_EQ(ballerup[0].homeless, 3);
  EXPECT_EQ(total[1].homeless, 2);
  EXPECT_EQ(total[1].youth_in_shelter, 0);
  EXPECT_EQ(ballerup[1].homeless, 1);
  EXPECT_EQ(randers[1].homeless, 1);
  EXPECT_EQ(total[2].homeless, 3);
  EXPECT_EQ(total[2].youth_in_shelter, 1);
  EXPECT_EQ(randers[2].homeless, 2);
}

TEST(MonthlyTrendTest, StreetSleepersAndLongShelterStaysAgreeWithStatusReport) {
  Journal j;
  Load(j, {
              // Ready for housing in a shelter since 2023-10-15: over 6 months from 2024-04-16.
              E("151-0101", "151", "registered", "2023-10-15", {{"birth_date", "1970-01-01"}}),
              E("151-0101", "151", "housing", "2023-10-15", {{"situation", "shelter"}, {"ready_for_housing", true}}),
              // Not ready: over 6 months too, but not counted.
              E("151-0102", "151", "registered", "2023-01-01", {{"birth_date", "1970-01-01"}}),
              E("151-0102", "151", "housing", "2023-01-01", {{"situation", "shelter"}}),
              // On the street in April and May, then in a shelter.
              E("151-0103", "151", "registered", "2024-04-01", {{"birth_date", "1980-01-01"}}),
              E("151-0103", "151", "housing", "2024-04-01", {{"situation", "street"}}),
              E("151-0103", "151", "housing", "2024-06-01", {{"situation", "shelter"}}),
          });
  auto points = MonthlyTrend(j, D("2024-06-30"), Timestamp::Max(), std::string("151"), 4);
  ASSERT_EQ(points.size(), 4u);
  for (const auto& p : points) {
    SCOPED_TRACE(p.date.ToString());
    json report = Report(j, p.date);
    EXPECT_EQ(p.street_sleepers, CountIn(report, "151", "street_sleepers"));
    EXPECT_EQ(p.shelter_over_6_months, CountIn(report, "151", "shelter_over_6_months"));
  }
  EXPECT_EQ(points[0].shelter_over_6_months, 0);  // 2024-03-31
  EXPECT_EQ(points[1].shelter_over_6_months, 1);  // 2024-04-30
  EXPECT_EQ(points[1].street_sleepers, 1);
  EXPECT_EQ(points[3].street_sleepers, 0);  // 2024-06-30
}

TEST(MonthlyTrendTest, TrendsByMunicipalityMatchSingleMunicipalityTrend) {
  Journal j;
  Build(j);
  TrendSet set = MonthlyTrends(j, D("2024-06-30"), Timestamp::Max(), std::nullopt, 6);
  for (const char* code : {"151", "730"}) {
    auto single = MonthlyTrend(j, D("2024-06-30"), Timestamp::Max(), std::string(code), 6);
    ASSERT_TRUE(set.municipalities.count(code));
    for (size_t i = 0; i < single.size(); ++i) {
      EXPECT_EQ(set.municipalities[code][i].homeless, single[i].homeless);
      EXPECT_EQ(set.municipalities[code][i].youth_in_shelter, single[i].youth_in_shelter);
    }
  }
}

TEST(MonthlyTrendTest, KnownAtLeavesOutLaterRecords) {
  Journal j;
  Build(j);
  // As known on 2024-05-01, 151-0001 was still in the shelter at the end of May.
  auto points =
      MonthlyTrend(j, D("2024-05-31"), *ParseTimestamp("2024-05-01T00:00:00Z"), std::nullopt, 1);
  ASSERT_EQ(points.size(), 1u);
  json report = Report(j, D("2024-05-31"), *ParseTimestamp("2024-05-01T00:00:00Z"));
  EXPECT_EQ(points[0].homeless, report["total"]["homeless"]["value"]);
  EXPECT_EQ(points[0].homeless, 3);  // 151-0001 and 151-0002 in shelters, 151-0003 on the street
}

}  // namespace
}  // namespace tov::report
