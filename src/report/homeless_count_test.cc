// Tests of the homeless count's week parsing and of its CSV person form (the figures themselves
// are data-driven: tests/cases/count_*).
#include "report/homeless_count.h"

#include <gtest/gtest.h>

#include <string>

namespace tov::report {
namespace {

TEST(IsoWeekTest, WeeksInYearFollowTheThursdayRule) {
  // 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year.
  EXPECT_EQ(IsoWeeksInYear(2015), 53);  // Thursday
  EXPECT_EQ(IsoWeeksInYear(2020), 53);  // Wednesday, leap year
  EXPECT_EQ(IsoWeeksInYear(2026), 53);  // Thursday
  EXPECT_EQ(IsoWeeksInYear(2019), 52);  // Tuesday
  EXPECT_EQ(IsoWeeksInYear(2024), 52);  // Monday, leap year
  EXPECT_EQ(IsoWeeksInYear(2025), 52);  // Wednesday, not a leap year
}

TEST(IsoWeekTest, ParsesMondayToSunday) {
  auto w = ParseIsoWeek("2024-W06");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->year, 2024);
  EXPECT_EQ(w->week, 6);
  EXPECT_EQ(w->monday.ToString(), "2024-02-05");
  EXPECT_EQ(w->sunday().ToString(), "2024-02-11");
  EXPECT_EQ(w->ToString(), "2024-W06");
  // Week 1 holds 4 January, so it may begin in the year before; week 53 may end in the next.
  EXPECT_EQ(ParseIsoWeek("2025-W01")->monday.ToString(), "2024-12-30");
  EXPECT_EQ(ParseIsoWeek("2021-W01")->monday.ToString(), "2021-01-04");
  EXPECT_EQ(ParseIsoWeek("2020-W53")->sunday().ToString(), "2021-01-03");
  EXPECT_EQ(ParseIsoWeek("2026-W53")->monday.ToString(), "2026-12-28");
  EXPECT_EQ(ParseIsoWeek("2026-W06")->monday.ToString(), "2026-02-02");
}

TEST(IsoWeekTest, RefusesAnythingButYYYYWww) {
  for (const char* bad :
       {"", "2024-W6", "2024W06", "2024-w06", "2024-06", "2024-W006", "24-W06", "2024-W00",
        "2024-W53", "2021-W53", "2024-W54", "2024-W99", " 2024-W06", "2024-W06 ", "2024-W0a",
        "+024-W06", "1799-W10", "2200-W01", "2024-02-05"}) {
    EXPECT_FALSE(ParseIsoWeek(bad)) << bad;
    EXPECT_FALSE(IsoWeekError(bad).empty()) << bad;
  }
  EXPECT_EQ(IsoWeekError("2024-W53"), "must be a week of 2024, which has weeks 01 to 52");
  EXPECT_EQ(IsoWeekError("2024-W00"), "must be a week of 2024, which has weeks 01 to 52");
  EXPECT_EQ(IsoWeekError("2024W06"), "must be an ISO week YYYY-Www, such as 2024-W06");
}

TEST(CountFormatsTest, CsvIsThePersonForm) {
  std::map<std::string, std::vector<CountPerson>> persons;
  persons["101"].push_back(
      {"P-aaa", "101", Situation::kStreet, Date(0), "18-24", "male", Method::kICM});
  persons["151"].push_back(
      {"P-bbb", "151", Situation::kPrison, Date(0), std::nullopt, std::nullopt, std::nullopt});
  persons["730"];  // a municipality asked for, with nobody: no row
  EXPECT_EQ(CountCsv(persons, true),
            "municipality,pseudonym,situation,age_band,method\r\n"
            "101,P-aaa,street,18-24,ICM\r\n"
            "151,P-bbb,prison,,\r\n");
  EXPECT_EQ(CountCsv(persons, false).substr(0, 48),
            "municipality,citizen,situation,age_band,method\r\n");
  auto week = ParseIsoWeek("2024-W06");
  auto j = CountJson(*week, persons);
  EXPECT_EQ(
      j["municipalities"]["101"][0],
      (nlohmann::json{
          {"citizen", "P-aaa"}, {"situation", "street"}, {"age_band", "18-24"}, {"sex", "male"}}));
  // Unknown age band and sex are left out, not null.
  EXPECT_EQ(j["municipalities"]["151"][0],
            (nlohmann::json{{"citizen", "P-bbb"}, {"situation", "prison"}}));
  EXPECT_EQ(j["municipalities"]["730"], nlohmann::json::array());
  EXPECT_EQ(j["from"], "2024-02-05");
  EXPECT_EQ(j["to"], "2024-02-11");
}

}  // namespace
}  // namespace tov::report
