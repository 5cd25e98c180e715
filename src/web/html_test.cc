// Tests of the HTML building blocks: escaping, Danish field errors, form fields that keep what
// was typed and show errors beside the field, and the layout's accessibility basics.
#include "web/html.h"

#include "domain/journal.h"
#include "domain/entry_json.h"
#include <gtest/gtest.h>

namespace tov::web::html {
namespace {

TEST(Html, AlertNamesAtTheDefaultThresholdsAreTheGlossarys) {
  // One name per alert rule (docs/glossary.md): the pages' words with a municipality's thresholds
  // are the glossary's at the defaults (6 months, under 30, 9 months, 30 days, 30 days).
  std::vector<std::string> rules = Ids("alert_rule");
  ASSERT_EQ(rules.size(), 8u);
  for (const std::string& rule : rules)
    for (Lang l : {Lang::kDa, Lang::kEn})
      EXPECT_EQ(AlertLabel(l, rule, 6, 30, 9, 30, 30).name, Label(l, "alert_rule", rule)) << rule;
  EXPECT_EQ(AlertLabel(Lang::kDa, "youth_in_shelter", 6, 25, 9, 30, 30).name, "Ung under 25 år på herberg");
}

TEST(Html, TimesAreDanishLocalTime) {
  // Summer time (UTC+2) and winter time (UTC+1); never "UTC".
  EXPECT_EQ(FormatTime(Lang::kDa, *ParseTimestamp("2024-06-30T12:00:00Z")), "30.06.2024 kl. 14.00");
  EXPECT_EQ(FormatTime(Lang::kDa, *ParseTimestamp("2024-12-31T23:30:00Z")), "01.01.2025 kl. 00.30");
  EXPECT_EQ(FormatTime(Lang::kEn, *ParseTimestamp("2024-01-15T08:05:00Z")), "2024-01-15 09:05");
}

TEST(Html, UrlEncodesKeys) {
  EXPECT_EQ(UrlEncode("151-0001"), "151-0001");
  EXPECT_EQ(UrlEncode("a b/ø"), "a%20b%2F%C3%B8");
}

TEST(Html, FormatsTheDanishWay) {
  EXPECT_EQ(FormatDate(Lang::kDa, Date::FromYmd(2024, 3, 5)), "05.03.2024");
  EXPECT_EQ(FormatDate(Lang::kEn, Date::FromYmd(2024, 3, 5)), "2024-03-05");
  EXPECT_EQ(FormatInt(Lang::kDa, 5789), "5.789");
  EXPECT_EQ(FormatInt(Lang::kEn, 1234567), "1,234,567");
  EXPECT_EQ(FormatPercent(Lang::kDa, 0.571), "57 %");
  EXPECT_EQ(FormatPercent(Lang::kDa, std::nullopt), "–");
}

TEST(Html, TranslatesJournalFieldErrorsIntoDanishByTheirCode) {
  using json = nlohmann::json;
  auto errors_of = [](const json& j) {
    auto e = ParseEntry(j, ParseOptions{*ParseTimestamp("2024-06-30T12:00:00Z"), true});
    EXPECT_FALSE(e.ok()) << j.dump();
    return e.ok() ? std::vector<FieldError>{} : e.status().field_errors();
  };
  const json base{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "contact"}, {"date", "2024-06-01"},
                  {"worker", "w"}, {"mode", "phone"}, {"minutes", 10}};
  auto with = [&](const char* k, json v) { json j = base; j[k] = v; return j; };
  auto without = [&](const char* k) { json j = base; j.erase(k); return j; };
  const std::vector<std::pair<json, std::string>> cases = {
      {without("date"), "Skal udfyldes."},
      {with("minutes", "ten"), "Skal være et helt tal."},
      {with("minutes", 100000), "Skal være et helt tal fra 1 til 1440."},
      {with("date", "2024-02-30"), "Skal være en rigtig dato skrevet DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."},
      {with("worker", std::string(65, 'w')), "Må højst være 64 tegn."},
      {with("mode", "telepathy"), "Vælg en af mulighederne."},
      {with("colour", "blue"), "Hører ikke til denne type post."},
      {with("municipality", "999"), "Er ikke en kommunekode."},
      {with("recorded", "2099-01-01T00:00:00Z"), "Må ikke ligge i fremtiden."},
      {with("worker", ""), "Må ikke være tom."},
      {json{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "registered"}, {"date", "2024-06-01"}},
       "Skriv et CPR-nummer eller en fødselsdato."},
      {json{{"citizen", "151-0001"}, {"municipality", "151"}, {"kind", "registered"}, {"date", "2024-06-01"}, {"cpr", "320199-1234"}},
       "Skal være et gyldigt CPR-nummer (DDMMÅÅ-SSSS) med en rigtig fødselsdato."},
  };
  for (const auto& [j, danish] : cases) {
    auto errors = errors_of(j);
    ASSERT_FALSE(errors.empty()) << j.dump();
    EXPECT_FALSE(errors.front().code.empty()) << errors.front().reason;
    EXPECT_EQ(FieldReason(Lang::kDa, errors.front()), danish) << j.dump() << " → " << errors.front().reason;
  }
  // English shows the reason itself; a page's own check translates by code.
  EXPECT_EQ(FieldReason(Lang::kEn, FieldError{"date", "is required", "required", {}}), "Is required");
  EXPECT_EQ(FieldReason(Lang::kDa, "not_date", "must be a real date"), "Skal være en rigtig dato skrevet DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.");
  // An unknown code says so in Danish, never with the English reason inside.
  EXPECT_EQ(FieldReason(Lang::kDa, FieldError{"x", "is odd", "", {}}), "Ugyldig værdi.");
}

TEST(Html, EveryJournalCheckHasADanishReason) {
  Journal j;
  std::vector<Entry> batch;
  auto add = [&](const char* line) {
    auto e = ParseEntryLine(line, ParseOptions{Timestamp::Max(), true});
    ASSERT_TRUE(e.ok()) << line;
    batch.push_back(*e);
  };
  add(R"({"citizen":"151-0001","municipality":"151","kind":"note","date":"2024-06-01","text":"x"})");
  add(R"({"citizen":"151-0002","municipality":"151","kind":"void","date":"2024-06-01","entry":"nope"})");
  add(R"({"citizen":"151-0002","municipality":"151","kind":"course_phase","date":"2024-06-01","course":"nope","phase":2})");
  auto errors = j.Check(batch);
  ASSERT_GE(errors.size(), 3u);
  for (const auto& e : errors) {
    EXPECT_FALSE(e.error.code.empty()) << e.error.reason;
    EXPECT_EQ(FieldReason(Lang::kDa, e.error).rfind("Ugyldig værdi", 0), std::string::npos) << e.error.reason;
  }
}

TEST(Html, LabelsEveryJournalValueInBothLanguages) {
  for (const char* table : {"kind", "situation", "referral", "method", "life_area", "plan", "end_reason", "mode",
                            "release_from", "offer", "activity", "paragraph"}) {
    ASSERT_FALSE(Ids(table).empty()) << table;
    for (const auto& id : Ids(table)) {
      EXPECT_NE(Label(Lang::kDa, table, id), "") << table << "." << id;
      EXPECT_NE(Label(Lang::kEn, table, id), "") << table << "." << id;
    }
  }
  EXPECT_EQ(Label(Lang::kDa, "situation", "shelter"), "Herberg / forsorgshjem (§ 110)");
  EXPECT_EQ(Label(Lang::kDa, "situation", "no-such"), "no-such");
}

TEST(Html, FieldKeepsTypedValueAndShowsErrorBesideIt) {
  Field f;
  f.type = Field::Type::kNumber;
  f.name = "minutes";
  f.label = "Varighed i minutter";
  std::string out = RenderField(Lang::kDa, f, "f-contact-", {{"minutes", "ab\"c"}}, {{"minutes", "Skal være et helt tal."}});
  EXPECT_NE(out.find("<label class=\"form-label\" for=\"f-contact-minutes\">Varighed i minutter"), std::string::npos) << out;
  EXPECT_NE(out.find("value=\"ab&quot;c\""), std::string::npos) << out;
  EXPECT_NE(out.find("aria-invalid=\"true\""), std::string::npos) << out;
  EXPECT_NE(out.find("aria-describedby=\"f-contact-minutes-error\""), std::string::npos) << out;
  EXPECT_NE(out.find("Skal være et helt tal."), std::string::npos) << out;
  EXPECT_NE(out.find("form-error"), std::string::npos) << out;
}

TEST(Html, SelectKeepsAPostedValueThatIsNotAnOption) {
  Field f;
  f.type = Field::Type::kSelect;
  f.name = "situation";
  f.label = "Boligsituation";
  f.options = {{"street", "Gade"}};
  std::string out = RenderField(Lang::kDa, f, "x-", {{"situation", "<bad>"}}, {});
  EXPECT_NE(out.find("<option value=\"&lt;bad&gt;\" selected>&lt;bad&gt;</option>"), std::string::npos) << out;
}

TEST(Html, LayoutHasLanguageSkipLinkAndUser) {
  Principal p{"sara", Role::kCaseworker, "151"};
  PageInfo info;
  info.title = "Forside <x>";
  info.user = &p;
  info.csrf_token = "tok";
  info.current_url = "/borgere?q=a&lang=da";
  std::string out = Layout(info, "<h1>Forside</h1>");
  EXPECT_NE(out.find("<html lang=\"da\">"), std::string::npos);
  EXPECT_NE(out.find("<a class=\"skipnav\" href=\"#main-content\">"), std::string::npos);
  EXPECT_NE(out.find("<main id=\"main-content\""), std::string::npos);
  EXPECT_NE(out.find("Forside &lt;x&gt;"), std::string::npos);
  EXPECT_NE(out.find("Myndighedssagsbehandler"), std::string::npos);
  EXPECT_NE(out.find("Ballerup Kommune"), std::string::npos);
  EXPECT_NE(out.find("name=\"csrf_token\" value=\"tok\""), std::string::npos);
  EXPECT_NE(out.find("href=\"/borgere?q=a&amp;lang=en\""), std::string::npos) << out;
  info.lang = Lang::kEn;
  EXPECT_NE(Layout(info, "").find("<html lang=\"en\">"), std::string::npos);
}

}  // namespace
}  // namespace tov::web::html
