// DESIGN §4's plausibility and §7's one citizen per CPR number on the real server and SQLite:
// an implausible entry is refused through the API with 422 and its field (404 and 403 as before)
// and on the intake page with a Danish field error; a second registration of a CPR number is
// refused, naming the holder only to a user who may see them, also when two arrive at once; the
// intake warns of a known number before anything is stored.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "api_test_util.h"

namespace tov::apitest {
namespace {

// 151-0001 Anna, born 1980-01-10 (CPR), with a CTI course in phase 2 since 2024-03-01;
// 730-0001 Erik of Randers. (Imported at the test clock's "now", 2024-06-30T12:00:00Z.)
constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2024-01-10","cpr":"100180-1234","name":"Anna"}
{"citizen":"151-0001","municipality":"151","kind":"course_started","date":"2024-02-01","course":"k1","method":"CTI","worker":"w151"}
{"citizen":"151-0001","municipality":"151","kind":"course_phase","date":"2024-03-01","course":"k1","phase":2}
{"citizen":"730-0001","municipality":"730","kind":"registered","date":"2024-01-10","cpr":"020290-2222","name":"Erik"}
)";

const httplib::Headers kFormType{{"Content-Type", "application/x-www-form-urlencoded"}};

class Plausibility : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = ApiServer::Start(
        {{"cw151", "caseworker", "151"}, {"cw730", "caseworker", "730"}, {"nat", "national", ""}},
        kSeed);
    if (!server_) return;
    for (const char* u : {"cw151", "cw730", "nat"}) sessions_[u] = server_->Login(u);
  }
  static void TearDownTestSuite() {
    server_.reset();
    sessions_.clear();
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static const Session& S(const std::string& user) { return sessions_.at(user); }
  static json Entry(const std::string& kind, const std::string& date, json fields = json::object(),
                    const std::string& citizen = "151-0001",
                    const std::string& municipality = "151") {
    fields["citizen"] = citizen;
    fields["municipality"] = municipality;
    fields["kind"] = kind;
    fields["date"] = date;
    return fields;
  }
  static Reply Form(const Session& s, const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         kFormType);
  }
  static std::string Intake(const std::string& action, const std::string& cpr,
                            const std::string& date = "2024-06-30") {
    return "action=" + action + "&cpr=" + UrlEncode(cpr) + "&date=" + date +
           "&name=Ny&situation=street&situation_since=2024-06-30";
  }

  static inline std::unique_ptr<ApiServer> server_;
  static inline std::map<std::string, Session> sessions_;
};

TEST_F(Plausibility, ImplausibleEntriesAre422WithTheirFieldAndNothingIsStored) {
  const Session& cw = S("cw151");
  const int64_t before = server_->EntryCount();
  struct Case {
    std::string name, path;
    json body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"before the birth", "/api/v1/entries",
       Entry("housing", "1980-01-09", {{"situation", "street"}}), "date"},
      {"in the future", "/api/v1/entries", Entry("note", "2024-07-01", {{"text", "later"}}),
       "date"},
      {"release expected before its date", "/api/v1/entries",
       Entry("release_planned", "2024-06-10",
             {{"from", "prison"}, {"expected", "2024-06-09"}, {"housing_solution", false}}),
       "expected"},
      {"phase before the course", "/api/v1/entries",
       Entry("course_phase", "2024-01-31", {{"course", "k1"}, {"phase", 1}}), "date"},
      {"end before the course", "/api/v1/entries",
       Entry("course_ended", "2024-01-31", {{"course", "k1"}, {"reason", "other"}}), "date"},
      {"phase going back", "/api/v1/entries",
       Entry("course_phase", "2024-06-01", {{"course", "k1"}, {"phase", 1}}), "phase"},
      {"phase 3 before the stored phase 2", "/api/v1/entries",
       Entry("course_phase", "2024-02-15", {{"course", "k1"}, {"phase", 3}}), "phase"},
      {"born after the registration", "/api/v1/citizens",
       json{{"birth_date", "2024-07-01"}, {"date", "2024-06-30"}}, "birth_date"},
      {"a CPR number of 2030", "/api/v1/citizens", json{{"cpr", "010130-4123"}}, "cpr"},
      {"a name of spaces", "/api/v1/citizens", json{{"birth_date", "1970-01-01"}, {"name", "   "}},
       "name"},
      {"registered in the future", "/api/v1/citizens",
       json{{"birth_date", "1970-01-01"}, {"date", "2024-07-01"}}, "date"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.body.dump());
    Reply r = server_->Post(c.path, c.body, &cw);
    ExpectJsonError(r, 422, c.field);
  }
  EXPECT_EQ(server_->EntryCount(), before);
  // At the boundaries they are taken.
  EXPECT_EQ(server_->Append(cw, Entry("housing", "1980-01-10", {{"situation", "street"}})).status,
            201);
  EXPECT_EQ(server_->Append(cw, Entry("note", "2024-06-30", {{"text", "today"}})).status, 201);
  EXPECT_EQ(
      server_
          ->Append(
              cw,
              Entry("release_planned", "2024-06-10",
                    {{"from", "prison"}, {"expected", "2024-06-10"}, {"housing_solution", false}}))
          .status,
      201);
  EXPECT_EQ(
      server_->Append(cw, Entry("course_phase", "2024-03-01", {{"course", "k1"}, {"phase", 2}}))
          .status,
      201);
  EXPECT_EQ(
      server_->Append(cw, Entry("course_phase", "2024-06-01", {{"course", "k1"}, {"phase", 3}}))
          .status,
      201);
  EXPECT_EQ(server_->EntryCount(), before + 5);
}

// Who may not write the citizen learns nothing of their birth or course: 404 and 403 as before.
TEST_F(Plausibility, TheAccessRulesComeBeforeThePlausibilityOfAnotherMunicipalitysCitizen) {
  json early = Entry("housing", "1970-01-01", {{"situation", "street"}}, "151-0001", "730");
  ExpectJsonError(server_->Append(S("cw730"), early), 404);
  ExpectJsonError(
      server_->Append(S("cw730"), Entry("housing", "1970-01-01", {{"situation", "street"}})), 403);
  ExpectJsonError(server_->Append(S("nat"), early), 403);
}

TEST_F(Plausibility, ASecondRegistrationOfACprNumberNamesTheHolderOnlyToWhoMaySeeThem) {
  const int64_t before = server_->EntryCount();
  // The caseworker of 151 sees 151-0001: named, with or without the dash, through either route.
  Reply again = server_->Register(S("cw151"), {{"cpr", "1001801234"}, {"date", "2024-06-30"}});
  ExpectJsonError(again, 422, "cpr");
  EXPECT_NE(again.j["fields"]["cpr"].get<std::string>().find("151-0001"), std::string::npos)
      << again.body;
  Reply entry = server_->Append(
      S("cw151"), Entry("registered", "2024-06-30", {{"cpr", "100180-1234"}}, "151-0999"));
  ExpectJsonError(entry, 422, "cpr");
  EXPECT_NE(entry.j["fields"]["cpr"].get<std::string>().find("151-0001"), std::string::npos)
      << entry.body;
  // Randers may not see 151-0001: registered elsewhere, no key.
  Reply other = server_->Register(S("cw730"), {{"cpr", "100180-1234"}, {"date", "2024-06-30"}});
  ExpectJsonError(other, 422, "cpr");
  EXPECT_EQ(other.j["fields"]["cpr"], "is registered in another municipality — ask for a transfer")
      << other.body;
  EXPECT_EQ(other.body.find("151-0001"), std::string::npos) << other.body;
  Reply back = server_->Register(S("cw151"), {{"cpr", "020290-2222"}});
  ExpectJsonError(back, 422, "cpr");
  EXPECT_EQ(back.body.find("730-0001"), std::string::npos) << back.body;
  EXPECT_EQ(back.body.find("Erik"), std::string::npos) << back.body;
  EXPECT_EQ(server_->EntryCount(), before);
}

// The check and the append are one commit: of registrations of one CPR number sent at once,
// exactly one is stored (201) and the others are refused (422, field cpr).
TEST_F(Plausibility, RegistrationsOfOneCprNumberAtOnceGiveOne201AndThe422s) {
  const Session& cw = S("cw151");
  constexpr int kRounds = 6, kAtOnce = 4;
  for (int round = 0; round < kRounds; ++round) {
    const std::string cpr =
        "1503" + std::to_string(70 + round) + "-30" + std::to_string(10 + round);
    std::atomic<int> ready{0};
    std::vector<Reply> replies(kAtOnce);
    std::vector<std::thread> threads;
    for (int i = 0; i < kAtOnce; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready.load() < kAtOnce) std::this_thread::yield();
        replies[i] = server_->Register(cw, {{"cpr", cpr}, {"name", "Twin " + std::to_string(i)}});
      });
    }
    for (auto& t : threads) t.join();
    int created = 0, refused = 0;
    for (const Reply& r : replies) {
      if (r.status == 201) ++created;
      if (r.status == 422 && r.j.contains("fields") && r.j["fields"].contains("cpr")) ++refused;
    }
    EXPECT_EQ(created, 1) << "round " << round << " " << cpr;
    EXPECT_EQ(refused, kAtOnce - 1) << "round " << round;
    Reply found = server_->Get("/api/v1/citizens?q=" + cpr, &cw);
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(found.j["total"], 1) << found.body;
  }
}

TEST_F(Plausibility, TheIntakeWarnsOfAKnownCprNumber) {
  // While the form is filled in (the screening fragment, swapped beside it by htmx).
  Reply seen = Form(S("cw151"), "/borgere/screening", Intake("screen", "100180-1234"));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_NE(seen.body.find("<div id=\"cpr-warning\" hx-swap-oob=\"true\">"), std::string::npos)
      << seen.body;
  EXPECT_NE(seen.body.find("href=\"/borger/151-0001\""), std::string::npos) << seen.body;
  EXPECT_NE(seen.body.find("Anna (151-0001)"), std::string::npos) << seen.body;
  EXPECT_NE(seen.body.find("CPR-nummeret er allerede registreret på"), std::string::npos)
      << seen.body;
  Reply elsewhere = Form(S("cw730"), "/borgere/screening", Intake("screen", "1001801234"));
  ASSERT_EQ(elsewhere.status, 200);
  EXPECT_NE(elsewhere.body.find(
                "CPR-nummeret er registreret i en anden kommune – bed om en overflytning."),
            std::string::npos)
      << elsewhere.body;
  EXPECT_EQ(elsewhere.body.find("151-0001"), std::string::npos) << elsewhere.body;
  EXPECT_EQ(elsewhere.body.find("Anna"), std::string::npos) << elsewhere.body;
  // A free number: the place is there, empty.
  Reply free = Form(S("cw151"), "/borgere/screening", Intake("screen", "111111-1111"));
  EXPECT_NE(free.body.find("<div id=\"cpr-warning\" hx-swap-oob=\"true\"></div>"),
            std::string::npos)
      << free.body;
  // Without JavaScript: the page after "Vurdér målgruppe".
  Reply page = Form(S("cw151"), "/borgere/ny", Intake("screen", "100180-1234"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<div id=\"cpr-warning\"><div class=\"alert alert-warning\""),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("href=\"/borger/151-0001\""), std::string::npos);
  // In English behind the switch.
  Reply en = Form(S("cw730"), "/borgere/screening?lang=en", Intake("screen", "100180-1234"));
  EXPECT_NE(
      en.body.find("The CPR number is registered in another municipality — ask for a transfer."),
      std::string::npos)
      << en.body;
}

TEST_F(Plausibility, TheIntakeRefusesADuplicateOrImplausibleRegistrationInDanish) {
  const int64_t before = server_->EntryCount();
  Reply dup = Form(S("cw151"), "/borgere/ny", Intake("register", "100180-1234"));
  EXPECT_EQ(dup.status, 422);
  EXPECT_NE(dup.body.find("CPR-nummer: Er allerede registreret på borger 151-0001."),
            std::string::npos)
      << dup.body;
  Reply other = Form(S("cw730"), "/borgere/ny", Intake("register", "100180-1234"));
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(
      other.body.find("CPR-nummer: Er registreret i en anden kommune – bed om en overflytning."),
      std::string::npos);
  EXPECT_EQ(other.body.find("151-0001"), std::string::npos);
  Reply future = Form(S("cw151"), "/borgere/ny", Intake("register", "111111-1111", "2024-07-01"));
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("Registreringsdato: Må ikke ligge i fremtiden (efter 30.06.2024)."),
            std::string::npos)
      << future.body;
  Reply unborn = Form(S("cw151"), "/borgere/ny", Intake("register", "010130-4123"));
  EXPECT_EQ(unborn.status, 422);
  EXPECT_NE(unborn.body.find("CPR-nummer: Fødselsdatoen (01.01.2030) ligger efter registreringsdatoen."),
            std::string::npos)
      << unborn.body;
  EXPECT_EQ(server_->EntryCount(), before);
  // The same form with a free number and today's date is stored.
  EXPECT_EQ(Form(S("cw151"), "/borgere/ny", Intake("register", "111111-1111")).status, 303);
}

// The day of `recorded` is the Danish one: at 22:30 UTC on 30 June it is already 1 July in
// Copenhagen (summer time), so an entry may be dated 1 July but not 2 July.
TEST(PlausibilityDanishTime, AnEntryMayBeDatedTheDanishDayOfItsRecording) {
  auto server = ApiServer::Start({{"cw151", "caseworker", "151"}}, kSeed, {}, nullptr,
                                 *ParseTimestamp("2024-06-30T22:30:00Z"));
  ASSERT_NE(server, nullptr);
  Session cw = server->Login("cw151");
  json note{{"citizen", "151-0001"},
            {"municipality", "151"},
            {"kind", "note"},
            {"text", "just after midnight"}};
  note["date"] = "2024-07-02";
  Reply refused = server->Append(cw, note);
  ExpectJsonError(refused, 422, "date");
  note["date"] = "2024-07-01";
  EXPECT_EQ(server->Append(cw, note).status, 201);
}

}  // namespace
}  // namespace tov::apitest
