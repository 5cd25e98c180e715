// The youth report's national audience (SuppressNationalYouth, suppression.h) on hand-made
// report JSON: the cohort's age bands, the shares over the cohort, the background splits over
// those with a background, and the stays hidden by the young people behind them; and the
// secondary cells that keep a hidden one from being found by subtraction.
#include <gtest/gtest.h>

#include "report/suppression.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

const json kHidden = {{"suppressed", true}};

json Rate(int64_t n, int64_t d) { return {{"numerator", n}, {"denominator", d}, {"value", d ? double(n) / double(d) : 0.0}}; }

// One area's figures: a cohort of 12 (9 aged 18–24, 3 aged 25–29).
json Figures() {
  json f;
  f["youth_cohort"] = {{"value", 12}, {"by_age", {{"18-24", 9}, {"25-29", 3}}}};
  f["youth_never_homeless_share"] = Rate(6, 12);
  f["youth_from_other_municipality_share"] = Rate(0, 12);
  f["youth_background_share"] = Rate(6, 12);
  f["youth_background_share"]["by_background"] = {
      {"former_placement", Rate(2, 6)}, {"family_case", Rate(0, 6)}, {"own_family_case", Rate(6, 6)}, {"none", Rate(0, 6)}};
  f["youth_in_education_or_work_share"] = Rate(10, 12);  // 2 not: hidden
  f["youth_with_plan_share"] = Rate(12, 12);
  f["youth_with_goals_share"] = Rate(0, 12);
  f["youth_team_complete_share"] = Rate(7, 12);
  f["youth_stays"] = {{"value", 4000}, {"by_situation", {{"shelter", 1000}, {"own_home", 3000}}}};
  return f;
}

YouthSuppressionBases Bases() { return {12, {{"shelter", 3}, {"own_home", 12}}}; }

TEST(YouthSuppressionTest, SmallCellsAndWhatWouldGiveThemAwayAreHidden) {
  json r = {{"as_of", "2024-06-30"}, {"total", Figures()}, {"municipalities", {{"151", Figures()}}}};
  SuppressNationalYouth(r, {{"", Bases()}, {"151", Bases()}});
  for (const char* area : {"total", "151"}) {
    SCOPED_TRACE(area);
    const json& f = std::string(area) == "total" ? r["total"] : r["municipalities"]["151"];
    EXPECT_EQ(f["youth_cohort"]["value"], 12);
    // 3 of 25–29 is hidden, and so the 9 that is the cohort less it.
    EXPECT_EQ(f["youth_cohort"]["by_age"]["25-29"], kHidden) << f.dump();
    EXPECT_EQ(f["youth_cohort"]["by_age"]["18-24"], kHidden) << f.dump();
    // Shares over the cohort: hidden when the numerator or the cohort less it is 1–4.
    EXPECT_EQ(f["youth_in_education_or_work_share"], kHidden);
    EXPECT_EQ(f["youth_never_homeless_share"]["numerator"], 6);
    EXPECT_EQ(f["youth_with_plan_share"]["numerator"], 12);
    EXPECT_EQ(f["youth_with_goals_share"]["numerator"], 0);
    EXPECT_EQ(f["youth_team_complete_share"]["numerator"], 7);
    // The background splits over the 6 with a background: 2 of 6 hidden; 0 and 6 of 6 shown.
    const json& by = f["youth_background_share"]["by_background"];
    EXPECT_EQ(by["former_placement"], kHidden) << by.dump();
    EXPECT_EQ(by["family_case"]["numerator"], 0);
    EXPECT_EQ(by["own_family_case"]["numerator"], 6);
    // The shelter's days rest on 3 young people; the own home's days would give them away.
    EXPECT_EQ(f["youth_stays"]["by_situation"]["shelter"], kHidden) << f.dump();
    EXPECT_FALSE(f["youth_stays"].contains("value") && f["youth_stays"]["by_situation"]["own_home"].is_number())
        << "shelter = value − own home: " << f["youth_stays"].dump();
  }
}

TEST(YouthSuppressionTest, ASmallCohortHidesEveryFigureBuiltOnIt) {
  json small = Figures();
  small["youth_cohort"] = {{"value", 3}, {"by_age", {{"18-24", 3}}}};
  for (const char* id : {"youth_never_homeless_share", "youth_background_share", "youth_with_plan_share"})
    small[id] = Rate(0, 3);
  json big = Figures();
  json total = Figures();
  total["youth_cohort"] = {{"value", 15}, {"by_age", {{"18-24", 12}, {"25-29", 3}}}};
  json r = {{"total", total}, {"municipalities", {{"151", big}, {"730", small}}}};
  YouthSuppressionBases few{3, {{"shelter", 3}}};
  SuppressNationalYouth(r, {{"", Bases()}, {"151", Bases()}, {"730", few}});
  const json& m = r["municipalities"]["730"];
  for (const char* id : {"youth_cohort", "youth_never_homeless_share", "youth_background_share", "youth_with_plan_share",
                         "youth_team_complete_share", "youth_stays"})
    EXPECT_EQ(m[id], kHidden) << id << ": " << m.dump();
  // 730's 3 = the total's 15 less 151's 12: one of those is hidden too.
  EXPECT_TRUE(r["total"]["youth_cohort"] == kHidden || r["municipalities"]["151"]["youth_cohort"] == kHidden) << r.dump();
}

TEST(YouthSuppressionTest, NothingSmallNothingHidden) {
  json f = Figures();
  f["youth_cohort"]["by_age"] = {{"18-24", 12}};
  f["youth_in_education_or_work_share"] = Rate(6, 12);
  f["youth_background_share"]["by_background"]["former_placement"] = Rate(0, 6);
  f["youth_stays"]["by_situation"] = {{"own_home", 4000}};
  json r = {{"total", f}, {"municipalities", {{"151", f}}}};
  const json before = r;
  SuppressNationalYouth(r, {{"", {12, {{"own_home", 12}}}}, {"151", {12, {{"own_home", 12}}}}});
  EXPECT_EQ(r, before);
}

}  // namespace
}  // namespace tov::report
