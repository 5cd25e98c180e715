// Tests of the wording (issue 14, item 9; docs/glossary.md): the Danish pages, rendered by the real
// server for every role, carry no English words, no "(UTC)", no question glued to a colon, no
// verb glued to an entry's noun, and show every role by its glossary name; a field error whose
// English reason would quote a value ("cti-1" is already started) is shown in Danish.
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>

#include "api_test_util.h"
#include "common/html_escape.h"
#include "report/labels.h"

namespace tov::apitest {
namespace {

// Anna: 24, in a shelter since 2023-06-01 and ready for housing, a CTI course since 2023-07-01,
// no action plan (four alerts). Bo: on the street since 2024-05-01.
constexpr char kSeed[] = R"(
{"citizen":"151-0001","municipality":"151","kind":"registered","date":"2023-06-01","birth_date":"2000-01-10","name":"Anna Hansen"}
{"citizen":"151-0001","municipality":"151","kind":"housing","date":"2023-06-01","situation":"shelter","ready_for_housing":true}
{"citizen":"151-0001","municipality":"151","kind":"course_started","date":"2023-07-01","course":"cti-1","method":"CTI","worker":"w151"}
{"citizen":"151-0001","municipality":"151","kind":"assessment","date":"2023-07-02","needs":{"housing":3,"mental_health":4,"substance_use":3},"uses_ordinary_services":"no"}
{"citizen":"151-0001","municipality":"151","kind":"note","date":"2023-07-03","text":"første samtale","id":"n1"}
{"citizen":"151-0002","municipality":"151","kind":"registered","date":"2024-05-01","birth_date":"1970-03-03","name":"Bo Jensen"}
{"citizen":"151-0002","municipality":"151","kind":"housing","date":"2024-05-01","situation":"street"}
)";

// The visible text of a page: no scripts, styles or tags, a few entities decoded.
std::string VisibleText(const std::string& html) {
  std::string s = std::regex_replace(html, std::regex("<(script|style)[^>]*>[\\s\\S]*?</\\1>"), " ");
  s = std::regex_replace(s, std::regex("<[^>]*>"), " ");
  for (const auto& [entity, ch] : {std::pair{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}})
    s = std::regex_replace(s, std::regex(entity), ch);
  return std::regex_replace(s, std::regex("\\s+"), " ");
}

// What a Danish page must not say (docs/glossary.md), as a list of findings.
std::vector<std::string> Leaks(const std::string& text) {
  std::vector<std::string> found;
  // English words that are no Danish words ("English" itself is the language switch). A word is
  // a run of ASCII letters and the bytes of UTF-8 letters (æ, ø, å), so "Sønner" is one word.
  static const std::set<std::string> english = {"the", "is", "are", "was", "and", "of", "must", "already",
                                                "started", "saved", "since", "required", "invalid", "save",
                                                "not", "citizen", "citizens", "none", "unknown", "yes", "no", "entry",
                                                "entries", "course", "alert", "alerts", "user", "rule", "field",
                                                "value", "error", "with", "without", "from", "has", "have", "been",
                                                "page", "report", "shelter", "street", "web", "api"};
  auto word_char = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  for (size_t i = 0; i < text.size();) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    std::string w = text.substr(i, end - i);
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (english.count(w)) found.push_back("English word \"" + w + "\" in …" + text.substr(i >= 40 ? i - 40 : 0, 100) + "…");
    i = end;
  }
  for (const char* bad : {"UTC", "?:", "Gem annullér", "Gem start", "er gemt i journalen", " 0 borgere",
                          "Ugyldig værdi (", "Socialstyrelsen)", "National team", "Psykisk sundhed", "misbrug 3"}) {
    if (auto at = text.find(bad); at != std::string::npos)
      found.push_back(std::string("\"") + bad + "\" in …" + text.substr(at >= 40 ? at - 40 : 0, 100) + "…");
  }
  return found;
}

class Wording : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start({{"w151", "worker", "151"},
                                {"cw151", "caseworker", "151"},
                                {"l151", "leader", "151"},
                                {"h151", "housing", "151"},
                                {"nat", "national", ""},
                                {"adm", "admin", ""}},
                               kSeed);
    ASSERT_NE(server_, nullptr);
  }
  Reply Form(const Session& s, const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // Every leak of the page, each prefixed by the page's path.
  void ExpectNoLeaks(const std::string& what, const Reply& r) {
    ASSERT_TRUE(r.status == 200 || r.status == 422) << what << ": " << r.status << " " << r.body.substr(0, 300);
    ASSERT_NE(r.body.find("<html lang=\"da\""), std::string::npos) << what;
    for (const std::string& leak : Leaks(VisibleText(r.body))) ADD_FAILURE() << what << ": " << leak;
  }
  // The front page, or the page "/" sends the role to (the dwellings, the reports, the users).
  Reply Landing(const Session& s) {
    Reply r = server_->Get("/", &s);
    if (r.status == 303) r = server_->Get(r.Header("Location"), &s);
    return r;
  }
  std::unique_ptr<ApiServer> server_;
};

TEST(WordingScan, FindsTheLeaksItLooksFor) {
  // The scan itself: each reported leak is found, and plain Danish passes.
  EXPECT_TRUE(Leaks("Borgeren er registreret. Ingen borgere fundet. Gem kontakten.").empty());
  EXPECT_FALSE(Leaks("Ugyldig værdi (\"cti-1\" is already started)").empty());
  EXPECT_FALSE(Leaks("Data kendt pr. 1. marts 2024 kl. 23:59:59 (UTC)").empty());
  EXPECT_FALSE(Leaks("Hvor bor borgeren nu?: Skal udfyldes.").empty());
  EXPECT_FALSE(Leaks("Gem annullér en post").empty());
  EXPECT_FALSE(Leaks("Forløb startet er gemt i journalen.").empty());
  EXPECT_FALSE(Leaks("Søgning: 0 borgere").empty());
  EXPECT_FALSE(Leaks("National (Socialstyrelsen)").empty());
  EXPECT_EQ(VisibleText("<p title=\"the\">Hej <b>&amp;</b></p><script>var is = 1;</script>"), " Hej & ");
}

TEST_F(Wording, DanishPagesOfEveryRoleSayNothingInEnglish) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> pages = {
      {"w151", {"/", "/borgere", "/borger/151-0001", "/borger/151-0001?gemt=contact"}},
      {"cw151",
       {"/", "/borgere", "/borgere?q=ingen-med-det-navn", "/borgere/ny", "/borger/151-0001",
        "/borger/151-0001?gemt=course_started", "/borger/151-0001?gemt=void", "/borger/151-0002",
        "/borger/151-0001/unge"}},
      {"l151",
       {"/", "/borgere", "/rapporter", "/rapporter?as_of=2024-06-30&known_at=2024-06-30",
        "/rapporter/unge", "/rapporter/opsoegende", "/rapporter/taelling", "/opsoegende", "/indstillinger", "/opfoelgning?borger=151-0001&regel=youth_in_shelter",
        "/adgangslog?borger=151-0001", "/borger/151-0001"}},
      {"h151", {"/borgere", "/boliger", "/boliger/venteliste", "/borger/151-0001"}},
      {"nat", {"/rapporter", "/rapporter?as_of=2024-06-30&known_at=2024-06-30", "/rapporter/sammenligning", "/implementering",
               "/implementering/151"}},
      {"adm", {"/brugere", "/brugere/cw151", "/adgangskode"}},
  };
  for (const auto& [user, paths] : pages) {
    Session s = server_->Login(user);
    ExpectNoLeaks(user + " landing page", Landing(s));
    for (const std::string& path : paths) ExpectNoLeaks(user + " " + path, server_->Get(path, &s));
  }
}

TEST_F(Wording, FieldErrorsOnDanishPagesAreDanish) {
  Session cw = server_->Login("cw151");
  // An annulment of an entry that does not exist: the API says "no entry ..." in English; the
  // page says it in Danish by the error's code.
  Reply missing = Form(cw, "/borger/151-0001", "kind=void&date=2024-06-01&entry=nope&reason=fejl");
  EXPECT_EQ(missing.status, 422) << missing.body.substr(0, 300);
  EXPECT_NE(VisibleText(missing.body).find("Der er ingen post med det id."), std::string::npos);
  ExpectNoLeaks("void of an unknown entry", missing);
  // A question as a field's label: the error summary puts a dash, not a colon, after it.
  Reply intake = Form(cw, "/borgere/ny", "action=register&name=Carl&birth_date=01.01.1990");
  EXPECT_EQ(intake.status, 422) << intake.body.substr(0, 300);
  EXPECT_NE(VisibleText(intake.body).find("nu? – Skal udfyldes."), std::string::npos) << VisibleText(intake.body).substr(0, 3000);
  ExpectNoLeaks("intake without a situation", intake);
}

TEST_F(Wording, PagesUseTheGlossarysPhrases) {
  Session cw = server_->Login("cw151");
  const std::string page = VisibleText(server_->Get("/borger/151-0001", &cw).body);
  // Buttons and banners are whole phrases per kind; alert dates say what they date.
  EXPECT_NE(page.find("Start forløbet"), std::string::npos);
  EXPECT_NE(page.find("Annullér posten"), std::string::npos);
  EXPECT_NE(page.find("på herberg siden 01.06.2023"), std::string::npos) << "youth_in_shelter dates the stay";
  EXPECT_NE(page.find("over grænsen siden 02.12.2023"), std::string::npos) << "the 6 months date the limit";
  EXPECT_NE(VisibleText(server_->Get("/borger/151-0001?gemt=course_started", &cw).body).find("Forløbet er startet."),
            std::string::npos);
  // The recommendation names the life areas as the assessment form does.
  EXPECT_NE(page.find("sykisk helbred 4"), std::string::npos) << page.substr(0, 4000);
  // An empty search says so in words.
  EXPECT_NE(VisibleText(server_->Get("/borgere?q=ingen-med-det-navn", &cw).body).find("Ingen borgere fundet"), std::string::npos);
  // The journal's times are Danish local time: recorded 12:00 UTC on 30 June is 14.00 in summer.
  EXPECT_NE(page.find("30.06.2024 kl. 14.00"), std::string::npos);
  // The allocator's front door (the dwellings) claims no citizens as theirs; a support worker's
  // link to the list says it holds their own citizens.
  Session h = server_->Login("h151");
  EXPECT_EQ(Landing(h).body.find("Alle mine borgere"), std::string::npos);
  Session w = server_->Login("w151");
  EXPECT_NE(VisibleText(server_->Get("/", &w).body).find("Alle mine borgere"), std::string::npos);
}

TEST_F(Wording, EveryRoleShowsWithItsGlossaryName) {
  for (const auto& [user, role] : std::vector<std::pair<std::string, std::string>>{
           {"w151", "worker"}, {"cw151", "caseworker"}, {"l151", "leader"}, {"h151", "housing"}, {"nat", "national"}, {"adm", "admin"}}) {
    Session s = server_->Login(user);
    const std::string name = report::LabelDa("role", role);
    ASSERT_NE(name, role);
    EXPECT_NE(Landing(s).body.find(EscapeHtml(name)), std::string::npos) << user << " as " << name;
  }
  // The administrator's list of users names each role the same way.
  Session adm = server_->Login("adm");
  const std::string users = VisibleText(server_->Get("/brugere", &adm).body);
  for (const char* role : {"worker", "caseworker", "leader", "housing", "national", "admin"})
    EXPECT_NE(users.find(report::LabelDa("role", role)), std::string::npos) << role;
}

}  // namespace
}  // namespace tov::apitest
