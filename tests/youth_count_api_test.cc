// The youth report and the homeless count over HTTP and in the pages (DESIGN §10, §5): GET
// /api/v1/reports/youth with the CLI's JSON (a municipal role its own municipality, the national
// role every municipality with small cells hidden), GET /api/v1/count (a caseworker or leader only
// their own municipality, with keys; national with pseudonyms; CSV too), the pages
// /rapporter/unge and /rapporter/taelling with their downloads, and the citizen's youth page
// (/borger/{key}/unge) whose forms record through the same use case as POST /api/v1/entries.
#include <gtest/gtest.h>

#include <sstream>

#include "api_test_util.h"

namespace tov::apitest {
namespace {

// Six young people in 151 and two in 730, each with a youth course from 2024-02-01, in a shelter
// from registration (2024-01-01) until 2024-03-01 (so HOMELESS in week 2024-W06), then in their
// own home; a goal for each in 151. 151-0001 turns 18 on 2024-03-01, during the course.
std::string Seed() {
  std::stringstream ss;
  auto add = [&](const std::string& m, int n, const std::string& birth) {
    char key[16];
    std::snprintf(key, sizeof key, "%s-%04d", m.c_str(), n);
    const std::string k = key;
    ss << R"({"citizen":")" << k << R"(","municipality":")" << m
       << R"(","kind":"registered","date":"2024-01-01","birth_date":")" << birth << "\"}\n";
    ss << R"({"citizen":")" << k << R"(","municipality":")" << m << R"(","kind":"housing","date":"2024-01-01","situation":"shelter"})" << "\n";
    ss << R"({"citizen":")" << k << R"(","municipality":")" << m
       << R"(","kind":"course_started","date":"2024-02-01","course":"y)" << k << R"(","method":"youth","worker":"w)" << m << "\"}\n";
    ss << R"({"citizen":")" << k << R"(","municipality":")" << m << R"(","kind":"housing","date":"2024-03-01","situation":"own_home"})" << "\n";
    if (m == "151")
      ss << R"({"citizen":")" << k << R"(","municipality":")" << m
         << R"(","kind":"youth_goal","date":"2024-03-05","area":"education","text":"Begynde på HF"})" << "\n";
  };
  for (int i = 1; i <= 6; ++i) add("151", i, i == 1 ? "2006-03-01" : "2004-05-0" + std::to_string(i));
  for (int i = 1; i <= 2; ++i) add("730", i, "2003-07-0" + std::to_string(i));
  return ss.str();
}

const UserSpec kUsers[] = {{"cw151", "caseworker", "151"}, {"lead151", "leader", "151"}, {"lead730", "leader", "730"},
                           {"w151", "worker", "151"},      {"house151", "housing", "151"}, {"nat", "national", ""},
                           {"adm", "admin", ""}};

const json kSuppressed = json::parse(R"({"suppressed": true})");

class YouthCount : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start(std::vector<UserSpec>(std::begin(kUsers), std::end(kUsers)), Seed());
    if (!server_) return;
    for (const auto& u : kUsers) sessions_[u.name] = server_->Login(u.name);
  }
  static void TearDownTestSuite() {
    server_.reset();
    sessions_.clear();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static const Session& S(const std::string& user) { return sessions_.at(user); }
  static Reply Form(const std::string& user, const std::string& path, const std::string& fields) {
    const Session& s = S(user);
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  static bool Logged(const std::string& user, const std::string& action, const std::string& detail) {
    Reply log = server_->Get("/api/v1/admin-log", &S("adm"));
    EXPECT_EQ(log.status, 200) << log.body;
    for (const auto& x : log.j["actions"])
      if (x["user"] == user && x["action"] == action && x["detail"] == detail) return true;
    return false;
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline std::map<std::string, Session> sessions_;
};

TEST_F(YouthCount, TheYouthReportByRole) {
  // A leader: their own municipality, unsuppressed.
  Reply own = server_->Get("/api/v1/reports/youth?as_of=2024-06-30", &S("lead151"));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.j["municipalities"].size(), 1u) << own.body;
  EXPECT_EQ(own.j["total"]["youth_cohort"]["value"], 6);
  EXPECT_EQ(own.j["municipalities"]["151"]["youth_with_goals_share"]["numerator"], 6);
  EXPECT_FALSE(own.j.contains("audience"));
  EXPECT_TRUE(Logged("lead151", "report", "youth 2024-06-30 151"));
  ExpectJsonError(server_->Get("/api/v1/reports/youth?as_of=2024-06-30&municipality=730", &S("lead151")), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/youth?as_of=2024-06-30&municipality=730", &S("cw151")), 403);
  for (const char* user : {"w151", "house151", "adm"}) {
    SCOPED_TRACE(user);
    ExpectJsonError(server_->Get("/api/v1/reports/youth?as_of=2024-06-30", &S(user)), 403);
  }
  ExpectJsonError(server_->Get("/api/v1/reports/youth?as_of=2024-02-30", &S("lead151")), 422, "as_of");
  ExpectJsonError(server_->Get("/api/v1/reports/youth?as_of=2024-06-30&municipality=999", &S("nat")), 422, "municipality");

  // The national role: every municipality, the two young people of 730 hidden, and since 730 is
  // the total less 151, one of those is hidden too (secondary suppression).
  Reply nat = server_->Get("/api/v1/reports/youth?as_of=2024-06-30", &S("nat"));
  ASSERT_EQ(nat.status, 200) << nat.body;
  EXPECT_EQ(nat.j["audience"], "national");
  const json& m730 = nat.j["municipalities"]["730"];
  EXPECT_EQ(m730["youth_cohort"], kSuppressed) << nat.body;
  EXPECT_EQ(m730["youth_never_homeless_share"], kSuppressed) << nat.body;
  EXPECT_EQ(m730["youth_stays"], kSuppressed) << nat.body;
  const bool total_shown = !nat.j["total"]["youth_cohort"].contains("suppressed");
  const bool own_shown = !nat.j["municipalities"]["151"]["youth_cohort"].contains("suppressed");
  EXPECT_FALSE(total_shown && own_shown) << "730's cohort would be the total less 151's: " << nat.body;
  // The same figures for a municipal audience show everything.
  EXPECT_EQ(server_->Get("/api/v1/reports/youth?as_of=2024-06-30", &S("lead730")).j["total"]["youth_cohort"]["value"], 2);
  // The national role asking for one municipality of 6: shown, with its shares (6 of 6 with a goal).
  Reply one = server_->Get("/api/v1/reports/youth?as_of=2024-06-30&municipality=151", &S("nat"));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.j["municipalities"]["151"]["youth_cohort"]["value"], 6) << one.body;
  EXPECT_EQ(one.j["municipalities"]["151"]["youth_with_goals_share"]["numerator"], 6) << one.body;
  // A share of 0 of 6 names no small group: shown (none of the 6 has a plan).
  EXPECT_EQ(one.j["municipalities"]["151"]["youth_with_plan_share"]["numerator"], 0) << one.body;
}

TEST_F(YouthCount, TheCountByRole) {
  // A leader or caseworker: their own municipality, with keys; another one (or the national
  // count) is refused.
  for (const char* user : {"lead151", "cw151"}) {
    SCOPED_TRACE(user);
    Reply own = server_->Get("/api/v1/count?week=2024-W06", &S(user));
    ASSERT_EQ(own.status, 200) << own.body;
    ASSERT_EQ(own.j["municipalities"].size(), 1u) << own.body;
    ASSERT_EQ(own.j["municipalities"]["151"].size(), 6u) << own.body;
    EXPECT_EQ(own.j["municipalities"]["151"][0]["citizen"], "151-0001");
    EXPECT_EQ(own.j["municipalities"]["151"][0]["situation"], "shelter");
    ExpectJsonError(server_->Get("/api/v1/count?week=2024-W06&municipality=730", &S(user)), 403);
  }
  EXPECT_TRUE(Logged("lead151", "report", "count 2024-W06"));
  Reply access = server_->Get("/api/v1/access-log?citizen=151-0001", &S("lead151"));
  ASSERT_EQ(access.status, 200) << access.body;
  bool listed = false;
  for (const auto& a : access.j["access"]) listed = listed || (a["action"] == "list" && a["detail"] == "count 2024-W06");
  EXPECT_TRUE(listed) << access.body;
  // The national role: every municipality, pseudonyms only.
  Reply nat = server_->Get("/api/v1/count?week=2024-W06", &S("nat"));
  ASSERT_EQ(nat.status, 200) << nat.body;
  EXPECT_EQ(nat.j["municipalities"]["730"].size(), 2u) << nat.body;
  EXPECT_EQ(nat.body.find("151-0001"), std::string::npos) << nat.body;
  EXPECT_EQ(nat.j["municipalities"]["151"][0]["citizen"].get<std::string>().rfind("P-", 0), 0u) << nat.body;
  // CSV: the count's person form.
  Reply csv = server_->Get("/api/v1/count?week=2024-W06&format=csv", &S("lead151"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("municipality,citizen,situation,age_band,method\r\n151,151-0001,shelter,<18,youth\r\n", 0), 0u) << csv.body;
  Reply nat_csv = server_->Get("/api/v1/count?week=2024-W06&format=csv", &S("nat"));
  EXPECT_EQ(nat_csv.body.rfind("municipality,pseudonym,", 0), 0u) << nat_csv.body;
  ExpectJsonError(server_->Get("/api/v1/count?week=2024-W06&format=xml", &S("lead151")), 422, "format");
  for (const char* user : {"w151", "house151", "adm"}) {
    SCOPED_TRACE(user);
    ExpectJsonError(server_->Get("/api/v1/count?week=2024-W06", &S(user)), 403);
  }
}

TEST_F(YouthCount, TheReportPagesAndTheirDownloads) {
  Reply page = server_->Get("/rapporter/unge?as_of=2024-06-30", &S("lead151"));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("Ungemodellen: Vejen til uddannelse og beskæftigelse"), std::string::npos);
  EXPECT_NE(page.body.find("Mål sat"), std::string::npos);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("js-print"), std::string::npos);
  Reply csv = server_->Get("/rapporter/unge?as_of=2024-06-30&municipality=151&format=csv", &S("lead151"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("youth_cohort"), std::string::npos) << csv.body;
  EXPECT_EQ(server_->Get("/rapporter/unge?municipality=730", &S("lead151")).status, 403);
  EXPECT_EQ(server_->Get("/rapporter/unge", &S("w151")).status, 403);
  Reply nat = server_->Get("/rapporter/unge?as_of=2024-06-30", &S("nat"));
  ASSERT_EQ(nat.status, 200);
  EXPECT_NE(nat.body.find("skjult"), std::string::npos);
  EXPECT_EQ(server_->Get("/rapporter/unge?as_of=2024-13-01", &S("lead151")).status, 422);

  // The count page: week 6 by default, per municipality and situation, CSV and JSON downloads
  // from the same use case as the API.
  Reply count = server_->Get("/rapporter/taelling", &S("lead151"));
  ASSERT_EQ(count.status, 200) << count.body.substr(0, 400);
  EXPECT_NE(count.body.find("value=\"2024-W06\""), std::string::npos);
  EXPECT_NE(count.body.find("data-municipality=\"151\""), std::string::npos);
  EXPECT_EQ(count.body.find("data-municipality=\"730\""), std::string::npos);
  Reply dl = server_->Get("/rapporter/taelling?week=2024-W06&municipality=151&format=csv", &S("lead151"));
  ASSERT_EQ(dl.status, 200);
  EXPECT_EQ(dl.body, server_->Get("/api/v1/count?week=2024-W06&format=csv", &S("lead151")).body);
  EXPECT_NE(dl.Header("Content-Disposition").find("taelling-2024-W06-151.csv"), std::string::npos);
  Reply all = server_->Get("/rapporter/taelling?week=2024-W06", &S("nat"));
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("data-municipality=\"730\""), std::string::npos);
  EXPECT_EQ(server_->Get("/rapporter/taelling?week=2024-W06&municipality=730", &S("cw151")).status, 403);
  EXPECT_EQ(server_->Get("/rapporter/taelling?week=2024-W53", &S("lead151")).status, 422);
}

TEST_F(YouthCount, TheYouthPageRecordsTheTeamAndTheGoals) {
  Reply page = server_->Get("/borger/151-0001/unge", &S("cw151"));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("Intet team er registreret."), std::string::npos);
  EXPECT_NE(page.body.find("Fyldte 18 år den 01.03.2024"), std::string::npos);
  EXPECT_NE(page.body.find("Det er under forløbet"), std::string::npos);
  // The citizen page links to it.
  EXPECT_NE(server_->Get("/borger/151-0001", &S("cw151")).body.find("/borger/151-0001/unge"), std::string::npos);

  // A member's name without a role: refused beside that row, nothing stored.
  Reply bad = Form("cw151", "/borger/151-0001/unge",
                   "kind=youth_team&date=2024-06-01&members%5B0%5D.role=coordinator&members%5B2%5D.name=Ole");
  EXPECT_EQ(bad.status, 422) << bad.body.substr(0, 400);
  EXPECT_NE(bad.body.find("y-youth_team-members[2].role"), std::string::npos);
  EXPECT_NE(server_->Get("/borger/151-0001/unge", &S("cw151")).body.find("Intet team er registreret."), std::string::npos);

  Reply ok = Form("cw151", "/borger/151-0001/unge",
                  "kind=youth_team&date=2024-06-01&members%5B0%5D.role=coordinator&members%5B0%5D.name=Mette"
                  "&members%5B1%5D.role=young_person&members%5B3%5D.role=uu_guidance&members%5B3%5D.name=Ole&members%5B4%5D.role=jobcentre");
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  Reply goal = Form("cw151", "/borger/151-0001/unge", "kind=youth_goal&date=2024-06-02&area=housing&text=Egen+lejlighed&status=progress");
  ASSERT_EQ(goal.status, 303) << goal.body.substr(0, 400);
  Reply bg = Form("cw151", "/borger/151-0001/unge",
                  "kind=youth_background&date=2024-06-02&former_placement=yes&family_case=no&own_family_case=no");
  ASSERT_EQ(bg.status, 303) << bg.body.substr(0, 400);
  Reply after = server_->Get("/borger/151-0001/unge", &S("cw151"));
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("data-role=\"coordinator\"><td>Koordinator</td><td>Mette</td>"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("<td>UU-vejleder</td><td>Ole</td>"), std::string::npos);
  EXPECT_NE(after.body.find("Teamet er fuldt"), std::string::npos);
  EXPECT_NE(after.body.find("<td>Egen lejlighed</td><td>I gang</td>"), std::string::npos);
  EXPECT_NE(after.body.find("<td>Begynde på HF</td><td>Sat</td>"), std::string::npos);
  // Recorded as through the API: the entries are in the citizen's journal and in the report.
  Reply view = server_->Get("/api/v1/citizens/151-0001", &S("cw151"));
  EXPECT_NE(view.body.find("youth_team"), std::string::npos);
  json r = server_->Get("/api/v1/reports/youth?as_of=2024-06-30", &S("lead151")).j;
  EXPECT_EQ(r["total"]["youth_team_complete_share"]["numerator"], 1) << r.dump();
  EXPECT_EQ(r["total"]["youth_background_share"]["by_background"]["former_placement"]["numerator"], 1) << r.dump();
  // In English too, every enum by its English name.
  Reply en = server_->Get("/borger/151-0001/unge?lang=en", &S("cw151"));
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body.find("<td>Coordinator</td><td>Mette</td>"), std::string::npos);
  EXPECT_NE(en.body.find("<td>In progress</td>"), std::string::npos);
  // Another municipality's citizen: 404 as on the citizen page; a role that may not record a
  // youth entry is refused (the housing role may not read the citizen's youth page at all).
  EXPECT_EQ(server_->Get("/borger/730-0001/unge", &S("cw151")).status, 404);
  Reply housing = Form("house151", "/borger/151-0001/unge", "kind=youth_goal&date=2024-06-02&area=housing&text=x");
  EXPECT_TRUE(housing.status == 403 || housing.status == 404) << housing.status;
  EXPECT_EQ(server_->Get("/borger/151-0001/unge", &S("cw151")).body.find("<td>x</td>"), std::string::npos) << "nothing stored";
}

}  // namespace
}  // namespace tov::apitest
