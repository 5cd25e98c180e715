// Tests of the one application layer (docs/design.md, "One path per use case"): the same use
// case answers the API, the pages and the command line alike. On the real server and SQLite:
// concurrent registrations through the API and the intake page get distinct keys (the key is
// chosen inside the commit); a role sees the same entries of a citizen on the page and in the
// API; national alerts through the API equal the command line's (ListAlerts as the operator)
// under per-municipality thresholds.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <functional>
#include <thread>

#include "app/administration.h"
#include "app/reports.h"
#include "api_test_util.h"

namespace tov::apitest {
namespace {

// 151-0001 Anna, 25, in a shelter (youth_in_shelter with the default age 30, not with 20);
// 151-0002 with an assessment, a note, decisions on §85, §107 and §110, an action plan.
constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2023-01-10","birth_date":"1999-01-10","name":"Anna"}
{"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-01-10","situation":"shelter","ready_for_housing":false}
{"citizen":"151-0002","municipality":"151","kind":"registered","date":"2023-05-01","birth_date":"1970-03-03","name":"Bent"}
{"citizen":"151-0002","municipality":"151","kind":"housing","date":"2023-06-01","situation":"shelter","ready_for_housing":true}
{"citizen":"151-0002","municipality":"151","kind":"action_plan","date":"2023-06-10","status":"offered"}
{"citizen":"151-0002","municipality":"151","kind":"assessment","date":"2023-06-11","needs":{"housing":3,"mental_health":2},"uses_ordinary_services":"partly"}
{"citizen":"151-0002","municipality":"151","kind":"note","date":"2023-06-12","text":"confidential-note-text"}
{"citizen":"151-0002","municipality":"151","kind":"decision","date":"2023-06-13","paragraph":"85","granted":true}
{"citizen":"151-0002","municipality":"151","kind":"decision","date":"2023-06-14","paragraph":"110","granted":true}
{"citizen":"151-0002","municipality":"151","kind":"decision","date":"2023-06-15","paragraph":"107","granted":false}
{"citizen":"730-0001","municipality":"730","kind":"registered","date":"2023-01-10","birth_date":"2000-02-02","name":"Erik"}
{"citizen":"730-0001","municipality":"730","kind":"housing","date":"2023-01-10","situation":"shelter"}
)";

class AppLayer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start({{"cw151", "caseworker", "151"}, {"house151", "housing", "151"},
                                {"nat", "national", ""}},
                               kSeed);
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  // The ids of the journal rows on the citizen's page (the whole journal).
  static std::set<std::string> PageEntryIds(const Session& s, const std::string& key) {
    Reply r = server_->Get("/borger/" + key + "?journal=alle", &s);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    std::set<std::string> ids;
    std::regex row("<tr data-kind=\"[a-z_]+\" data-id=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), row); it != std::sregex_iterator(); ++it)
      ids.insert((*it)[1]);
    return ids;
  }
  static std::set<std::string> ApiEntryIds(const Session& s, const std::string& key, json* view = nullptr) {
    Reply r = server_->Get("/api/v1/citizens/" + key, &s);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> ids;
    if (r.j.is_object() && r.j.contains("entries"))
      for (const auto& e : r.j["entries"]) ids.insert(e["id"].get<std::string>());
    if (view) *view = r.j;
    return ids;
  }

  // Runs `fn(i)` for i in [0, n) at once, on n threads.
  static void AtOnce(int n, const std::function<void(int)>& fn) {
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) threads.emplace_back(fn, i);
    for (auto& t : threads) t.join();
  }

  static inline std::unique_ptr<ApiServer> server_;
};

TEST_F(AppLayer, TwentyConcurrentRegistrationsThroughTheApiGetTwentyDistinctKeys) {
  Session cw = server_->Login("cw151");
  std::vector<std::string> keys(20);
  std::vector<int> status(20);
  AtOnce(20, [&](int i) {
    Reply r = server_->Register(cw, {{"birth_date", "1980-01-01"}, {"name", "Api " + std::to_string(i)}});
    status[i] = r.status;
    if (r.j.is_object() && r.j.contains("citizen")) keys[i] = r.j["citizen"].get<std::string>();
  });
  std::set<std::string> distinct;
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(status[i], 201) << i;
    EXPECT_EQ(keys[i].rfind("151-", 0), 0u) << keys[i];
    distinct.insert(keys[i]);
  }
  EXPECT_EQ(distinct.size(), 20u);
}

TEST_F(AppLayer, TwentyConcurrentIntakesThroughThePageGetTwentyDistinctKeys) {
  Session cw = server_->Login("cw151");
  std::vector<std::string> keys(20);
  std::vector<int> status(20);
  AtOnce(20, [&](int i) {
      std::string form = "csrf_token=" + UrlEncode(cw.csrf) + "&action=register&date=2024-06-30&birth_date=1985-05-05&name=Form" +
                         std::to_string(i) + "&situation=street&situation_since=2024-06-30";
      Reply r = server_->Call("POST", "/borgere/ny", form, &cw, false,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
      status[i] = r.status;
      std::smatch m;
      std::string location = r.Header("Location");
      if (std::regex_search(location, m, std::regex("^/borger/([^?]+)\\?registreret=1$"))) keys[i] = m[1];
  });
  std::set<std::string> distinct;
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(status[i], 303) << i;
    EXPECT_FALSE(keys[i].empty()) << i;
    distinct.insert(keys[i]);
  }
  EXPECT_EQ(distinct.size(), 20u);
}

// An intake whose registration is invalid but whose housing situation is valid: the use case
// compared the housing entry with the first entry of an empty batch (a crash of the server).
TEST_F(AppLayer, AnIntakeWithAnInvalidRegistrationAnswers422WithTheFieldError) {
  Session cw = server_->Login("cw151");
  int64_t before = server_->EntryCount();
  for (const std::string bad : {"cpr=12", "birth_date=1985-02-30", "date=2024-13-01"}) {
    SCOPED_TRACE(bad);
    // The first value of a name counts, so `bad` goes first.
    std::string form = bad + "&csrf_token=" + UrlEncode(cw.csrf) +
                       "&action=register&date=2024-06-30&birth_date=1985-05-05&name=Ada"
                       "&situation=street&situation_since=2024-06-30";
    Reply r = server_->Call("POST", "/borgere/ny", form, &cw, false,
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 422) << r.error << r.body.substr(0, 300);
  }
  EXPECT_EQ(server_->EntryCount(), before);
}

TEST_F(AppLayer, TheHousingRoleSeesTheSameOnThePageAndInTheApiAndNoSocialCase) {
  Session house = server_->Login("house151");
  json view;
  std::set<std::string> api = ApiEntryIds(house, "151-0002", &view);
  std::set<std::string> page = PageEntryIds(house, "151-0002");
  EXPECT_EQ(api, page);
  EXPECT_EQ(api.size(), 3u);  // registered, housing, action_plan
  for (const auto& e : view["entries"]) {
    EXPECT_NE(e["kind"], "decision") << e;
    EXPECT_NE(e["kind"], "assessment") << e;
    EXPECT_NE(e["kind"], "note") << e;
  }
  EXPECT_FALSE(view.contains("recommendation"));
  EXPECT_TRUE(view["alerts"].empty());
  Reply html = server_->Get("/borger/151-0002", &house);
  EXPECT_EQ(html.body.find("confidential-note-text"), std::string::npos);
  EXPECT_EQ(html.body.find("data-testid=\"recommendation\""), std::string::npos);
  EXPECT_EQ(html.body.find("data-kind=\"decision\""), std::string::npos);
}

TEST_F(AppLayer, TheCaseworkerSeesEveryEntryOnThePageAndInTheApi) {
  Session cw = server_->Login("cw151");
  json view;
  std::set<std::string> api = ApiEntryIds(cw, "151-0002", &view);
  EXPECT_EQ(api, PageEntryIds(cw, "151-0002"));
  EXPECT_EQ(api.size(), 8u);
  EXPECT_TRUE(view.contains("recommendation"));
}

TEST_F(AppLayer, NationalAlertsThroughTheApiEqualTheCommandLinesUnderMunicipalThresholds) {
  Session nat = server_->Login("nat");
  auto summary = [](const json& alerts) {
    std::multiset<std::string> out;
    for (const auto& a : alerts["alerts"])
      out.insert(a["rule"].get<std::string>() + " " + a["municipality"].get<std::string>() + " " + a["since"].get<std::string>());
    return out;
  };
  auto cli = [&] {
    auto list = ListAlerts(server_->app(), Principal::Operator("cli:test"), {*ParseDate("2024-06-30"), std::nullopt, std::nullopt});
    EXPECT_TRUE(list.ok());
    return summary(report::AlertsJson(list->as_of, list->alerts));
  };
  Reply before = server_->Get("/api/v1/alerts?as_of=2024-06-30", &nat);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(summary(before.j), cli());
  EXPECT_EQ(summary(before.j).count("youth_in_shelter 151 2023-01-10"), 1u) << before.body;

  ASSERT_TRUE(ChangeSetting(server_->app(), Principal::Operator("cli:test"), "151", "youth_age", "20").ok());
  Reply after = server_->Get("/api/v1/alerts?as_of=2024-06-30", &nat);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(summary(after.j), cli());
  EXPECT_EQ(summary(after.j).count("youth_in_shelter 151 2023-01-10"), 0u) << after.body;
  EXPECT_EQ(summary(after.j).count("youth_in_shelter 730 2023-01-10"), 1u) << "730 keeps the default: " << after.body;
  ASSERT_TRUE(ChangeSetting(server_->app(), Principal::Operator("cli:test"), "151", "youth_age", "30").ok());
}

}  // namespace
}  // namespace tov::apitest
