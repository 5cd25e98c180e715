// The travel team and implementation over HTTP (DESIGN §10): entries about a municipality through
// POST /api/v1/entries — the national role records support and stages for any municipality, a
// leader the stage of their own, everyone else 403, bad input 422 with nothing stored — and
// GET /api/v1/reports/implementation with the CLI's JSON (the national audience without workers),
// every write and report in the access log; and the implementation page with its forms.
#include <gtest/gtest.h>

#include "api_test_util.h"
#include "app/implementation.h"
#include "report/implementation_formats.h"

namespace tov::apitest {
namespace {

constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2024-01-01","birth_date":"1980-01-01","name":"Anna"}
{"citizen":"151-0001","municipality":"151","kind":"course_started","date":"2024-01-11","course":"a1","method":"ACT","worker":"w151"}
{"citizen":"151-0001","municipality":"151","kind":"contact","date":"2024-06-20","worker":"w151","mode":"visit","minutes":30}
{"municipality":"151","kind":"implementation_status","date":"2024-05-01","method":"CTI","stage":"implemented"}
)";

const UserSpec kUsers[] = {{"cw151", "caseworker", "151"}, {"lead151", "leader", "151"}, {"lead730", "leader", "730"},
                           {"w151", "worker", "151"},      {"house151", "housing", "151"}, {"nat", "national", ""},
                           {"adm", "admin", ""}};

class ImplementationApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start(std::vector<UserSpec>(std::begin(kUsers), std::end(kUsers)), kSeed);
    if (!server_) return;
    for (const auto& u : kUsers) sessions_[u.name] = server_->Login(u.name);
  }
  static void TearDownTestSuite() {
    server_.reset();
    sessions_.clear();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static const Session& S(const std::string& user) { return sessions_.at(user); }
  static json Status(const std::string& municipality, const std::string& method, const std::string& stage,
                     const std::string& date = "2024-06-01") {
    return {{"municipality", municipality}, {"kind", "implementation_status"}, {"date", date}, {"method", method}, {"stage", stage}};
  }
  static json Support(const std::string& municipality, int minutes, const std::string& date = "2024-06-02") {
    return {{"municipality", municipality}, {"kind", "support_activity"}, {"date", date}, {"activity", "on_site"},
            {"topic", "housing_first"}, {"minutes", minutes}};
  }
  static json Report(const std::string& user, const std::string& query) {
    Reply r = server_->Get("/api/v1/reports/implementation?as_of=2024-06-30" + query, &S(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.j;
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline std::map<std::string, Session> sessions_;
};

TEST_F(ImplementationApi, WhoMayRecordAboutWhichMunicipality) {
  // The travel team: both kinds, any municipality.
  Reply a = server_->Post("/api/v1/entries", Support("730", 90), &S("nat"));
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.j["municipality"], "730");
  EXPECT_FALSE(a.j.contains("citizen")) << a.body;
  ASSERT_EQ(server_->Post("/api/v1/entries", Status("151", "CTI", "started", "2024-03-01"), &S("nat")).status, 201);
  // A leader: the stage of their own municipality only; no support.
  Reply own = server_->Post("/api/v1/entries", Status("151", "CTI", "implemented"), &S("lead151"));
  ASSERT_EQ(own.status, 201) << own.body;
  ExpectJsonError(server_->Post("/api/v1/entries", Status("730", "CTI", "implemented"), &S("lead151")), 403);
  ExpectJsonError(server_->Post("/api/v1/entries", Support("151", 30), &S("lead151")), 403);
  // A void of the leader's own status is theirs to record; of the travel team's support it is not.
  ExpectJsonError(server_->Post("/api/v1/entries",
                                {{"municipality", "730"}, {"kind", "void"}, {"date", "2024-06-03"}, {"entry", a.j["id"]}},
                                &S("lead730")),
                  403);
  // Everyone else: 403.
  for (const char* user : {"cw151", "w151", "house151", "adm"}) {
    SCOPED_TRACE(user);
    ExpectJsonError(server_->Post("/api/v1/entries", Status("151", "ICM", "planned"), &S(user)), 403);
    ExpectJsonError(server_->Post("/api/v1/entries", Support("151", 30), &S(user)), 403);
  }
  // Nothing of the refused ones was stored: 151 has the seed's CTI stage, the national CTI start
  // and the leader's implemented (the latest), 730 the 90 minutes.
  json r = Report("nat", "");
  EXPECT_EQ(r["municipalities"]["151"]["methods"], json::parse(R"({"CTI": {"stage": "implemented", "date": "2024-06-01"}})"));
  EXPECT_EQ(r["municipalities"]["151"]["support_minutes_12m"]["value"], 0);
  EXPECT_EQ(r["municipalities"]["730"]["support_minutes_12m"]["value"], 90);
  // Logged as appends under no citizen, naming the municipality and the entry, in the log of
  // actions about no citizen; the report as `report`.
  Reply log = server_->Get("/api/v1/admin-log", &S("adm"));
  ASSERT_EQ(log.status, 200) << log.body;
  bool append = false, report = false;
  for (const auto& x : log.j["actions"]) {
    if (x["action"] == "append" && x["user"] == "nat" &&
        x["detail"] == "municipality 730 " + a.j["id"].get<std::string>())
      append = true;
    if (x["action"] == "report" && x["user"] == "nat" && x["detail"] == "implementation 2024-06-30") report = true;
  }
  EXPECT_TRUE(append) << log.body;
  EXPECT_TRUE(report) << log.body;
}

TEST_F(ImplementationApi, BadInputIs422AndACitizenOnAMunicipalityEntryIsRefused) {
  json with_citizen = Status("151", "ICM", "started");
  with_citizen["citizen"] = "151-0001";
  ExpectJsonError(server_->Post("/api/v1/entries", with_citizen, &S("nat")), 422, "citizen");
  json with_unit = Support("151", 30);
  with_unit["unit"] = "151-B0001";
  ExpectJsonError(server_->Post("/api/v1/entries", with_unit, &S("nat")), 422, "unit");
  ExpectJsonError(server_->Post("/api/v1/entries", Support("151", 0), &S("nat")), 422, "minutes");
  ExpectJsonError(server_->Post("/api/v1/entries", Status("151", "ICM", "finished"), &S("nat")), 422, "stage");
  json bad_with = Support("151", 30);
  bad_with["with"] = {"730", "999"};
  ExpectJsonError(server_->Post("/api/v1/entries", bad_with, &S("nat")), 422, "with");
  ExpectJsonError(server_->Post("/api/v1/entries", Status("999", "ICM", "started"), &S("nat")), 422, "municipality");
  ExpectJsonError(server_->Post("/api/v1/entries", Status("151", "ICM", "started", "2030-01-01"), &S("nat")), 422, "date");
  json r = Report("nat", "&municipality=151");
  EXPECT_FALSE(r["municipalities"]["151"]["methods"].contains("ICM")) << r.dump();
}

TEST_F(ImplementationApi, TheReportByRole) {
  // A municipal role: its own municipality with workers; another municipality is refused.
  json cw = Report("cw151", "");
  ASSERT_TRUE(cw["municipalities"].contains("151")) << cw.dump();
  EXPECT_EQ(cw["municipalities"].size(), 1u) << cw.dump();
  const json& caseload = cw["municipalities"]["151"]["fidelity"]["caseload"];
  EXPECT_EQ(caseload["by_worker"]["w151"]["value"], 1) << caseload.dump();
  EXPECT_EQ(caseload["norms"]["ACT"], 10);
  EXPECT_EQ(cw["municipalities"]["151"]["fidelity"]["contacts_per_course_30d"]["numerator"], 1);
  ExpectJsonError(server_->Get("/api/v1/reports/implementation?as_of=2024-06-30&municipality=730", &S("cw151")), 403);
  // The travel team: every municipality, no worker named anywhere, small cells hidden.
  json nat = Report("nat", "&municipality=151");
  const std::string text = nat.dump();
  EXPECT_EQ(text.find("by_worker"), std::string::npos) << text;
  EXPECT_EQ(text.find("w151"), std::string::npos) << text;
  EXPECT_EQ(nat["municipalities"]["151"]["fidelity"]["caseload"], json::parse(R"({"suppressed": true})")) << text;
  EXPECT_EQ(nat["municipalities"]["151"]["methods"]["CTI"]["stage"], "implemented") << "stages are never hidden";
  // A changed norm (settings, per municipality) is shown against the figures.
  Reply put = server_->Call("PUT", "/api/v1/settings?municipality=151", R"({"caseload_norm_act": "8"})", &S("lead151"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Report("lead151", "")["municipalities"]["151"]["fidelity"]["caseload"]["norms"]["ACT"], 8);
  // Roles without the status report; bad parameters.
  for (const char* user : {"w151", "house151", "adm"})
    ExpectJsonError(server_->Get("/api/v1/reports/implementation?as_of=2024-06-30", &S(user)), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/implementation?as_of=2024-13-01", &S("nat")), 422, "as_of");
  ExpectJsonError(server_->Get("/api/v1/reports/implementation?as_of=2024-06-30&municipality=999", &S("nat")), 422,
                  "municipality");
}

TEST_F(ImplementationApi, ThePageShowsTheStagesAndRecordsAStatus) {
  Reply page = server_->Get("/implementering/751", &S("nat"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Aarhus"), std::string::npos);
  EXPECT_NE(page.body.find("Registrér støtte fra rejseholdet"), std::string::npos);
  // A leader of another municipality may not open it; their own shows only the status form.
  EXPECT_EQ(server_->Get("/implementering/751", &S("lead151")).status, 403);
  Reply own = server_->Get("/implementering/151", &S("lead151"));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.body.find("Registrér implementeringsstatus"), std::string::npos);
  EXPECT_EQ(own.body.find("Registrér støtte fra rejseholdet"), std::string::npos);
}

// The implementation page downloads the municipality's report as CSV, for those who may see it.
TEST_F(ImplementationApi, ThePageDownloadsItsReportAsCsv) {
  Reply page = server_->Get("/implementering/151", &S("cw151"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/implementering/151?format=csv\""), std::string::npos);
  Reply csv = server_->Get("/implementering/151?format=csv", &S("cw151"));
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 200);
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  auto expected = MakeImplementationReport(server_->app(), Principal{"cw151", Role::kCaseworker, "151"},
                                           {server_->app().Now().date(), std::nullopt, "151"});
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(csv.body, report::ImplementationCsv(expected->figures));
  EXPECT_NE(server_->Get("/implementering/730?format=csv", &S("cw151")).status, 200);
}

}  // namespace
}  // namespace tov::apitest
