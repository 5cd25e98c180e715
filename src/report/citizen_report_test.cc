// Tests for the citizen view (JSON and text) on a hand-made course: CPR masking, the timeline
// as of the date, courses, releases, alerts with the given thresholds, the recommendation, the
// journal newest first, and what is left out without access to health data.
#include "report/citizen_report.h"

#include <gtest/gtest.h>

#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/status_formats_test_util.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

Date D(const char* s) { return *ParseDate(s); }

json E(const char* kind, const char* date, json fields = {}) {
  json j = {{"citizen", "151-0042"},
            {"municipality", "151"},
            {"kind", kind},
            {"date", date},
            {"recorded", std::string(date) + "T12:00:00Z"},
            {"by", "sagsbeh-1"}};
  for (auto& [k, v] : fields.items()) j[k] = v;
  return j;
}

class CitizenReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<json> lines = {
        E("registered", "2024-01-10",
          {{"cpr", "120899-1234"}, {"name", "Anders"}, {"referred_by", "shelter"}}),
        E("housing", "2024-01-10", {{"situation", "shelter"}, {"ready_for_housing", false}}),
        E("assessment", "2024-02-01",
          {{"needs", {{"mental_health", 4}, {"substance_use", 3}}},
           {"uses_ordinary_services", "no"}}),
        E("note", "2024-02-02", {{"text", "Fortroligt notat om helbred"}}),
        E("decision", "2024-02-10", {{"paragraph", "108"}, {"granted", false}}),
        E("decision", "2024-02-12", {{"paragraph", "85"}, {"granted", true}}),
        E("action_plan", "2024-02-15", {{"status", "offered"}}),
        E("housing", "2024-03-01", {{"situation", "friends_family"}}),
        E("course_started", "2024-03-01",
          {{"course", "k1"}, {"method", "CTI"}, {"worker", "w151-a"}}),
        E("housing", "2024-05-01", {{"situation", "prison"}}),
        E("course_phase", "2024-06-01", {{"course", "k1"}, {"phase", 2}}),
        E("release_planned", "2024-06-20",
          {{"from", "prison"}, {"expected", "2024-07-10"}, {"housing_solution", false}}),
        E("housing", "2024-08-01", {{"situation", "own_home"}}),  // after the date asked
    };
    testdata::Load(journal_, lines);
    course_ = journal_.CourseOf("151-0042");
    options_.as_of = D("2024-06-30");
  }

  std::vector<std::string> EntryKinds(const json& view) {
    std::vector<std::string> kinds;
    for (const json& e : view["entries"]) kinds.push_back(e["kind"]);
    return kinds;
  }

  Journal journal_;
  CitizenCourse course_;
  CitizenViewOptions options_;
};

TEST_F(CitizenReportTest, StateAsOfTheDate) {
  json v = CitizenJson(course_, options_);
  EXPECT_EQ(v["citizen"], "151-0042");
  EXPECT_EQ(v["name"], "Anders");
  EXPECT_EQ(v["birth_date"], "1999-08-12");
  EXPECT_EQ(v["age"], 24);
  EXPECT_EQ(v["municipality"], "151");
  EXPECT_EQ(v["registered"], "2024-01-10");
  EXPECT_EQ(v["situation"], "prison");
  EXPECT_EQ(v["situation_since"], "2024-05-01");
  EXPECT_EQ(v["homeless"], true);  // due out within 30 days without a home
  EXPECT_EQ(v["dead"], false);
  EXPECT_EQ(v["action_plan_first"], "2024-02-15");
}

TEST_F(CitizenReportTest, TimelineSpansEndTheDayBeforeTheNext) {
  json t = CitizenJson(course_, options_)["timeline"];
  ASSERT_EQ(t.size(), 3u);  // the own_home span of 2024-08-01 is after the date
  EXPECT_EQ(t[0], json({{"from", "2024-01-10"},
                        {"to", "2024-02-29"},
                        {"situation", "shelter"},
                        {"ready_for_housing", false}}));
  EXPECT_EQ(t[1]["from"], "2024-03-01");
  EXPECT_EQ(t[1]["to"], "2024-04-30");
  EXPECT_EQ(t[2]["situation"], "prison");
  EXPECT_TRUE(t[2]["to"].is_null());
  // Later, the prison span is closed by the move home.
  options_.as_of = D("2024-09-01");
  json later = CitizenJson(course_, options_)["timeline"];
  ASSERT_EQ(later.size(), 4u);
  EXPECT_EQ(later[2]["to"], "2024-07-31");
}

TEST_F(CitizenReportTest, CoursesReleasesAndAlerts) {
  json v = CitizenJson(course_, options_);
  ASSERT_EQ(v["courses"].size(), 1u);
  EXPECT_EQ(v["courses"][0]["course"], "k1");
  EXPECT_EQ(v["courses"][0]["method"], "CTI");
  EXPECT_EQ(v["courses"][0]["worker"], "w151-a");
  EXPECT_EQ(v["courses"][0]["start"], "2024-03-01");
  EXPECT_TRUE(v["courses"][0]["end"].is_null());
  EXPECT_EQ(v["courses"][0]["phase"], 2);
  EXPECT_EQ(v["courses"][0]["open"], true);
  ASSERT_EQ(v["releases"].size(), 1u);
  EXPECT_EQ(v["releases"][0]["expected"], "2024-07-10");
  EXPECT_EQ(v["releases"][0]["housing_solution"], false);
  ASSERT_EQ(v["alerts"].size(), 1u);
  EXPECT_EQ(v["alerts"][0]["rule"], "release_without_housing");
  EXPECT_EQ(v["alerts"][0]["since"], "2024-06-20");
  EXPECT_EQ(v["alerts"][0]["municipality"], "151");
  // The thresholds given are used: release within 5 days only.
  options_.thresholds.release_days = 5;
  EXPECT_TRUE(CitizenJson(course_, options_)["alerts"].empty());
}

TEST_F(CitizenReportTest, Recommendation) {
  json r = CitizenJson(course_, options_)["recommendation"];
  EXPECT_EQ(r["assessed"], true);
  EXPECT_EQ(r["assessed_on"], "2024-02-01");
  EXPECT_EQ(r["method"], "ACT");
  EXPECT_EQ(r["rule"], "act-complex-needs");
  EXPECT_EQ(r["youth_model"], true);
  EXPECT_FALSE(r["reasons_da"].empty());
  EXPECT_EQ(r["reasons_da"].size(), r["reasons_en"].size());
}

TEST_F(CitizenReportTest, EntriesNewestFirstWithMaskedCpr) {
  json v = CitizenJson(course_, options_);
  const json& entries = v["entries"];
  ASSERT_EQ(entries.size(), 12u);  // all but the one dated after 2024-06-30
  EXPECT_EQ(entries.front()["kind"], "release_planned");
  EXPECT_EQ(entries.back()["kind"], "registered");
  for (size_t i = 1; i < entries.size(); ++i)
    EXPECT_GE(entries[i - 1]["date"].get<std::string>(), entries[i]["date"].get<std::string>());
  EXPECT_EQ(entries.back()["cpr"], "120899-xxxx");
  EXPECT_EQ(entries.back()["by"], "sagsbeh-1");
  EXPECT_EQ(v["cpr"], "120899-xxxx");
  EXPECT_EQ(v.dump().find("1234"), std::string::npos);

  options_.reveal_cpr = true;
  json revealed = CitizenJson(course_, options_);
  EXPECT_EQ(revealed["cpr"], "120899-1234");
  EXPECT_EQ(revealed["entries"].back()["cpr"], "120899-1234");

  options_.include_entries = false;
  EXPECT_FALSE(CitizenJson(course_, options_).contains("entries"));
}

TEST_F(CitizenReportTest, WithoutHealthDataLeavesOutAssessmentsNotesAndRecommendation) {
  // As the access policy would ask for a role without health data.
  options_.show_entry = [](const Entry& e) {
    if (e.kind() == Kind::kAssessment || e.kind() == Kind::kNote) return false;
    if (const auto* d = e.As<Decision>()) return d->paragraph != "107" && d->paragraph != "108";
    return true;
  };
  options_.include_recommendation = false;
  json v = CitizenJson(course_, options_);
  EXPECT_FALSE(v.contains("recommendation"));
  std::vector<std::string> kinds = EntryKinds(v);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "assessment"), 0);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "note"), 0);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "decision"), 1);  // §85 kept, §108 left out
  for (const json& e : v["entries"])
    if (e["kind"] == "decision") {
      EXPECT_EQ(e["paragraph"], "85");
    }
  const std::string dump = v.dump();
  EXPECT_EQ(dump.find("needs"), std::string::npos);
  EXPECT_EQ(dump.find("Fortroligt"), std::string::npos);
  EXPECT_EQ(dump.find("mental_health"), std::string::npos);

  std::string text = CitizenText(course_, options_);
  EXPECT_EQ(text.find("Anbefaling"), std::string::npos);
  EXPECT_EQ(text.find("Fortroligt"), std::string::npos);
  EXPECT_EQ(text.find("mental_health"), std::string::npos);
}

TEST_F(CitizenReportTest, TextHasDanishHeadings) {
  std::string text = CitizenText(course_, options_);
  for (const char* heading : {"Borger 151-0042", "Situation pr. 2024-06-30", "Tidslinje", "Forløb",
                              "Handleplan", "Løsladelser", "Advarsler", "Anbefaling", "Journal"})
    EXPECT_NE(text.find(heading), std::string::npos) << heading;
  EXPECT_NE(text.find("120899-xxxx"), std::string::npos);
  EXPECT_EQ(text.find("1234"), std::string::npos);
  EXPECT_NE(text.find("Fængsel siden 2024-05-01"), std::string::npos);
  EXPECT_NE(text.find("Herberg / forsorgshjem (§ 110)"), std::string::npos);
  EXPECT_NE(text.find("fase 2"), std::string::npos);
  EXPECT_NE(text.find("UDEN boligløsning"), std::string::npos);
  EXPECT_NE(text.find("release_without_housing"), std::string::npos);
  // The alert's date says what it dates (the glossary's alert_since), not a bare "siden".
  EXPECT_NE(text.find("(release_without_housing), planen for løsladelsen er fra 2024-06-20"), std::string::npos) << text;
  EXPECT_NE(text.find("ACT"), std::string::npos);
  EXPECT_NE(text.find("Vejen til uddannelse og beskæftigelse"), std::string::npos);
  EXPECT_EQ(text.find("2024-08-01"), std::string::npos);
  // The journal lists the newest entry before the oldest.
  EXPECT_LT(text.find("Planlagt løsladelse/udskrivning"), text.find("Registrering  "));
}

TEST_F(CitizenReportTest, NotYetAssessed) {
  options_.as_of = D("2024-01-20");
  json v = CitizenJson(course_, options_);
  EXPECT_EQ(v["recommendation"]["assessed"], false);
  EXPECT_TRUE(v["recommendation"]["method"].is_null());
  EXPECT_NE(CitizenText(course_, options_).find("Ingen udredning"), std::string::npos);
}

TEST_F(CitizenReportTest, Dead) {
  std::vector<Entry> batch;
  auto died = ParseEntry(E("died", "2024-06-25"), {Timestamp::FromDate(D("2030-01-01"))});
  ASSERT_TRUE(died.ok());
  batch.push_back(*died);
  ASSERT_TRUE(journal_.Check(batch).empty());
  batch[0].seq = journal_.last_seq() + 1;
  journal_.Add(std::move(batch[0]));
  CitizenCourse c = journal_.CourseOf("151-0042");
  json v = CitizenJson(c, options_);
  EXPECT_EQ(v["dead"], true);
  EXPECT_EQ(v["died"], "2024-06-25");
  EXPECT_EQ(v["homeless"], false);
  EXPECT_TRUE(v["alerts"].empty());
  EXPECT_NE(CitizenText(c, options_).find("Død:"), std::string::npos);
}

}  // namespace
}  // namespace tov::report
