// The housing allocation's pages (src/web/page_housing.cc and the citizen page's "Bolig"
// section) on the real server: the housing role lands on the dwellings; a dwelling is listed,
// offered, accepted and moved into through the forms (CSRF, PRG redirects), with the journal's
// refusals shown in Danish; the waiting list explains the points in words; the allocation's
// forms on the citizen page; no health data on any of these pages; who may see them.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "api_test_util.h"
#include "app/housing.h"

namespace tov::apitest {
namespace {

// The hand-made journal of the housing cases, with a name, a note and an assessment for
// 151-0001 (that must never show on the allocation's pages).
std::string Seed() {
  std::stringstream ss;
  ss << CaseJournal("housing_candidates_rules");
  ss << R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-10-20","text":"confidential-note-text","id":"x1","recorded":"2024-10-20T09:00:00Z"}
{"citizen":"151-0001","municipality":"151","kind":"assessment","date":"2024-10-20","needs":{"housing":3,"mental_health":4},"uses_ordinary_services":"partly","id":"x2","recorded":"2024-10-20T09:00:01Z"}
)";
  return ss.str();
}

class HousingPages : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start({{"house151", "housing", "151"},
                                {"cw151", "caseworker", "151"},
                                {"w151", "worker", "151"},
                                {"nat", "national", ""}},
                               Seed(), {}, nullptr, *ParseTimestamp("2024-10-31T12:00:00Z"));
    ASSERT_NE(server_, nullptr);
  }
  Reply Form(const Session& s, const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  std::unique_ptr<ApiServer> server_;
};

TEST_F(HousingPages, TheHousingRoleLandsOnTheDwellingsAndOthersHaveAMenuLink) {
  Session h = server_->Login("house151");
  Reply home = server_->Get("/", &h);
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.Header("Location"), "/boliger");
  Reply b = server_->Get("/boliger", &h);
  ASSERT_EQ(b.status, 200) << b.body.substr(0, 300);
  EXPECT_NE(b.body.find("href=\"/boliger/venteliste\""), std::string::npos);
  EXPECT_NE(b.body.find("data-unit=\"151-D1\""), std::string::npos);
  EXPECT_NE(b.body.find("data-unit=\"151-D2\""), std::string::npos);
  EXPECT_EQ(b.body.find("data-unit=\"151-D3\""), std::string::npos);  // withdrawn: only on request
  EXPECT_NE(server_->Get("/boliger?trukket=ja", &h).body.find("data-unit=\"151-D3\""),
            std::string::npos);
  Reply kind = server_->Get("/boliger?type=startbolig", &h);
  EXPECT_EQ(kind.body.find("data-unit=\"151-D1\""), std::string::npos);
  EXPECT_NE(kind.body.find("data-unit=\"151-D2\""), std::string::npos);
  Reply area = server_->Get("/boliger?omraade=nord", &h);
  EXPECT_NE(area.body.find("data-unit=\"151-D1\""), std::string::npos);
  EXPECT_EQ(area.body.find("data-unit=\"151-D2\""), std::string::npos);

  Session cw = server_->Login("cw151");
  Reply dash = server_->Get("/", &cw);
  EXPECT_EQ(dash.status, 200);
  EXPECT_NE(dash.body.find("href=\"/boliger\""), std::string::npos);
  EXPECT_EQ(server_->Get("/boliger", &cw).status, 200);
  // A worker and the national team see no dwellings.
  Session w = server_->Login("w151");
  EXPECT_EQ(server_->Get("/boliger", &w).status, 403);
  EXPECT_EQ(server_->Get("/boliger/venteliste", &w).status, 403);
  Session nat = server_->Login("nat");
  EXPECT_EQ(server_->Get("/boliger/151-D1", &nat).status, 403);
  // English behind the switch.
  Reply en = server_->Get("/boliger?lang=en", &h);
  EXPECT_NE(en.body.find("Vacant dwellings"), std::string::npos);
  EXPECT_NE(server_->Get("/boliger/151-D1?lang=en", &h).body.find("Declined this dwelling before"), std::string::npos);
  // An unknown dwelling answers 404.
  EXPECT_EQ(server_->Get("/boliger/151-NOPE", &h).status, 404);
}

TEST_F(HousingPages, ListOfferAcceptAndMoveInThroughTheForms) {
  Session h = server_->Login("house151");
  Reply listed = Form(h, "/boliger",
                      "action=list&unit=151-B0001&date=2024-10-30&unit_kind=almen&rooms=1&rent="
                      "4900&deposit=14700&area=nord");
  ASSERT_EQ(listed.status, 303) << listed.body.substr(0, 2000);
  EXPECT_EQ(listed.Header("Location"), "/boliger/151-B0001?gemt=listed#gemt");
  Reply d = server_->Get("/boliger/151-B0001", &h);
  ASSERT_EQ(d.status, 200);
  EXPECT_NE(d.body.find("4.900 kr."), std::string::npos);
  EXPECT_NE(d.body.find("14.700 kr."), std::string::npos);
  // 151-0002 wants two rooms, 151-0003 an accessible dwelling, 151-0005 holds an open offer.
  EXPECT_NE(d.body.find("For få værelser"), std::string::npos);
  EXPECT_NE(d.body.find("Ikke handicapvenlig"), std::string::npos);
  EXPECT_NE(d.body.find("Har allerede et åbent tilbud"), std::string::npos);
  EXPECT_NE(d.body.find("1 point pr. dag som hjemløs de seneste 3 år: 61; under 30 år: 180"),
            std::string::npos);
  EXPECT_NE(d.body.find("Tilbyd boligen"), std::string::npos);

  ASSERT_EQ(Form(h, "/boliger/151-B0001", "action=offered&citizen=151-0001&date=2024-10-30").status,
            303);
  Reply second = Form(h, "/boliger/151-B0001", "action=offered&citizen=151-0004");
  EXPECT_EQ(second.status, 422);
  EXPECT_NE(second.body.find("Boligen har allerede et åbent tilbud"), std::string::npos)
      << second.body.substr(0, 3000);
  Reply offered = server_->Get("/boliger/151-B0001", &h);
  EXPECT_NE(offered.body.find("data-testid=\"open-offer\""), std::string::npos);
  // The citizen's barriers beside the dwelling's terms: her limit is 5,000 kr.
  EXPECT_NE(offered.body.find("Husleje 4.900 kr. mod borgerens grænse på 5.000 kr."),
            std::string::npos);
  EXPECT_NE(offered.body.find("Depositum 14.700 kr.; intet indskudslån bevilget"),
            std::string::npos);
  EXPECT_NE(offered.body.find("for 1 dag siden"), std::string::npos);
  EXPECT_NE(server_->Get("/boliger", &h)
                .body.find("data-state=\"offered\"><h2 id=\"h-offered\">Tilbudt til en borger "
                           "<span class=\"count-pill\">1</span>"),
            std::string::npos);

  Reply accepted =
      Form(h, "/boliger/151-B0001", "action=accepted&citizen=151-0001&date=2024-10-31");
  ASSERT_EQ(accepted.status, 303);
  EXPECT_EQ(accepted.Header("Location"), "/boliger/151-B0001?gemt=accepted#gemt");
  const int64_t before = server_->EntryCount();
  Reply moved = Form(h, "/boliger/151-B0001", "action=moved_in&citizen=151-0001&date=2024-10-31");
  ASSERT_EQ(moved.status, 303) << moved.body.substr(0, 2000);
  EXPECT_EQ(server_->EntryCount(), before + 2);  // the offer and the housing entry
  EXPECT_NE(
      server_->Get("/boliger/151-B0001", &h).body.find("data-testid=\"dwelling-state\">Udlejet"),
      std::string::npos);
  EXPECT_EQ(server_->Get("/boliger/venteliste", &h).body.find("data-citizen=\"151-0001\""),
            std::string::npos);
  Reply citizen = server_->Get("/borger/151-0001", &h);
  EXPECT_NE(citizen.body.find("data-situation=\"own_home\""), std::string::npos);
  EXPECT_NE(citizen.body.find(
                "Ikke godkendt til kommunal anvisning (seneste godkendelse ophørte 31.10.2024)"),
            std::string::npos);

  // The timeline marks the three offer entries, with their status and date in the <title>; the
  // offer (10 px to the left at this span) and the acceptance and the move-in of the next day go
  // into three lanes instead of covering each other.
  const std::string& page = citizen.body;
  EXPECT_NE(page.find("<title>Boligtilbud 151-B0001: tilbudt 30.10.2024</title>"), std::string::npos);
  std::set<std::string> lanes;
  for (const char* status : {"offered", "accepted", "moved_in"}) {
    const std::string g = std::string("class=\"tl-offer\" data-status=\"") + status + "\"";
    const size_t at = page.find(g);
    ASSERT_NE(at, std::string::npos) << status;
    const size_t lane = page.find("data-lane=\"", at);
    lanes.insert(page.substr(lane, 13));
  }
  EXPECT_EQ(lanes.size(), 3u);
  EXPECT_NE(page.find("data-lanes=\"3\""), std::string::npos);
  EXPECT_NE(page.find("Boligtilbud (rød: afslået, grøn: flyttet ind)"), std::string::npos);
  // Nothing of the bars (situation spans and courses) reaches past the "I dag" line.
  const std::string today_line = "<line class=\"tl-today\" x1=\"";
  const size_t today_at = page.find(today_line);
  ASSERT_NE(today_at, std::string::npos);
  const double today_x = std::stod(page.substr(today_at + today_line.size()));
  const size_t bars_from = page.find("<g class=\"tl-span\"");
  ASSERT_NE(bars_from, std::string::npos);
  int bars = 0;
  for (size_t at = page.find("<rect x=\"", bars_from); at < today_at; at = page.find("<rect x=\"", at + 1)) {
    const double x = std::stod(page.substr(at + 9));
    const size_t w = page.find("width=\"", at);
    ASSERT_LE(x + std::stod(page.substr(w + 7)), today_x + 0.05) << page.substr(at, 120);
    ++bars;
  }
  EXPECT_GT(bars, 0);
}

TEST_F(HousingPages, ABadListingShowsDanishErrorsBesideTheFieldsAndStoresNothing) {
  Session h = server_->Login("house151");
  const int64_t before = server_->EntryCount();
  Reply r = Form(h, "/boliger",
                 "action=list&unit=151-B0009&date=2024-10-30&unit_kind=almen&rooms=x&rent=4900");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"unit-rooms-error\""), std::string::npos);
  EXPECT_NE(r.body.find("Skal være et helt tal."), std::string::npos);
  EXPECT_NE(r.body.find("value=\"151-B0009\""), std::string::npos);  // what was typed is kept
  // A citizen's key for a dwelling.
  Reply k = Form(h, "/boliger",
                 "action=list&unit=151-0001&date=2024-10-30&unit_kind=almen&rooms=1&rent=4900");
  EXPECT_EQ(k.status, 422);
  EXPECT_NE(k.body.find("Nøglen tilhører en borger, ikke en bolig."), std::string::npos);
  EXPECT_EQ(server_->EntryCount(), before);
  // Without the CSRF token: refused.
  Reply no_csrf = server_->Call("POST", "/boliger", "action=list&unit=151-B0010", &h, false,
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(no_csrf.status, 403);
}

TEST_F(HousingPages, TheWaitingListExplainsThePointsInWords) {
  Session h = server_->Login("house151");
  Reply q = server_->Get("/boliger/venteliste", &h);
  ASSERT_EQ(q.status, 200);
  EXPECT_NE(q.body.find("data-citizen=\"151-0001\""), std::string::npos);
  EXPECT_NE(q.body.find("1 point pr. dag som hjemløs de seneste 3 år: 61; under 30 år: 180"),
            std::string::npos);
  EXPECT_NE(q.body.find("365 point, hvis borgeren bor på gaden"), std::string::npos);
  // Highest points first: 151-0001 (241) before the others (61).
  EXPECT_LT(q.body.find("data-citizen=\"151-0001\""), q.body.find("data-citizen=\"151-0002\""));
}

TEST_F(HousingPages, NoHealthDataOnTheAllocationsPages) {
  Session h = server_->Login("house151");
  for (const char* path :
       {"/boliger", "/boliger/venteliste", "/boliger/151-D1", "/borger/151-0001"}) {
    Reply r = server_->Get(path, &h);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body.find("confidential-note-text"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("mental_health"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("data-testid=\"recommendation\""), std::string::npos) << path;
  }
  // The caseworker's citizen page has the section too (and the social case).
  Session cw = server_->Login("cw151");
  Reply c = server_->Get("/borger/151-0001", &cw);
  EXPECT_NE(c.body.find("data-testid=\"allocation\""), std::string::npos);
}

TEST_F(HousingPages, TheAllocationsFormsOnTheCitizenPage) {
  Session h = server_->Login("house151");
  Reply page = server_->Get("/borger/151-0004", &h);
  ASSERT_EQ(page.status, 200);
  for (const char* kind :
       {"housing_approved", "housing_approval_ended", "deposit_loan", "housing_debt"})
    EXPECT_NE(page.body.find(std::string("id=\"form-") + kind + "\""), std::string::npos) << kind;
  Reply ok = Form(h, "/borger/151-0004",
                  "kind=housing_approved&date=2024-10-31&rooms_min=2&max_rent=6000&areas=nord%2C+"
                  "syd&accessible=true");
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
  auto s = CitizenAllocationOn(server_->app(), {"house151", Role::kHousing, "151"}, "151-0004");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->terms && s->terms->areas);
  EXPECT_EQ(*s->terms->areas, (std::vector<std::string>{"nord", "syd"}));
  EXPECT_EQ(s->terms->max_rent, 6000);
  EXPECT_TRUE(s->terms->accessible.value_or(false));
  ASSERT_EQ(Form(h, "/borger/151-0004",
                 "kind=housing_debt&date=2024-10-31&amount=8000&to=housing_association")
                .status,
            303);
  ASSERT_EQ(
      Form(h, "/borger/151-0004", "kind=deposit_loan&date=2024-10-31&amount=14400&granted=yes")
          .status,
      303);
  Reply after = server_->Get("/borger/151-0004", &h);
  EXPECT_NE(after.body.find("Gæld til boligselskab i alt 8.000 kr."), std::string::npos);
  EXPECT_NE(after.body.find("Indskudslån 14.400 kr., bevilget"), std::string::npos);
  // A bad value: the error beside the field, in the Bolig section's form.
  Reply bad =
      Form(h, "/borger/151-0004", "kind=deposit_loan&date=2024-10-31&amount=lots&granted=yes");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"f-deposit_loan-amount-error\""), std::string::npos);
}

}  // namespace
}  // namespace tov::apitest
