// The housing allocation's use cases behind the pages (src/app/housing.h): the register of
// dwellings with their states, an offer's steps, the move-in that writes the offer and the new
// housing situation in one transaction, and a citizen's allocation summary. On the real app and
// SQLite over the hand-made journal of tests/cases/housing_candidates_rules.jsonl, as of
// 2024-10-31: 151-D1 vacant (declined once by 151-0006), 151-D2 listed again on 2024-10-15,
// 151-D3 withdrawn; 151-0005 holds an open offer of a dwelling outside the register.
#include <fstream>
#include <sstream>

#include "api_test_util.h"
#include "app/housing.h"
#include "demo/demo.h"

namespace tov::apitest {
namespace {

std::string Seed() { return CaseJournal("housing_candidates_rules"); }

const Principal kHousing{"house151", Role::kHousing, "151"};
const Principal kHousing730{"house730", Role::kHousing, "730"};
const Principal kWorker{"w151", Role::kWorker, "151"};
const Date kX = *ParseDate("2024-10-31");

DwellingQuery Q(Date x) {
  DwellingQuery q;
  q.as_of = x;
  return q;
}

class HousingApp : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start({}, Seed(), {}, nullptr, *ParseTimestamp("2024-10-31T12:00:00Z"));
    ASSERT_NE(server_, nullptr);
  }
  App& app() { return server_->app(); }
  const DwellingRow* Find(const DwellingList& l, const std::string& key) {
    for (const auto& r : l.rows)
      if (r.key == key) return &r;
    return nullptr;
  }
  std::vector<std::string> Queue() {
    auto q = HousingQueue(app(), kHousing, {kX, std::nullopt, std::nullopt});
    EXPECT_TRUE(q.ok());
    std::vector<std::string> out;
    if (q.ok())
      for (const auto& e : q->queue) out.push_back(e.citizen);
    return out;
  }
  std::unique_ptr<ApiServer> server_;
};

TEST_F(HousingApp, ListDwellingsGivesTheStatesOfTheMunicipalitysDwellings) {
  auto l = ListDwellings(app(), kHousing, Q(kX));
  ASSERT_TRUE(l.ok()) << l.status().message();
  ASSERT_EQ(l->rows.size(), 2u);  // the withdrawn one is left out by default
  const DwellingRow* d1 = Find(*l, "151-D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->state, DwellingState::kVacant);
  EXPECT_EQ(d1->terms.rent, 4800);
  EXPECT_EQ(d1->terms.rooms, 2);
  EXPECT_EQ(d1->vacant_days_12m, 61);  // 2024-09-01 … 2024-10-31
  const DwellingRow* d2 = Find(*l, "151-D2");
  ASSERT_NE(d2, nullptr);
  EXPECT_EQ(d2->listed, *ParseDate("2024-10-15"));  // the listing in force
  EXPECT_EQ(d2->terms.rent, 4300);
  EXPECT_EQ(d2->vacant_days_12m, 29 + 17);  // 09-01 … 09-29 and 10-15 … 10-31
  EXPECT_EQ(l->areas, std::vector<std::string>{"nord"});

  DwellingQuery all = Q(kX);
  all.include_withdrawn = true;
  auto w = ListDwellings(app(), kHousing, all);
  ASSERT_TRUE(w.ok());
  ASSERT_NE(Find(*w, "151-D3"), nullptr);
  EXPECT_EQ(Find(*w, "151-D3")->state, DwellingState::kWithdrawn);
  EXPECT_EQ(Find(*w, "151-D3")->state_since, *ParseDate("2024-10-01"));
  EXPECT_EQ(w->rows.back().key, "151-D3");  // withdrawn last

  DwellingQuery kind = Q(kX);
  kind.unit_kind = "startbolig";
  auto k = ListDwellings(app(), kHousing, kind);
  ASSERT_TRUE(k.ok());
  ASSERT_EQ(k->rows.size(), 1u);
  EXPECT_EQ(k->rows[0].key, "151-D2");
  DwellingQuery area = Q(kX);
  area.area = "nord";
  auto a = ListDwellings(app(), kHousing, area);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rows.size(), 1u);
  EXPECT_EQ(a->rows[0].key, "151-D1");
  // Before any listing, nothing; another municipality sees none; a worker may not look.
  EXPECT_TRUE(ListDwellings(app(), kHousing, Q(*ParseDate("2024-08-31")))->rows.empty());
  EXPECT_TRUE(ListDwellings(app(), kHousing730, Q(kX))->rows.empty());
  EXPECT_EQ(ListDwellings(app(), kWorker, Q(kX)).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(HousingApp, AnOfferMakesTheDwellingOfferedAndASecondOneIsRefused) {
  auto r = RecordOffer(app(), kHousing, {"151-0001", "151-D1", "offered", "", "2024-10-21"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto l = ListDwellings(app(), kHousing, Q(kX));
  ASSERT_TRUE(l.ok());
  const DwellingRow* d1 = Find(*l, "151-D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->state, DwellingState::kOffered);
  EXPECT_EQ(d1->offer_citizen, "151-0001");
  EXPECT_EQ(d1->offer_status, OfferStatus::kOffered);
  EXPECT_EQ(d1->offer_age_days, 10);
  EXPECT_EQ(l->rows.front().key, "151-D2");  // vacant before offered

  auto second = RecordOffer(app(), kHousing, {"151-0002", "151-D1", "offered", "", ""});
  ASSERT_FALSE(second.ok());
  ASSERT_FALSE(second.status().field_errors().empty());
  EXPECT_EQ(second.status().field_errors()[0].field, "unit");
  EXPECT_EQ(second.status().field_errors()[0].code, "unit_offer_open");
  // A reason only with a decline; a decline's reason is kept.
  auto reason = RecordOffer(app(), kHousing, {"151-0001", "151-D1", "accepted", "rent", ""});
  EXPECT_FALSE(reason.ok());
  ASSERT_TRUE(RecordOffer(app(), kHousing, {"151-0001", "151-D1", "declined", "size", ""}).ok());
  auto s = CitizenAllocationOn(app(), kHousing, "151-0001");
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->history.empty());
  EXPECT_EQ(s->history[0].status, OfferStatus::kDeclined);
  EXPECT_EQ(s->history[0].reason, DeclineReason::kSize);
  // Another municipality's dwelling answers like none.
  EXPECT_EQ(
      RecordOffer(app(), kHousing730, {"151-0001", "151-D2", "offered", "", ""}).status().code(),
      StatusCode::kNotFound);
}

TEST_F(HousingApp, MoveInWritesTheOfferAndTheHousingSituationInOneTransaction) {
  ASSERT_TRUE(
      RecordOffer(app(), kHousing, {"151-0001", "151-D1", "offered", "", "2024-10-20"}).ok());
  ASSERT_TRUE(
      RecordOffer(app(), kHousing, {"151-0001", "151-D1", "accepted", "", "2024-10-25"}).ok());
  EXPECT_NE(std::find(Queue().begin(), Queue().end(), "151-0001"), Queue().end());
  const int64_t before = server_->EntryCount();
  auto m = MoveIn(app(), kHousing, "151-0001", "151-D1", "2024-10-31");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->ids.size(), 2u);
  EXPECT_EQ(server_->EntryCount(), before + 2);
  const Entry* offer = app().Read([&](const Journal& j) { return j.FindEntry(m->ids[0]); });
  const Entry* housing = app().Read([&](const Journal& j) { return j.FindEntry(m->ids[1]); });
  ASSERT_NE(offer, nullptr);
  ASSERT_NE(housing, nullptr);
  EXPECT_EQ(offer->As<HousingOffer>()->status, OfferStatus::kMovedIn);
  EXPECT_EQ(housing->As<Housing>()->situation, Situation::kOwnHome);
  EXPECT_EQ(offer->recorded, housing->recorded);  // one commit
  // The dwelling is let, the citizen off the list, in their own home.
  auto l = ListDwellings(app(), kHousing, Q(kX));
  ASSERT_TRUE(l.ok());
  ASSERT_NE(Find(*l, "151-D1"), nullptr);
  EXPECT_EQ(Find(*l, "151-D1")->state, DwellingState::kLet);
  auto q = Queue();
  EXPECT_EQ(std::find(q.begin(), q.end(), "151-0001"), q.end());
  EXPECT_EQ(app().Read([](const Journal& j) { return j.CourseOf("151-0001").SituationOn(kX); }),
            Situation::kOwnHome);

  // A move-in to a dwelling that is not vacant stores neither entry.
  const int64_t after = server_->EntryCount();
  auto again = MoveIn(app(), kHousing, "151-0002", "151-D1", "2024-10-31");
  ASSERT_FALSE(again.ok());
  ASSERT_FALSE(again.status().field_errors().empty());
  EXPECT_EQ(again.status().field_errors()[0].field, "unit");
  EXPECT_EQ(again.status().field_errors()[0].code, "not_vacant");
  EXPECT_EQ(server_->EntryCount(), after);
  // Nor for another municipality's citizen or a role that may not.
  EXPECT_EQ(MoveIn(app(), kHousing730, "151-0002", "151-D2").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(MoveIn(app(), kWorker, "151-0002", "151-D2").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(server_->EntryCount(), after);
}

TEST_F(HousingApp, TheAllocationSummaryGivesTermsPointsOffersAndBarriers) {
  ASSERT_TRUE(
      RecordOffer(app(), kHousing, {"151-0001", "151-D1", "offered", "", "2024-10-21"}).ok());
  for (json e : {json{{"kind", "deposit_loan"}, {"amount", 14400}, {"granted", true}},
                 json{{"kind", "housing_debt"}, {"amount", 8000}, {"to", "housing_association"}},
                 json{{"kind", "housing_debt"}, {"amount", 900}, {"to", "utility"}}}) {
    e["citizen"] = "151-0001";
    e["municipality"] = "151";
    e["date"] = "2024-10-22";
    ASSERT_TRUE(RecordEntry(app(), kHousing, e).ok()) << e.dump();
  }
  auto s = CitizenAllocationOn(app(), kHousing, "151-0001", kX);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->on_list);
  EXPECT_EQ(s->approved, *ParseDate("2024-09-10"));
  ASSERT_TRUE(s->terms && s->terms->max_rent);
  EXPECT_EQ(*s->terms->max_rent, 5000);
  EXPECT_EQ(s->homeless_days, 61);  // in a hotel from 2024-09-01
  EXPECT_EQ(s->parts.homeless_days, 61);
  EXPECT_EQ(s->parts.youth, 180);  // born 2000
  ASSERT_EQ(s->open_offers.size(), 1u);
  EXPECT_EQ(s->open_offers[0].unit, "151-D1");
  EXPECT_EQ(s->open_offers[0].age_days, 10);
  ASSERT_TRUE(s->open_offers[0].terms);
  EXPECT_EQ(s->open_offers[0].terms->rent, 4800);
  EXPECT_FALSE(s->open_offers[0].rent_over_limit);
  ASSERT_EQ(s->deposit_loans.size(), 1u);
  EXPECT_EQ(s->deposit_loans[0].loan.amount, 14400);
  EXPECT_EQ(s->debts.size(), 2u);
  EXPECT_EQ(s->debt_to_associations, 8000);
  EXPECT_FALSE(s->release_to_update);
  // An offer outside the register has no terms.
  auto o = CitizenAllocationOn(app(), kHousing, "151-0005", kX);
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->open_offers.size(), 1u);
  EXPECT_FALSE(o->open_offers[0].terms);
  // Who may: not a worker; not another municipality (like a citizen that does not exist).
  EXPECT_EQ(CitizenAllocationOn(app(), kWorker, "151-0001").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(CitizenAllocationOn(app(), kHousing730, "151-0001").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(CitizenAllocationOn(app(), kHousing, "151-9999").status().code(),
            StatusCode::kNotFound);
}

TEST_F(HousingApp, AnAcceptedOfferDuringAReleaseWithoutHousingAsksToUpdateThePlan) {
  const Principal op = Principal::Operator("cli:test");
  for (json e : {json{{"kind", "housing"}, {"situation", "prison"}, {"date", "2024-10-01"}},
                 json{{"kind", "release_planned"},
                      {"from", "prison"},
                      {"expected", "2024-11-20"},
                      {"housing_solution", false},
                      {"date", "2024-10-02"}}}) {
    e["citizen"] = "151-0002";
    e["municipality"] = "151";
    ASSERT_TRUE(RecordEntry(app(), op, e).ok()) << e.dump();
  }
  ASSERT_TRUE(
      RecordOffer(app(), kHousing, {"151-0002", "151-D1", "offered", "", "2024-10-20"}).ok());
  auto s = CitizenAllocationOn(app(), kHousing, "151-0002", kX);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->release_to_update);  // only offered
  ASSERT_TRUE(
      RecordOffer(app(), kHousing, {"151-0002", "151-D1", "accepted", "", "2024-10-30"}).ok());
  s = CitizenAllocationOn(app(), kHousing, "151-0002", kX);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->release_to_update);
  EXPECT_EQ(s->release_to_update->expected, *ParseDate("2024-11-20"));
}

}  // namespace
}  // namespace tov::apitest

namespace tov::apitest {
namespace {

// The demo journal passes every journal check through the one import path (the offer rules of
// its listed dwellings included), and the housing role's pages have something to show: in
// København, dwellings vacant, offered and let, and a waiting list.
TEST(HousingDemo, TheDemoJournalImportsAndItsDwellingsAreAlive) {
  demo::DemoOptions o;
  o.citizens = 800;
  o.today = "2024-10-31";
  std::string jsonl;
  for (const auto& j : demo::GenerateAll(o)) jsonl += j.dump() + "\n";
  // Now: just after the demo's last day (it records until 23:59:59 of `today`).
  auto server = ApiServer::Start({}, jsonl, {}, nullptr, *ParseTimestamp("2024-11-01T00:00:00Z"));
  ASSERT_NE(server, nullptr);
  const Principal p{"house101", Role::kHousing, "101"};
  auto l = ListDwellings(server->app(), p, Q(kX));
  ASSERT_TRUE(l.ok());
  int by_state[4] = {0, 0, 0, 0};
  for (const auto& r : l->rows) ++by_state[static_cast<int>(r.state)];
  EXPECT_GT(by_state[static_cast<int>(DwellingState::kVacant)], 0);
  EXPECT_GT(by_state[static_cast<int>(DwellingState::kOffered)], 0);
  EXPECT_GT(by_state[static_cast<int>(DwellingState::kLet)], 10);
  auto q = HousingQueue(server->app(), p, {kX, std::nullopt, std::nullopt});
  ASSERT_TRUE(q.ok());
  EXPECT_GT(q->queue.size(), 10u);
  for (const auto& r : l->rows)
    if (r.state == DwellingState::kOffered) {
      EXPECT_GE(r.offer_age_days, 0);
      EXPECT_FALSE(r.offer_citizen.empty());
    }
}

}  // namespace
}  // namespace tov::apitest
