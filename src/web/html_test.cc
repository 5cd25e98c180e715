// Tests of the HTML building blocks: escaping, Danish field errors, form fields that keep what
// was typed and show errors beside the field, and the layout's accessibility basics.
#include "web/html.h"

#include <gtest/gtest.h>

namespace tov::web::html {
namespace {

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

TEST(Html, TranslatesJournalFieldErrorsIntoDanish) {
  EXPECT_EQ(FieldReason(Lang::kDa, "is required"), "Skal udfyldes.");
  EXPECT_EQ(FieldReason(Lang::kDa, "must be a whole number"), "Skal være et helt tal.");
  EXPECT_EQ(FieldReason(Lang::kDa, "must be between 1 and 1440"), "Skal være et helt tal fra 1 til 1440.");
  EXPECT_EQ(FieldReason(Lang::kDa, "must be a real date written YYYY-MM-DD, not \"2024-02-30\""),
            "Skal være en rigtig dato skrevet ÅÅÅÅ-MM-DD.");
  EXPECT_EQ(FieldReason(Lang::kDa, "is longer than 64 characters"), "Må højst være 64 tegn.");
  EXPECT_EQ(FieldReason(Lang::kEn, "is required"), "Is required");
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
