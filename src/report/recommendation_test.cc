// Tests for the method recommendation: one case per row of the table, the youth model's age
// boundaries, the choice of the latest assessment dated on or before the date, and no assessment.
#include "report/recommendation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/status_formats_test_util.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

Date D(const char* s) { return *ParseDate(s); }

// A journal of one citizen "151-0001" born on `birth_date`, with the given extra entries.
class RecommendationTest : public ::testing::Test {
 protected:
  void Load(const std::string& birth_date, const std::vector<json>& extra) {
    std::vector<json> lines = {{{"citizen", "151-0001"},
                                {"municipality", "151"},
                                {"kind", "registered"},
                                {"date", "2024-01-01"},
                                {"recorded", "2024-01-01T08:00:00Z"},
                                {"birth_date", birth_date}}};
    lines.insert(lines.end(), extra.begin(), extra.end());
    testdata::Load(journal_, lines);
  }
  // An assessment entry dated `date`.
  static json Assessment(const char* date, json needs, const char* services,
                         std::optional<bool> transition_only = std::nullopt) {
    json j = {{"citizen", "151-0001"},
              {"municipality", "151"},
              {"kind", "assessment"},
              {"date", date},
              {"recorded", std::string(date) + "T09:00:00Z"},
              {"needs", needs},
              {"uses_ordinary_services", services}};
    if (transition_only) j["transition_only"] = *transition_only;
    return j;
  }
  Recommendation Run(const char* x) { return Recommend(journal_.CourseOf("151-0001"), D(x)); }

  Journal journal_;
};

bool Contains(const std::vector<std::string>& reasons, const std::string& text) {
  for (const auto& r : reasons)
    if (r.find(text) != std::string::npos) return true;
  return false;
}

TEST_F(RecommendationTest, NoAssessment) {
  Load("1980-05-05", {});
  Recommendation r = Run("2024-06-30");
  EXPECT_FALSE(r.assessed);
  EXPECT_FALSE(r.method.has_value());
  EXPECT_FALSE(r.youth_model);
  EXPECT_TRUE(r.rule.empty());
  EXPECT_TRUE(r.reasons_da.empty());
}

TEST_F(RecommendationTest, AssessmentAfterTheDateDoesNotCount) {
  Load("1980-05-05", {Assessment("2024-07-01", {{"mental_health", 4}}, "no")});
  EXPECT_FALSE(Run("2024-06-30").assessed);
  EXPECT_TRUE(Run("2024-07-01").assessed);
}

TEST_F(RecommendationTest, RowTransitionOnlyGivesCti) {
  // Even with high needs: the assessor says the need is tied to the move.
  Load("1980-05-05", {Assessment("2024-02-01", {{"finances", 3}, {"network", 2}}, "yes", true)});
  Recommendation r = Run("2024-06-30");
  EXPECT_TRUE(r.assessed);
  EXPECT_EQ(r.assessed_on, D("2024-02-01"));
  EXPECT_EQ(r.method, Method::kCTI);
  EXPECT_EQ(r.rule, "cti-transition");
  EXPECT_TRUE(Contains(
      r.reasons_da, "Behovet knytter sig til overgangen fra herberg/institution til egen bolig"));
  EXPECT_TRUE(Contains(r.reasons_da, "Økonomi 3 af 4"));
  EXPECT_TRUE(Contains(r.reasons_en, "Finances 3 out of 4"));
  EXPECT_EQ(r.reasons_da.size(), r.reasons_en.size());
}

TEST_F(RecommendationTest, RowHighMentalHealthAndSubstanceUseWithoutOrdinaryServicesGivesAct) {
  Load("1970-05-05",
       {Assessment("2024-02-01", {{"mental_health", 4}, {"substance_use", 3}, {"housing", 4}},
                   "no")});
  Recommendation r = Run("2024-06-30");
  EXPECT_EQ(r.method, Method::kACT);
  EXPECT_EQ(r.rule, "act-complex-needs");
  EXPECT_TRUE(Contains(r.reasons_da, "Psykisk helbred 4 og rusmidler 3 af 4"));
  EXPECT_TRUE(Contains(r.reasons_en, "Mental health 4 and substance use 3 out of 4"));
  EXPECT_TRUE(Contains(r.reasons_da, "benytter ikke det almindelige system"));
  EXPECT_FALSE(r.youth_model);
}

TEST_F(RecommendationTest, RowLongTermNeedsWithOrdinaryServicesGivesIcm) {
  Load("1970-05-05", {Assessment("2024-02-01", {{"mental_health", 4}, {"finances", 1}}, "partly")});
  Recommendation r = Run("2024-06-30");
  EXPECT_EQ(r.method, Method::kICM);
  EXPECT_EQ(r.rule, "icm-long-term-needs");
  EXPECT_TRUE(Contains(r.reasons_da, "Psykisk helbred 4 af 4"));
  EXPECT_TRUE(Contains(r.reasons_da, "delvist"));
}

TEST_F(RecommendationTest, RowThreeModerateAreasCountAsLongTermNeeds) {
  Load("1970-05-05",
       {Assessment("2024-02-01", {{"housing", 2}, {"network", 2}, {"finances", 2}}, "yes")});
  Recommendation r = Run("2024-06-30");
  EXPECT_EQ(r.rule, "icm-long-term-needs");
  EXPECT_TRUE(Contains(r.reasons_da, "Bolig 2, økonomi 2 og socialt netværk 2 af 4"));
}

TEST_F(RecommendationTest, RowModerateNeedsGiveCti) {
  Load("1970-05-05",
       {Assessment("2024-02-01", {{"housing", 2}, {"network", 2}, {"finances", 1}}, "yes", false)});
  Recommendation r = Run("2024-06-30");
  EXPECT_EQ(r.method, Method::kCTI);
  EXPECT_EQ(r.rule, "cti-moderate-needs");
  EXPECT_TRUE(Contains(r.reasons_da, "Bolig 2 og socialt netværk 2 af 4"));
  EXPECT_TRUE(Contains(r.reasons_da, "tidsafgrænset"));
}

TEST_F(RecommendationTest, RowNoOrdinaryServicesWithModerateNeedsGivesIcm) {
  Load("1970-05-05",
       {Assessment("2024-02-01", {{"mental_health", 2}, {"substance_use", 1}}, "no")});
  Recommendation r = Run("2024-06-30");
  EXPECT_EQ(r.method, Method::kICM);
  EXPECT_EQ(r.rule, "icm-no-ordinary-services");
  EXPECT_TRUE(Contains(r.reasons_da, "Psykisk helbred 2 af 4"));
}

TEST_F(RecommendationTest, NoOrdinaryServicesWithHighNeedsOutsideMentalHealthGivesIcm) {
  Load("1970-05-05", {Assessment("2024-02-01", {{"housing", 4}, {"mental_health", 2}}, "no")});
  EXPECT_EQ(Run("2024-06-30").rule, "icm-no-ordinary-services");
}

TEST_F(RecommendationTest, LatestAssessmentOnOrBeforeTheDateWins) {
  Load("1970-05-05", {Assessment("2024-02-01", {{"mental_health", 4}}, "no"),
                      Assessment("2024-05-01", {{"mental_health", 1}}, "yes"),
                      Assessment("2024-08-01", {{"substance_use", 4}}, "no")});
  EXPECT_EQ(Run("2024-04-30").rule, "act-complex-needs");
  EXPECT_EQ(Run("2024-06-30").rule, "cti-moderate-needs");
  EXPECT_EQ(Run("2024-06-30").assessed_on, D("2024-05-01"));
}

TEST_F(RecommendationTest, YouthModelFromEighteen) {
  Load("2006-06-30", {Assessment("2024-02-01", {{"housing", 1}}, "yes")});
  EXPECT_FALSE(Run("2024-06-29").youth_model);  // 17 the day before the 18th birthday
  Recommendation r = Run("2024-06-30");         // 18
  EXPECT_TRUE(r.youth_model);
  EXPECT_TRUE(Contains(r.reasons_da, "Borgeren er 18 år"));
  EXPECT_TRUE(Contains(r.reasons_da, "Vejen til uddannelse og beskæftigelse"));
  EXPECT_TRUE(r.method.has_value());  // the youth model comes on top of a method
}

TEST_F(RecommendationTest, YouthModelUpToTwentyNine) {
  Load("1994-06-30", {Assessment("2024-02-01", {{"housing", 1}}, "yes")});
  Recommendation r = Run("2024-06-29");  // 29
  EXPECT_TRUE(r.youth_model);
  EXPECT_TRUE(Contains(r.reasons_da, "Borgeren er 29 år"));
  Recommendation r30 = Run("2024-06-30");  // 30
  EXPECT_FALSE(r30.youth_model);
  EXPECT_FALSE(Contains(r30.reasons_da, "Vejen til uddannelse"));
}

}  // namespace
}  // namespace tov::report
