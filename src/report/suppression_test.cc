// National suppression (suppression.h): the secondary rule on one sum (which cell is hidden
// next, the tie rule, zeros last) and, on hand-made journals, the cells the national report
// hides beside a small one, its caseload by method and its hidden medians.
#include "report/suppression.h"

#include <gtest/gtest.h>

#include "report/status_formats_test_util.h"
#include "report/status_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;
using testdata::D;
using testdata::E;

const json kHidden = {{"suppressed", true}};

TEST(SuppressSumTest, OneHiddenPartHidesTheSmallestShownCellBesideIt) {
  // 10 = 3 + 7: with 3 hidden, 7 would give it away.
  EXPECT_EQ(SuppressSum({10, 3, 7}, {false, true, false}), (std::vector<bool>{false, true, true}));
  // 20 = 3 + 6 + 6 + 5: the smallest shown part, 5.
  EXPECT_EQ(SuppressSum({20, 3, 6, 6, 5}, {false, true, false, false, false}),
            (std::vector<bool>{false, true, false, false, true}));
}

TEST(SuppressSumTest, TiesGoToTheEarlierPartAndZerosComeLast) {
  EXPECT_EQ(SuppressSum({15, 3, 6, 6}, {false, true, false, false}),
            (std::vector<bool>{false, true, true, false}));
  // A 0 protects nothing a reader cannot guess: 7 is hidden, not the 0.
  EXPECT_EQ(SuppressSum({10, 3, 0, 7}, {false, true, false, false}),
            (std::vector<bool>{false, true, false, true}));
  // The whole is a candidate like the parts, but a municipality goes before the total on a tie.
  EXPECT_EQ(SuppressSum({8, 3, 5}, {false, true, false}), (std::vector<bool>{false, true, true}));
}

TEST(SuppressSumTest, TwoHiddenPartsProtectEachOtherAndNothingHiddenStaysSo) {
  EXPECT_EQ(SuppressSum({12, 3, 4, 5}, {false, true, true, false}),
            (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(SuppressSum({12, 7, 5}, {false, false, false}),
            (std::vector<bool>{false, false, false}));
  // A hidden whole with every part shown is found by addition.
  EXPECT_EQ(SuppressSum({7, 7, 0}, {true, false, false}), (std::vector<bool>{true, true, false}));
}

TEST(SuppressSumTest, TwoListedCellsOfOneMustNotBothBeOne) {
  // Not a split: no bound is known, so 1 + 1 = 2 stays hidden (two unknowns, one equation).
  EXPECT_EQ(SuppressSum({12, 1, 1, 10}, {false, true, true, false}),
            (std::vector<bool>{false, true, true, false}));
}

// København (101): seven on the street, aged 40–49. Ballerup (151): three on the street, aged
// 30–39. Ballerup's 3 is hidden, so København's 7 must go too (or the total 10 gives 3 away);
// in the total, the 3 of 30–39 is hidden and the 7 of 40–49 beside it.
class NationalReport : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<json> lines;
    for (int i = 0; i < 10; ++i) {
      const bool cph = i < 7;
      const std::string key = std::string(cph ? "101-" : "151-") + std::to_string(1000 + i);
      const char* m = cph ? "101" : "151";
      lines.push_back(
          E(key, m, "registered", "2024-01-05",
            {{"birth_date", cph ? "1980-01-01" : "1990-01-01"}, {"referred_by", "outreach"}}));
      lines.push_back(E(key, m, "housing", "2024-01-05", {{"situation", "street"}}));
      if (i < 8) lines.push_back(E(key, m, "action_plan", "2024-02-01", {{"status", "offered"}}));
    }
    lines.push_back(E("101-1000", "101", "course_started", "2024-02-01",
                      {{"course", "c1"}, {"method", "ICM"}, {"worker", "w101-a"}}));
    testdata::Load(journal, lines);
    options = testdata::Options(true);
  }
  Journal journal;
  StatusOptions options;
};

TEST_F(NationalReport, AHiddenMunicipalityHidesTheSmallestOtherOne) {
  json r = StatusReport(journal, options);
  json& total = r["total"];
  json& cph = r["municipalities"]["101"];
  json& ballerup = r["municipalities"]["151"];
  EXPECT_EQ(ballerup["homeless"], kHidden);
  EXPECT_EQ(cph["homeless"], kHidden) << cph.dump();
  EXPECT_EQ(total["homeless"]["value"], 10);
  EXPECT_EQ(total["homeless"]["by_situation"]["street"], 10);
  EXPECT_EQ(total["homeless"]["by_age"]["30-39"], kHidden);
  EXPECT_EQ(total["homeless"]["by_age"]["40-49"], kHidden);
  // Street sleepers are the homeless in `street`: København's 7 would give its homeless away.
  EXPECT_EQ(ballerup["street_sleepers"], kHidden);
  EXPECT_EQ(cph["street_sleepers"], kHidden);
  EXPECT_EQ(total["street_sleepers"]["value"], 10);
  // A rate on a hidden homeless count is hidden with it.
  EXPECT_EQ(cph["support_coverage"], kHidden);
  // 8 of 10 have a plan: the 2 without one are hidden (difference 1–4), here and in the total.
  EXPECT_EQ(total["action_plan_offered"], kHidden);
  // Zeros stay.
  EXPECT_EQ(cph["youth_in_shelter"]["value"], 0);
  EXPECT_EQ(total["youth_in_shelter"]["value"], 0);
}

TEST_F(NationalReport, TheCaseloadIsByMethodNeverByWorker) {
  json r = StatusReport(journal, options);
  // One open course: 1 is hidden everywhere, and no worker id appears.
  EXPECT_EQ(r["total"]["caseload"], kHidden);
  EXPECT_EQ(r["municipalities"]["101"]["caseload"], kHidden);
  EXPECT_EQ(r["municipalities"]["151"]["caseload"],
            (json{{"value", 0}, {"by_method", json::object()}}));
  EXPECT_EQ(r.dump().find("w101-a"), std::string::npos);
  // The municipal audience keeps the workers.
  options.national = false;
  EXPECT_EQ(StatusReport(journal, options)["total"]["caseload"]["w101-a"]["value"], 1);
}

TEST_F(NationalReport, ACaseloadOfFiveOrMoreShowsItsMethods) {
  std::vector<json> lines;
  for (int i = 0; i < 6; ++i)
    lines.push_back(E("101-100" + std::to_string(i), "101", "course_started", "2024-03-01",
                      {{"course", "k" + std::to_string(i)},
                       {"method", i < 5 ? "ACT" : "CTI"},
                       {"worker", i % 2 ? "w101-a" : "w101-b"}}));
  testdata::Load(journal, lines);
  json r = StatusReport(journal, options);
  const json& cph = r["municipalities"]["101"]["caseload"];
  // ICM 1 and CTI 1 are hidden. They do not hide each other: 7 − 5 = 2 = 1 + 1 would give both
  // away (a listed method is at least 1), so ACT 5 goes too.
  EXPECT_EQ(cph["by_method"]["ACT"], kHidden);
  EXPECT_EQ(cph["by_method"]["ICM"], kHidden);
  EXPECT_EQ(cph["by_method"]["CTI"], kHidden);
  EXPECT_EQ(cph["value"], 7);
  EXPECT_FALSE(cph.contains("contacts_30d"));
}

TEST_F(NationalReport, AMedianOnOneToFourMoveInsIsHiddenNeverANumber) {
  testdata::Load(journal,
                 {E("151-1007", "151", "housing", "2024-03-01", {{"situation", "own_home"}})});
  json r = StatusReport(journal, options);
  EXPECT_EQ(r["municipalities"]["151"]["days_to_housing_median"], kHidden);
  EXPECT_EQ(r["total"]["days_to_housing_median"], kHidden);
  EXPECT_EQ(r["municipalities"]["101"]["days_to_housing_median"], (json{{"value", nullptr}}));
  options.national = false;
  EXPECT_EQ(StatusReport(journal, options)["total"]["days_to_housing_median"]["value"], 56);
}

TEST_F(NationalReport, SameJsonShapeAsTheMunicipalReportApartFromHiddenCells) {
  const json national = StatusReport(journal, options);
  options.national = false;
  const json municipal = StatusReport(journal, options);
  ASSERT_EQ(national["municipalities"].size(), municipal["municipalities"].size());
  for (const auto& [id, v] : municipal["total"].items())
    EXPECT_TRUE(national["total"].contains(id)) << id;
  for (const auto& [code, f] : municipal["municipalities"].items())
    for (const auto& [id, v] : f.items())
      EXPECT_TRUE(national["municipalities"][code].contains(id)) << id;
  EXPECT_EQ(national["total"]["homeless"]["value"], municipal["total"]["homeless"]["value"]);
}

// Retention by method (DESIGN §5: "also across the splits of a rate"): 3 of 3 with ACT are hidden
// (denominator 3), and the total 8 of 13 would give them away from `none`'s 5 of 10, so `none`
// goes too, in the total and in the municipality (the only one, so the same cells).
TEST(NationalRetentionTest, AHiddenMethodHidesAnotherMethodBesideIt) {
  std::vector<json> lines;
  for (int i = 0; i < 13; ++i) {
    const std::string key = "101-" + std::to_string(2000 + i);
    lines.push_back(E(key, "101", "registered", "2022-01-10", {{"birth_date", "1980-01-01"}}));
    lines.push_back(E(key, "101", "housing", "2022-01-10", {{"situation", "street"}}));
    if (i < 3)
      lines.push_back(
          E(key, "101", "course_started", "2023-01-01",
            {{"course", "act" + std::to_string(i)}, {"method", "ACT"}, {"worker", "w101-a"}}));
    lines.push_back(E(key, "101", "housing", "2023-03-01", {{"situation", "own_home"}}));
    if (i >= 8) lines.push_back(E(key, "101", "housing", "2023-09-01", {{"situation", "street"}}));
  }
  Journal journal;
  testdata::Load(journal, lines);
  StatusOptions o = testdata::Options(false);
  json municipal = StatusReport(journal, o)["total"]["housing_retention_12m"];
  ASSERT_TRUE(municipal["by_method"].contains("ACT")) << municipal.dump();
  ASSERT_EQ(municipal["by_method"]["ACT"]["denominator"], 3);
  ASSERT_EQ(municipal["by_method"]["none"]["numerator"], 5);
  o.national = true;
  json r = StatusReport(journal, o);
  for (json* f : {&r["total"], &r["municipalities"]["101"]}) {
    json& retention = (*f)["housing_retention_12m"];
    EXPECT_EQ(retention["numerator"], 8) << retention.dump();
    EXPECT_EQ(retention["denominator"], 13);
    EXPECT_EQ(retention["by_method"]["ACT"], kHidden);
    EXPECT_EQ(retention["by_method"]["none"], kHidden);
  }
}

// København's seven homeless are all in shelters: five aged 25–29, two aged 40–49. The 2 is
// hidden and the 5 beside it. All the homeless being in shelters, the young in a shelter are the
// homeless under 30: the 5 young in a shelter and the 7 homeless must not both show.
TEST(NationalYouthTest, TheYoungInShelterAreTheUnder30sWhenAllAreInShelters) {
  std::vector<json> lines;
  for (int i = 0; i < 7; ++i) {
    const std::string key = "101-" + std::to_string(3000 + i);
    lines.push_back(E(key, "101", "registered", "2024-01-05",
                      {{"birth_date", i < 5 ? "1996-01-01" : "1980-01-01"}}));
    lines.push_back(E(key, "101", "housing", "2024-01-05", {{"situation", "shelter"}}));
  }
  Journal journal;
  testdata::Load(journal, lines);
  StatusOptions o = testdata::Options(false);
  json municipal = StatusReport(journal, o)["municipalities"]["101"];
  ASSERT_EQ(municipal["youth_in_shelter"]["value"], 5);
  ASSERT_EQ(municipal["homeless"]["by_age"]["25-29"], 5);
  o.national = true;
  json r = StatusReport(journal, o);
  for (json* f : {&r["total"], &r["municipalities"]["101"]}) {
    json& homeless = (*f)["homeless"];
    EXPECT_TRUE(homeless == kHidden ||
                (homeless["by_age"]["25-29"] == kHidden && homeless["by_age"]["40-49"] == kHidden))
        << f->dump();
    EXPECT_FALSE(homeless.contains("value") && (*f)["youth_in_shelter"].contains("value"))
        << f->dump();
  }
}

}  // namespace
}  // namespace tov::report
