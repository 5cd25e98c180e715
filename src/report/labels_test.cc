// Tests of the label table: every journal vocabulary has a name for each of its values in both
// languages, in the journal's order; the report-only codes have names but are no form options.
#include "report/labels.h"

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "domain/entry.h"

namespace tov::report {
namespace {

template <size_t N>
std::vector<std::string> Names(const std::array<std::string_view, N>& names) {
  return std::vector<std::string>(names.begin(), names.end());
}

TEST(LabelsTest, EveryJournalVocabularyInTheJournalsOrder) {
  EXPECT_EQ(LabelIds("kind"), Names(kKindNames));
  EXPECT_EQ(LabelIds("situation"), Names(kSituationNames));
  EXPECT_EQ(LabelIds("referral"), Names(kReferralNames));
  EXPECT_EQ(LabelIds("method"), Names(kMethodNames));
  EXPECT_EQ(LabelIds("life_area"), Names(kLifeAreaNames));
  EXPECT_EQ(LabelIds("ordinary"), Names(kOrdinaryServicesNames));
  EXPECT_EQ(LabelIds("plan"), Names(kPlanStatusNames));
  EXPECT_EQ(LabelIds("end_reason"), Names(kEndReasonNames));
  EXPECT_EQ(LabelIds("mode"), Names(kContactModeNames));
  EXPECT_EQ(LabelIds("release_from"), Names(kReleaseFromNames));
  EXPECT_EQ(LabelIds("offer"), Names(kOfferStatusNames));
  EXPECT_EQ(LabelIds("activity"), Names(kActivityNames));
  EXPECT_EQ(LabelIds("decline_reason"), Names(kDeclineReasonNames));
  EXPECT_EQ(LabelIds("unit_kind"), Names(kUnitKindNames));
  EXPECT_EQ(LabelIds("approval_end"), Names(kApprovalEndReasonNames));
  EXPECT_EQ(LabelIds("debt_to"), Names(kDebtToNames));
  EXPECT_EQ(LabelIds("paragraph"), Names(kParagraphs));
  EXPECT_EQ(LabelIds("youth_role"), Names(kYouthRoleNames));
  EXPECT_EQ(LabelIds("goal_area"), Names(kGoalAreaNames));
  EXPECT_EQ(LabelIds("support_kind"), Names(kSupportKindNames));
  EXPECT_EQ(LabelIds("support_topic"), Names(kSupportTopicNames));
  EXPECT_EQ(LabelIds("impl_method"), Names(kImplMethodNames));
  EXPECT_EQ(LabelIds("impl_stage"), Names(kImplStageNames));
  EXPECT_EQ(LabelIds("goal_status"), Names(kGoalStatusNames));
  EXPECT_EQ(LabelIds("alert_rule"), Names(kAlertRuleNames));
  EXPECT_EQ(LabelIds("followup_action"), Names(kFollowupActionNames));
  EXPECT_EQ(LabelIds("need_level"), (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  EXPECT_EQ(LabelIds("age_band"),
            (std::vector<std::string>{"<18", "18-24", "25-29", "30-39", "40-49", "50-59", "60+"}));
  EXPECT_TRUE(LabelIds("no_such_table").empty());
}

TEST(LabelsTest, EveryIdHasANameInBothLanguages) {
  for (const char* table : {"kind", "situation", "referral", "method", "life_area", "ordinary",
                            "plan", "end_reason", "mode", "release_from", "offer", "activity",
                            "paragraph", "need_level", "age_band", "decline_reason", "unit_kind",
                            "approval_end", "debt_to", "ineligible", "youth_role", "goal_area",
                            "goal_status", "support_kind", "support_topic", "impl_method", "impl_stage"}) {
    for (const std::string& id : LabelIds(table)) {
      EXPECT_FALSE(LabelDa(table, id).empty()) << table << "." << id;
      EXPECT_FALSE(LabelEn(table, id).empty()) << table << "." << id;
    }
  }
  // Every situation has a Danish name of its own (not the id).
  for (std::string_view s : kSituationNames)
    EXPECT_NE(LabelDa("situation", s), std::string(s)) << s;
}

TEST(LabelsTest, TheMorePreciseDanishWording) {
  EXPECT_EQ(LabelDa("situation", "shelter"), "Herberg / forsorgshjem (§ 110)");
  EXPECT_EQ(LabelEn("situation", "shelter"), "Shelter (§110)");
  EXPECT_EQ(LabelDa("situation", "street"), "På gaden (gadesover)");
  EXPECT_EQ(LabelDa("method", "youth"), "Ungemodel (Vejen til uddannelse og beskæftigelse)");
  EXPECT_EQ(LabelDa("kind", "action_plan"), "§ 141-handleplan");
  EXPECT_EQ(LabelDa("end_reason", "declined"), "Borgeren takkede nej");
  EXPECT_EQ(LabelDa("plan", "declined"), "Afslået");
  EXPECT_EQ(LabelDa("age_band", "18-24"), "18–24");
}

TEST(LabelsTest, ReportOnlyCodesHaveNamesButAreNoOptions) {
  EXPECT_EQ(LabelDa("method", "other"), "Anden indsats");
  EXPECT_EQ(LabelDa("method", "none"), "Ingen indsats");
  EXPECT_EQ(LabelDa("referral", "unknown"), "Ukendt");
  for (const std::string& id : LabelIds("method")) EXPECT_NE(id, "other");
  for (const std::string& id : LabelIds("referral")) EXPECT_NE(id, "unknown");
}

TEST(LabelsTest, UnknownIdsAndTablesGiveTheIdBack) {
  EXPECT_EQ(LabelDa("situation", "no_such"), "no_such");
  EXPECT_EQ(LabelEn("situation", "no_such"), "no_such");
  EXPECT_EQ(LabelDa("no_such_table", "shelter"), "shelter");
}

TEST(LabelsTest, IndicatorsAndAlertRules) {
  EXPECT_EQ(IndicatorNameDa("homeless"), "Hjemløse borgere");
  EXPECT_NE(IndicatorDefinitionDa("homeless").find("inden for 30 dage uden en boligløsning"),
            std::string::npos);
  EXPECT_EQ(IndicatorNameDa("no_such"), "no_such");
  EXPECT_EQ(IndicatorDefinitionDa("no_such"), "");
  EXPECT_EQ(AlertRuleNameDa("street_sleeper"), "Gadesover");
  EXPECT_EQ(AlertRuleNameDa("no_such"), "no_such");
}

// The glossary's phrases (docs/glossary.md): a role name per user role, a whole button and
// banner phrase per entry kind, and per alert rule what its date is.
TEST(LabelsTest, GlossaryNamesEveryRoleOnce) {
  EXPECT_EQ(LabelIds("role"), (std::vector<std::string>{"worker", "caseworker", "leader", "housing", "national", "admin"}));
  EXPECT_EQ(LabelDa("role", "national"), "Rejsehold, Social- og Boligstyrelsen");
  EXPECT_EQ(LabelDa("role", "operator"), "Driftsansvarlig (kommandolinje)");
  std::set<std::string> da, en;
  for (const std::string& id : LabelIds("role")) {
    EXPECT_TRUE(da.insert(LabelDa("role", id)).second) << id;
    EXPECT_TRUE(en.insert(LabelEn("role", id)).second) << id;
  }
}

TEST(LabelsTest, GlossaryHasAWholeButtonAndBannerPerEntryKind) {
  EXPECT_EQ(LabelIds("kind_save"), Names(kKindNames));
  EXPECT_EQ(LabelIds("kind_saved"), Names(kKindNames));
  std::set<std::string> buttons;
  for (const std::string& kind : LabelIds("kind")) {
    const std::string noun = LabelDa("kind", kind);
    const std::string button = LabelDa("kind_save", kind);
    const std::string banner = LabelDa("kind_saved", kind);
    EXPECT_NE(button, kind);
    EXPECT_NE(LabelEn("kind_save", kind), kind);
    EXPECT_TRUE(buttons.insert(button).second) << kind << ": " << button;
    EXPECT_NE(banner, noun) << kind;
    EXPECT_EQ(banner.back(), '.') << kind;
    EXPECT_EQ(LabelEn("kind_saved", kind).back(), '.') << kind;
  }
  // The kinds whose noun is an event were glued into "Gem start forløb" and "Forløb startet er
  // gemt": their phrases say the act itself.
  for (const char* kind : {"course_started", "course_phase", "course_ended", "void", "moved", "died"}) {
    const std::string noun = LabelDa("kind", kind);
    EXPECT_NE(LabelDa("kind_save", kind).rfind("Gem ", 0), 0u) << kind;
    EXPECT_EQ(LabelDa("kind_saved", kind).find(noun + " er gemt"), std::string::npos) << kind;
    EXPECT_EQ(LabelDa("kind_saved", kind).find(" er gemt"), std::string::npos) << kind;
  }
  EXPECT_EQ(LabelDa("kind_save", "course_started"), "Start forløbet");
  EXPECT_EQ(LabelDa("kind_saved", "course_started"), "Forløbet er startet.");
  EXPECT_EQ(LabelDa("kind_save", "void"), "Annullér posten");
}

TEST(LabelsTest, GlossarySaysWhatEachAlertsDateIs) {
  EXPECT_EQ(LabelIds("alert_since"), Names(kAlertRuleNames));
  for (const std::string& rule : LabelIds("alert_since")) {
    EXPECT_NE(LabelDa("alert_since", rule), rule);
    EXPECT_NE(LabelEn("alert_since", rule), rule);
  }
  // The start of a stay and the first day over a limit are said differently.
  EXPECT_EQ(LabelDa("alert_since", "youth_in_shelter"), "på herberg siden");
  EXPECT_EQ(LabelDa("alert_since", "shelter_over_6_months"), "over grænsen siden");
}

}  // namespace
}  // namespace tov::report
