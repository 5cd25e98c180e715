// The housing allocation over HTTP (DESIGN §9, docs/housing.md): the housing role's waiting list
// and candidates give the same JSON as the report functions; dwellings are listed and offered
// through POST /api/v1/entries with the journal's offer rules (422 naming `unit`); municipality
// boundaries answer 404 for another municipality's dwelling; who may see the list.
#include <fstream>
#include <sstream>

#include "api_test_util.h"
#include "report/housing.h"

namespace tov::apitest {
namespace {

std::string Seed() { return CaseJournal("housing_candidates_rules"); }

class ApiHousing : public PerStore {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start({{"house151", "housing", "151"}, {"house730", "housing", "730"}, {"cw151", "caseworker", "151"},
                                {"w151", "worker", "151"}, {"nat", "national", ""}, {"lead151", "leader", "151"}},
                               Seed(), {}, nullptr, *ParseTimestamp("2024-10-31T12:00:00Z"));
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static json DirectQueue(Date x) {
    auto w = server_->app().ThresholdsFor("151");
    auto q = server_->app().Read([&](const Journal& j) { return report::WaitingList(j, x, server_->app().Now(), "151", w); });
    return report::QueueJson(x, "151", q);
  }
  static json DirectCandidates(const std::string& unit, Date x) {
    auto w = server_->app().ThresholdsFor("151");
    auto s = server_->app().Read([&](const Journal& j) { return report::Candidates(j, unit, x, server_->app().Now(), w); });
    EXPECT_TRUE(s.ok());
    return s.ok() ? report::CandidatesJson(*s) : json();
  }
  static json Unit(const std::string& unit, const std::string& kind, const std::string& date, json fields = json::object()) {
    fields["unit"] = unit;
    fields["municipality"] = "151";
    fields["kind"] = kind;
    fields["date"] = date;
    return fields;
  }
  static json Offer(const std::string& citizen, const std::string& unit, const std::string& status, const std::string& date) {
    return {{"citizen", citizen}, {"municipality", "151"}, {"kind", "housing_offer"}, {"unit", unit},
            {"status", status}, {"date", date}};
  }

  static inline std::unique_ptr<ApiServer> server_;
};
TOV_API_ON_BOTH_STORES(ApiHousing);

TEST_P(ApiHousing, TheQueueAndTheCandidatesAreTheReportFunctionsJson) {
  Session h = server_->Login("house151");
  Reply q = server_->Get("/api/v1/housing/queue?as_of=2024-10-31", &h);
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.j, DirectQueue(Date::FromYmd(2024, 10, 31)));
  ASSERT_EQ(q.j["queue"].size(), 6u) << q.body;
  EXPECT_EQ(q.j["queue"][0]["citizen"], "151-0001");
  EXPECT_EQ(q.j["queue"][0]["points"], 241);
  for (const char* unit : {"151-D1", "151-D2", "151-D3"}) {
    Reply c = server_->Get(std::string("/api/v1/housing/units/") + unit + "/candidates?as_of=2024-10-31", &h);
    ASSERT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(c.j, DirectCandidates(unit, Date::FromYmd(2024, 10, 31))) << unit;
  }
  // Caseworkers and leaders see the same; the answers name no health data.
  Session cw = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/api/v1/housing/queue?as_of=2024-10-31", &cw).j, q.j);
  EXPECT_EQ(q.body.find("assessment"), std::string::npos);
  ExpectJsonError(server_->Get("/api/v1/housing/queue?as_of=2024-13-01", &h), 422, "as_of");
}

TEST_P(ApiHousing, WhoMaySeeTheList) {
  Session h730 = server_->Login("house730");
  Session h = server_->Login("house151");
  ExpectJsonError(server_->Get("/api/v1/housing/queue?municipality=151", &h730), 403);
  // Another municipality's dwelling and one that does not exist answer alike.
  Reply other = server_->Get("/api/v1/housing/units/151-D1/candidates", &h730);
  Reply none = server_->Get("/api/v1/housing/units/151-NONE/candidates", &h);
  ExpectJsonError(other, 404);
  ExpectJsonError(none, 404);
  for (const char* who : {"w151", "nat"}) {
    Session s = server_->Login(who);
    ExpectJsonError(server_->Get("/api/v1/housing/queue", &s), 403);
    ExpectJsonError(server_->Get("/api/v1/housing/units/151-D1/candidates", &s), 403);
  }
  EXPECT_EQ(server_->Get("/api/v1/housing/queue").status, 401);
}

TEST_P(ApiHousing, ListOfferAndMoveInThroughEntriesWithTheRules) {
  Session h = server_->Login("house151");
  Reply listed = server_->Post("/api/v1/entries", Unit("151-D9", "unit_listed", "2024-10-20", {{"unit_kind", "almen"}, {"rooms", 1}, {"rent", 4000}}), &h);
  ASSERT_EQ(listed.status, 201) << listed.body;
  EXPECT_EQ(listed.j["unit"], "151-D9");
  EXPECT_FALSE(listed.j.contains("citizen"));
  ASSERT_EQ(server_->Post("/api/v1/entries", Offer("151-0001", "151-D9", "offered", "2024-10-21"), &h).status, 201);
  // A second open offer of the dwelling, and a move-in of someone else while it is offered but vacant.
  ExpectJsonError(server_->Post("/api/v1/entries", Offer("151-0002", "151-D9", "offered", "2024-10-22"), &h), 422, "unit");
  // 151-0001 now holds an open offer: another listed dwelling is refused for them.
  ExpectJsonError(server_->Post("/api/v1/entries", Offer("151-0001", "151-D1", "offered", "2024-10-22"), &h), 422, "unit");
  ASSERT_EQ(server_->Post("/api/v1/entries", Offer("151-0001", "151-D9", "accepted", "2024-10-23"), &h).status, 201);
  ASSERT_EQ(server_->Post("/api/v1/entries", Offer("151-0001", "151-D9", "moved_in", "2024-10-25"), &h).status, 201);
  // Let: a second move-in is refused, and the citizen has left the list.
  ExpectJsonError(server_->Post("/api/v1/entries", Offer("151-0002", "151-D9", "moved_in", "2024-10-26"), &h), 422, "unit");
  Reply c = server_->Get("/api/v1/housing/units/151-D9/candidates?as_of=2024-10-31", &h);
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.j["vacant"], false);
  Reply q = server_->Get("/api/v1/housing/queue?as_of=2024-10-31", &h);
  for (const auto& row : q.j["queue"]) EXPECT_NE(row["citizen"], "151-0001") << q.body;
  // Keys: a dwelling's key is no citizen's; another municipality's dwelling is not found.
  ExpectJsonError(server_->Post("/api/v1/entries", Unit("151-0002", "unit_listed", "2024-10-20", {{"unit_kind", "almen"}, {"rooms", 1}, {"rent", 1}}), &h),
                  422, "unit");
  Session h730 = server_->Login("house730");
  json withdraw = Unit("151-D1", "unit_withdrawn", "2024-10-30");
  withdraw["municipality"] = "730";
  ExpectJsonError(server_->Post("/api/v1/entries", withdraw, &h730), 404);
}

TEST_P(ApiHousing, EveryCitizenListedIsLogged) {
  Session h = server_->Login("house151");
  ASSERT_EQ(server_->Get("/api/v1/housing/units/151-D2/candidates?as_of=2024-10-31", &h).status, 200);
  auto log = server_->app().store().AccessLog("151-0006");
  ASSERT_TRUE(log.ok());
  bool found = false;
  for (const auto& a : *log) found = found || (a.actor == "house151" && a.action == "list" && a.detail == "housing_candidates 151-D2");
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace tov::apitest
