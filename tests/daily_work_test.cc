// Tests of a caseworker's daily work on the citizen's page (issue 14, items 3–5), on the real
// server: the confirmation step of consequential entries (only the confirmed post stores), the
// reason an annulment needs (stored as a note beside the void), and the old municipality that
// takes back a wrong move of a citizen it no longer sees (access_policy.h, MayAnnulMove).
#include <gtest/gtest.h>

#include "api_test_util.h"

namespace tov::apitest {
namespace {

constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2024-01-10","birth_date":"1980-01-10","name":"Anna"}
{"citizen":"151-0001","municipality":"151","kind":"housing","date":"2024-01-10","situation":"shelter"}
{"citizen":"151-0001","municipality":"151","kind":"course_started","date":"2024-02-01","course":"cti-1","method":"CTI","worker":"cw151"}
{"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-02-02","text":"first note","id":"n1"}
)";

class DailyWork : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start({{"cw151", "caseworker", "151"}, {"cw751", "caseworker", "751"}, {"w151", "worker", "151"}},
                               kSeed);
    ASSERT_NE(server_, nullptr);
  }
  Reply Form(const Session& s, const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // The entries of the citizen as the API gives them to `s` (404: not visible).
  json Entries(const Session& s, const std::string& key, int* status = nullptr) {
    Reply r = server_->Get("/api/v1/citizens/" + key, &s);
    if (status) *status = r.status;
    return r.status == 200 ? r.j["entries"] : json::array();
  }
  std::string MoveId(const Session& s) {
    for (const auto& e : Entries(s, "151-0001"))
      if (e["kind"] == "moved") return e["id"];
    return "";
  }
  std::unique_ptr<ApiServer> server_;
};

TEST_F(DailyWork, AMoveAsksForConfirmationAndOnlyTheConfirmedPostStores) {
  Session cw = server_->Login("cw151");
  const int64_t before = server_->EntryCount();
  Reply first = Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751");
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 400);
  EXPECT_NE(first.body.find("data-testid=\"confirm\""), std::string::npos);
  EXPECT_NE(first.body.find("Borgeren overdrages til Aarhus Kommune"), std::string::npos);
  EXPECT_NE(first.body.find("du vil ikke længere kunne se borgeren"), std::string::npos);
  EXPECT_NE(first.body.find("name=\"confirm\" value=\"yes\""), std::string::npos);
  EXPECT_NE(first.body.find("name=\"to\" value=\"751\""), std::string::npos) << "the typed values carried";
  EXPECT_EQ(server_->EntryCount(), before) << "the first post stores nothing";

  Reply undo = Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751&confirm=undo");
  EXPECT_EQ(undo.status, 200);
  EXPECT_NE(undo.body.find("Intet er gemt"), std::string::npos);
  EXPECT_EQ(server_->EntryCount(), before);

  // A field error comes before the confirmation.
  Reply bad = Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body.find("data-testid=\"confirm\""), std::string::npos);

  Reply yes = Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751&confirm=yes");
  EXPECT_EQ(yes.status, 303) << yes.body.substr(0, 400);
  EXPECT_EQ(server_->EntryCount(), before + 1);
}

TEST_F(DailyWork, DeathAndTheEndOfACourseAskForConfirmationToo) {
  Session cw = server_->Login("cw151");
  const int64_t before = server_->EntryCount();
  Reply died = Form(cw, "/borger/151-0001", "kind=died&date=2024-06-29");
  EXPECT_EQ(died.status, 200);
  EXPECT_NE(died.body.find("Borgeren registreres som død den 29.06.2024"), std::string::npos);
  Reply ended = Form(cw, "/borger/151-0001", "kind=course_ended&date=2024-06-29&course=cti-1&reason=completed");
  EXPECT_EQ(ended.status, 200);
  EXPECT_NE(ended.body.find("afsluttes den 29.06.2024"), std::string::npos);
  EXPECT_NE(ended.body.find("cti-1"), std::string::npos);
  EXPECT_EQ(server_->EntryCount(), before);
  EXPECT_EQ(Form(cw, "/borger/151-0001", "kind=course_ended&date=2024-06-29&course=cti-1&reason=completed&confirm=yes").status, 303);
  EXPECT_EQ(server_->EntryCount(), before + 1);
}

TEST_F(DailyWork, AnAnnulmentNeedsAReasonWhichIsStoredAsANoteBesideTheVoid) {
  Session cw = server_->Login("cw151");
  const int64_t before = server_->EntryCount();
  Reply none = Form(cw, "/borger/151-0001", "kind=void&date=2024-06-30&entry=n1&reason=++");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("f-void-reason"), std::string::npos);
  EXPECT_EQ(server_->EntryCount(), before);
  Reply ok = Form(cw, "/borger/151-0001", "kind=void&date=2024-06-30&entry=n1&reason=Skrevet+p%C3%A5+den+forkerte+borger");
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  ASSERT_EQ(server_->EntryCount(), before + 2);
  json entries = Entries(cw, "151-0001");
  bool voided = true, noted = false;  // the citizen's view leaves voided entries and voids out
  for (const auto& e : entries) {
    if (e["id"] == "n1") voided = false;
    if (e["kind"] == "note" && e["text"] == "Annulleret n1: Skrevet på den forkerte borger") noted = true;
  }
  EXPECT_TRUE(voided);
  EXPECT_TRUE(noted);
  Reply page = server_->Get("/borger/151-0001", &cw);
  EXPECT_NE(page.body.find("data-id=\"n1\" class=\"voided\""), std::string::npos) << "the page shows it voided";
}

TEST_F(DailyWork, TheOldMunicipalityTakesBackAWrongMoveFromThePage) {
  Session cw = server_->Login("cw151");
  ASSERT_EQ(Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751&confirm=yes").status, 303);
  int status = 0;
  Entries(cw, "151-0001", &status);
  EXPECT_EQ(status, 404) << "handed over";
  // Instead of a 404, the page says where the citizen went and offers to annul the move.
  Reply page = server_->Get("/borger/151-0001?gemt=moved", &cw);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("data-testid=\"annul-move\""), std::string::npos);
  EXPECT_NE(page.body.find("Aarhus Kommune"), std::string::npos);
  EXPECT_EQ(page.body.find("first note"), std::string::npos) << "nothing of the journal";
  // A worker of the old municipality may not; nor without a reason.
  Session w = server_->Login("w151");
  EXPECT_EQ(server_->Get("/borger/151-0001", &w).status, 404);
  Reply none = Form(cw, "/borger/151-0001", "kind=void&entry=" + MoveId(server_->Login("cw751")) + "&reason=");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("data-testid=\"annul-move\""), std::string::npos);
  Reply ok = Form(cw, "/borger/151-0001", "kind=void&entry=" + MoveId(server_->Login("cw751")) + "&reason=Forkert+kommune");
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  Entries(cw, "151-0001", &status);
  EXPECT_EQ(status, 200) << "back in the old municipality";
  Session aarhus = server_->Login("cw751");
  Entries(aarhus, "151-0001", &status);
  EXPECT_EQ(status, 404);
}

TEST_F(DailyWork, AMoveCannotBeTakenBackOnceTheNewMunicipalityHasRecorded) {
  Session cw = server_->Login("cw151"), aarhus = server_->Login("cw751");
  ASSERT_EQ(Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751&confirm=yes").status, 303);
  const std::string move = MoveId(aarhus);
  ASSERT_FALSE(move.empty());
  ASSERT_EQ(server_->Append(aarhus, {{"citizen", "151-0001"}, {"municipality", "751"}, {"kind", "note"}, {"date", "2024-06-30"}, {"text", "Velkommen"}}).status, 201);
  // Through the API too (the same use case).
  json v{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "void"}, {"entry", move}, {"date", "2024-06-30"}};
  EXPECT_EQ(server_->Append(cw, v).status, 404) << "the new municipality has recorded since";
  EXPECT_EQ(server_->Get("/borger/151-0001", &cw).status, 404);
  EXPECT_EQ(Form(cw, "/borger/151-0001", "kind=void&entry=" + move + "&reason=Fejl").status, 404);
}

TEST_F(DailyWork, AMoveCanBeTakenBackForFourteenDays) {
  Session cw = server_->Login("cw151");
  ASSERT_EQ(Form(cw, "/borger/151-0001", "kind=moved&date=2024-06-30&to=751&confirm=yes").status, 303);
  const std::string move = MoveId(server_->Login("cw751"));
  json v{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "void"}, {"entry", move}, {"date", "2024-06-30"}};
  server_->clock().Advance(std::chrono::hours(24 * 14));
  cw = server_->Login("cw151");  // (the session has gone idle)
  EXPECT_EQ(server_->Get("/borger/151-0001", &cw).status, 200) << "the 14th day";
  server_->clock().Advance(std::chrono::hours(24));
  cw = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/borger/151-0001", &cw).status, 404) << "the 15th day";
  EXPECT_EQ(server_->Append(cw, v).status, 404);
}

TEST_F(DailyWork, TheApiAnnulsAWrongMoveOfTheOldMunicipality) {
  Session cw = server_->Login("cw151"), aarhus = server_->Login("cw751");
  ASSERT_EQ(server_->Append(cw, {{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "moved"}, {"date", "2024-06-30"}, {"to", "751"}}).status, 201);
  Reply r = server_->Append(cw, {{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "void"}, {"entry", MoveId(aarhus)}, {"date", "2024-06-30"}});
  EXPECT_EQ(r.status, 201) << r.body;
  int status = 0;
  Entries(cw, "151-0001", &status);
  EXPECT_EQ(status, 200);
}

// `n` times "ø" (two bytes each).
std::string Oe(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "ø";
  return s;
}

TEST_F(DailyWork, ANoteOverTheLimitGetsTheDanishFieldErrorAndTheTextIsKept) {
  Session cw = server_->Login("cw151");
  const int64_t before = server_->EntryCount();
  // 20,001 characters (40,002 bytes), and 30,000 (60,000 bytes, 180,000 as a percent-encoded
  // form): both get the field error, neither a 400, 403 or 413.
  for (size_t n : {size_t{20001}, size_t{30000}}) {
    Reply over = Form(cw, "/borger/151-0001", "kind=note&date=2024-06-30&text=" + UrlEncode(Oe(n)));
    EXPECT_EQ(over.status, 422) << n << ": " << over.body.substr(0, 300);
    EXPECT_NE(over.body.find("Notat: Må højst være 20.000 tegn."), std::string::npos) << n;
    EXPECT_NE(over.body.find(">" + Oe(n) + "</textarea>"), std::string::npos) << n << ": the text is kept";
  }
  EXPECT_EQ(server_->EntryCount(), before);
  // 20,000 characters is a note; the form shows the limit, and the journal folds it.
  Reply ok = Form(cw, "/borger/151-0001", "kind=note&date=2024-06-30&text=" + UrlEncode(Oe(20000)));
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  Reply page = server_->Get("/borger/151-0001", &cw);
  EXPECT_NE(page.body.find("form-limit\" data-field=\"text\" data-maxlength=\"20000\""), std::string::npos);
  EXPECT_NE(page.body.find("Du kan skrive op til 20.000 tegn"), std::string::npos);
  EXPECT_NE(page.body.find("<details class=\"entry-fold\">"), std::string::npos);
  EXPECT_NE(page.body.find("Vis hele notatet (20.000 tegn)"), std::string::npos);
  EXPECT_EQ(page.body.find("<details class=\"entry-fold\"><summary><span class=\"entry-preview\">first note"), std::string::npos)
      << "a short note is not folded";
}

TEST_F(DailyWork, CourseIdsAreMadeWorkersPickedAndThePhaseFormOffersOnlyCti) {
  Session cw = server_->Login("cw151");
  UserChange named;
  named.full_name = "Fatima El-Amin";
  ASSERT_TRUE(ChangeUser(server_->app(), Principal::Operator("test"), "w151", named).ok());
  Reply page = server_->Get("/borger/151-0001", &cw);
  ASSERT_EQ(page.status, 200);
  // The worker pickers: the municipality's active staff, by real name and user name (the user
  // name alone for a user without a real name), with their role.
  const size_t contact = page.body.find("id=\"form-contact\"");
  ASSERT_NE(contact, std::string::npos);
  const std::string contact_form = page.body.substr(contact, page.body.find("</details>", contact) - contact);
  EXPECT_NE(contact_form.find("<select class=\"form-select\" id=\"f-contact-worker\""), std::string::npos);
  EXPECT_NE(contact_form.find("<option value=\"cw151\" selected>cw151 – Myndighedssagsbehandler</option>"), std::string::npos);
  EXPECT_NE(contact_form.find("<option value=\"w151\">Fatima El-Amin (w151) – Bostøttemedarbejder</option>"),
            std::string::npos);
  EXPECT_EQ(contact_form.find("cw751"), std::string::npos) << "another municipality's";
  EXPECT_EQ(page.body.find("name=\"course\" value="), std::string::npos) << "no course id to type";
  // The course id is made on the server.
  Reply started = Form(cw, "/borger/151-0001", "kind=course_started&date=2024-06-30&method=ICM&worker=w151&course=typed");
  ASSERT_EQ(started.status, 303) << started.body.substr(0, 400);
  bool found = false;
  for (const auto& e : Entries(cw, "151-0001"))
    if (e["kind"] == "course_started" && e["method"] == "ICM") {
      EXPECT_EQ(e["course"], "151-0001-icm-2024-02");
      EXPECT_EQ(e["worker"], "w151");
      found = true;
    }
  EXPECT_TRUE(found);
  // The phase form: the CTI course only.
  page = server_->Get("/borger/151-0001", &cw);
  const size_t phase = page.body.find("id=\"form-course_phase\"");
  ASSERT_NE(phase, std::string::npos);
  const std::string phase_form = page.body.substr(phase, page.body.find("</details>", phase) - phase);
  EXPECT_NE(phase_form.find("value=\"cti-1\""), std::string::npos);
  EXPECT_EQ(phase_form.find("151-0001-icm-2024-02"), std::string::npos);
  const size_t ended = page.body.find("id=\"form-course_ended\"");
  EXPECT_NE(page.body.find("151-0001-icm-2024-02", ended), std::string::npos) << "any course may end";
}

TEST_F(DailyWork, DatesMayBeTypedTheDanishWayAndTheSavedBannerIsInView) {
  Session cw = server_->Login("cw151");
  Reply saved = Form(cw, "/borger/151-0001", "kind=note&date=29.06.2024&text=Dansk+dato");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
  EXPECT_EQ(saved.Header("Location"), "/borger/151-0001?gemt=note#gemt");
  bool found = false;
  for (const auto& e : Entries(cw, "151-0001"))
    if (e["kind"] == "note" && e["text"] == "Dansk dato") found = e["date"] == "2024-06-29";
  EXPECT_TRUE(found);
  Reply page = server_->Get("/borger/151-0001?gemt=note", &cw);
  EXPECT_NE(page.body.find("<div id=\"gemt\" class=\"saved-notice\" tabindex=\"-1\""), std::string::npos);
  Reply bad = Form(cw, "/borger/151-0001", "kind=note&date=31.06.2024&text=x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("value=\"31.06.2024\""), std::string::npos) << "the typed date is kept";
  EXPECT_NE(bad.body.find("Skal være en rigtig dato skrevet DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."), std::string::npos);
}

}  // namespace
}  // namespace tov::apitest
