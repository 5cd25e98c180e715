// Outreach over HTTP (DESIGN §10): an anonymous registration, contacts with place and night and
// the identification through POST /api/v1/entries with the import's validation (422 naming the
// field, nothing stored; one citizen per CPR number across municipalities), and
// GET /api/v1/reports/outreach with the CLI's JSON by role (the national role's small cells hidden).
#include <gtest/gtest.h>

#include "api_test_util.h"
#include "app/reports.h"

namespace tov::apitest {
namespace {

constexpr char kSeed[] = R"(
{"citizen":"730-0001","municipality":"730","kind":"registered","date":"2024-01-01","cpr":"150685-1234","name":"Anna"}
)";

const UserSpec kUsers[] = {{"cw151", "caseworker", "151"}, {"w151", "worker", "151"}, {"nat", "national", ""}};

class OutreachApi : public ::testing::Test {
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
  static json E(const std::string& kind, const std::string& date, json fields) {
    fields["citizen"] = "151-A1";
    fields["municipality"] = "151";
    fields["kind"] = kind;
    fields["date"] = date;
    return fields;
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline std::map<std::string, Session> sessions_;
};

TEST_F(OutreachApi, AnAnonymousPersonMetAndIdentified) {
  const Session& cw = S("cw151");
  // Refused: an anonymous registration without alias, or with a CPR number.
  ExpectJsonError(server_->Post("/api/v1/entries", E("registered", "2024-03-01", {{"anonymous", true}}), &cw), 422, "alias");
  ExpectJsonError(server_->Post("/api/v1/entries",
                                E("registered", "2024-03-01", {{"anonymous", true}, {"alias", "Hunden"}, {"cpr", "010180-1111"}}), &cw),
                  422, "cpr");
  Reply reg = server_->Post("/api/v1/entries", E("registered", "2024-03-01", {{"anonymous", true}, {"alias", "Hunden"}, {"age_estimate", 40}}), &cw);
  ASSERT_EQ(reg.status, 201) << reg.body;
  ASSERT_EQ(server_->Post("/api/v1/entries", E("housing", "2024-03-01", {{"situation", "street"}}), &cw).status, 201);
  Reply contact = server_->Post("/api/v1/entries",
                                E("contact", "2024-03-01", {{"worker", "cw151"}, {"mode", "outreach"}, {"minutes", 20},
                                                            {"place", "Banegården"}, {"night", true}}),
                                &cw);
  ASSERT_EQ(contact.status, 201) << contact.body;
  ExpectJsonError(server_->Post("/api/v1/entries",
                                E("contact", "2024-03-02", {{"worker", "cw151"}, {"mode", "outreach"}, {"minutes", 20}, {"place", ""}}), &cw),
                  422, "place");
  // The identification: consent required; a CPR number of another municipality's citizen is
  // refused without naming them to a user who may not see them.
  ExpectJsonError(server_->Post("/api/v1/entries", E("identified", "2024-04-01", {{"cpr", "010180-1111"}, {"consent", false}}), &cw),
                  422, "consent");
  Reply taken = server_->Post("/api/v1/entries", E("identified", "2024-04-01", {{"cpr", "1506851234"}, {"consent", true}}), &cw);
  ExpectJsonError(taken, 422, "cpr");
  EXPECT_EQ(taken.body.find("730-0001"), std::string::npos) << taken.body;
  Reply id = server_->Post("/api/v1/entries", E("identified", "2024-04-01", {{"cpr", "010180-1111"}, {"name", "Bo"}, {"consent", true}}), &cw);
  ASSERT_EQ(id.status, 201) << id.body;
  ExpectJsonError(server_->Post("/api/v1/entries", E("identified", "2024-04-02", {{"cpr", "020280-2222"}, {"consent", true}}), &cw),
                  422, "citizen");
  // The report: the caseworker's municipality; others refused; the national role's small cells hidden.
  Reply r = server_->Get("/api/v1/reports/outreach?as_of=2024-06-30", &cw);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j["as_of"], "2024-06-30");
  const json& f = r.j["municipalities"]["151"];
  EXPECT_EQ(f["outreach_contacts"], json::parse(R"({"value": 1, "by_place": {"Banegården": 1}})")) << r.body;
  EXPECT_EQ(f["outreach_people"]["value"], 1);
  EXPECT_EQ(f["outreach_anonymous_share"]["numerator"], 1);
  EXPECT_EQ(f["outreach_identified"]["value"], 1);
  EXPECT_EQ(f["outreach_off_street_90d"]["denominator"], 1);  // day 90 = 2024-05-30 ≤ X, still in street
  EXPECT_EQ(f["outreach_off_street_90d"]["numerator"], 0);
  EXPECT_EQ(r.j["total"], f);
  ExpectJsonError(server_->Get("/api/v1/reports/outreach?as_of=2024-06-30&municipality=730", &cw), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/outreach?as_of=2024-06-30", &S("w151")), 403);
  ExpectJsonError(server_->Get("/api/v1/reports/outreach?as_of=2024-02-30", &cw), 422, "as_of");
  ExpectJsonError(server_->Get("/api/v1/reports/outreach?as_of=2024-06-30&known_at=soon", &cw), 422, "known_at");
  Reply nat = server_->Get("/api/v1/reports/outreach?as_of=2024-06-30", &S("nat"));
  ASSERT_EQ(nat.status, 200) << nat.body;
  EXPECT_EQ(nat.j["total"]["outreach_people"], json::parse(R"({"suppressed": true})")) << nat.body;
  EXPECT_EQ(nat.j["municipalities"]["151"]["outreach_contacts"], json::parse(R"({"suppressed": true})")) << nat.body;
  // Known before the identification: anonymous, nobody identified.
  Reply before = server_->Get("/api/v1/reports/outreach?as_of=2024-06-30&known_at=2024-03-15T00:00:00Z", &cw);
  ASSERT_EQ(before.status, 200) << before.body;
}

// The report's page (/rapporter/opsoegende) shows the use case's HTML and downloads its CSV, by role.
TEST_F(OutreachApi, TheReportPageAndItsDownloadsByRole) {
  Reply page = server_->Get("/rapporter/opsoegende?as_of=2024-06-30", &S("cw151"));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find("Opsøgende arbejde pr. 2024-06-30"), std::string::npos);
  EXPECT_NE(page.body.find("aria-current=\"page\" class=\"active\">Opsøgende arbejde"), std::string::npos);  // its tab
  EXPECT_NE(page.body.find("/rapporter/opsoegende?as_of=2024-06-30&amp;municipality=151&amp;format=csv"), std::string::npos);
  Reply csv = server_->Get("/rapporter/opsoegende?as_of=2024-06-30&municipality=151&format=csv", &S("cw151"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("Content-Disposition"), "attachment; filename=\"opsoegende-2024-06-30-151.csv\"");
  auto expected = MakeOutreachReport(server_->app(), Principal::Operator("test"),
                                     {*ParseDate("2024-06-30"), std::nullopt, "151", false}, ReportFormat::kCsv);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(csv.body, expected->rendered);
  EXPECT_EQ(server_->Get("/rapporter/opsoegende?as_of=2024-06-30&municipality=730", &S("cw151")).status, 403);
  EXPECT_EQ(server_->Get("/rapporter/opsoegende?as_of=30-06", &S("cw151")).status, 422);
  EXPECT_EQ(server_->Get("/rapporter/opsoegende", &S("w151")).status, 403);
  Reply nat = server_->Get("/rapporter/opsoegende?as_of=2024-06-30", &S("nat"));
  ASSERT_EQ(nat.status, 200);
  EXPECT_NE(nat.body.find("Tal fra 1 til 4 er skjult"), std::string::npos);
}

}  // namespace
}  // namespace tov::apitest
