// Tests for domain/entry_json: every kind round-trips; every bad field (missing, type, value, range, unknown) is named.
#include "domain/entry_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/entry_kinds_for_test.h"

namespace tov {
namespace {

using json = nlohmann::json;
using testing_kinds::AllKinds;
using testing_kinds::Common;
using testing_kinds::KindCase;
using testing_kinds::Valid;
using testing_kinds::With;
using ::testing::Contains;
using ::testing::Field;
using ::testing::UnorderedElementsAre;

// "now" for every parse: 2024-06-01T12:00:00Z.
Timestamp Now() { return *ParseTimestamp("2024-06-01T12:00:00Z"); }
ParseOptions Options() { return ParseOptions{Now(), true}; }

// The fields named by a failed parse.
std::vector<std::string> ErrorFields(const StatusOr<Entry>& e) {
  std::vector<std::string> out;
  for (const auto& f : e.status().field_errors()) out.push_back(f.field);
  return out;
}

// Parses `j` expecting failure with (at least) an error on `field`.
void ExpectFieldError(const json& j, const std::string& field) {
  auto e = ParseEntry(j, Options());
  ASSERT_FALSE(e.ok()) << "accepted: " << j.dump();
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ErrorFields(e), Contains(field)) << j.dump() << " → " << e.status().ToString();
  for (const auto& f : e.status().field_errors()) EXPECT_FALSE(f.reason.empty()) << f.field;
}

TEST(EntryJsonTest, CoversEveryKind) {
  std::set<std::string> kinds;
  for (const auto& k : AllKinds()) kinds.insert(k.kind);
  std::set<std::string> expected(kKindNames.begin(), kKindNames.end());
  EXPECT_EQ(kinds, expected);
  EXPECT_EQ(kinds.size(), 29u);
}

// An alert's follow-up names a rule; an assignee only when assigning, a user name; a comment has text.
TEST(EntryJsonTest, AlertFollowupFields) {
  json ok = With(Common("alert_followup"), {{"rule", "street_sleeper"}, {"action", "acknowledged"}});
  ASSERT_TRUE(ParseEntry(ok, Options()).ok());
  ExpectFieldError(With(ok, {{"rule", "sleeping"}}), "rule");
  ExpectFieldError(With(ok, {{"action", "done"}}), "action");
  ExpectFieldError(With(ok, {{"assignee", "sara"}}), "assignee");  // only when assigned
  ExpectFieldError(With(ok, {{"action", "assigned"}}), "assignee");  // then required
  ExpectFieldError(With(ok, {{"action", "assigned"}, {"assignee", "sara nielsen"}}), "assignee");
  ExpectFieldError(With(ok, {{"action", "comment"}}), "text");
  EXPECT_TRUE(ParseEntry(With(ok, {{"action", "comment"}, {"text", "Ringede, ingen svar"}}), Options()).ok());
  auto only = ParseEntry(With(ok, {{"action", "assigned"}, {"assignee", "sara"}}), Options());
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->As<AlertFollowup>()->assignee, "sara");
}

TEST(EntryJsonTest, EveryKindRoundTrips) {
  for (const auto& k : AllKinds()) {
    json j = Valid(k);
    auto e = ParseEntry(j, Options());
    ASSERT_TRUE(e.ok()) << k.kind << ": " << e.status().ToString();
    EXPECT_EQ(KindName(e->kind()), k.kind);
    EXPECT_EQ(ToJson(*e), j) << k.kind << "\n in: " << j.dump() << "\nout: " << ToJson(*e).dump();
    // And once more through the text form.
    auto again = ParseEntryLine(ToJson(*e).dump(), Options());
    ASSERT_TRUE(again.ok()) << k.kind;
    EXPECT_EQ(ToJson(*again), j) << k.kind;
  }
}

TEST(EntryJsonTest, ParsedFieldsHaveTheirValues) {
  auto e = ParseEntry(Valid(AllKinds()[1]), Options());  // housing
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->id, "x1");
  EXPECT_EQ(e->citizen, "151-0001");
  EXPECT_EQ(e->municipality, "151");
  EXPECT_EQ(e->date, Date::FromYmd(2024, 3, 1));
  EXPECT_EQ(e->recorded, *ParseTimestamp("2024-03-01T09:00:00Z"));
  EXPECT_EQ(e->by, "w151-a");
  ASSERT_NE(e->As<Housing>(), nullptr);
  EXPECT_EQ(e->As<Housing>()->situation, Situation::kShelter);
  EXPECT_EQ(e->As<Housing>()->ready_for_housing, true);

  auto c = ParseEntry(Valid(AllKinds()[8]), Options());  // contact
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->As<Contact>()->minutes, 45);
  EXPECT_EQ(c->As<Contact>()->mode, ContactMode::kEscort);
}

TEST(EntryJsonTest, RegisteredVariantsRoundTrip) {
  for (const json& body : {json{{"cpr", "1506851234"}},
                           json{{"birth_date", "1985-06-15"}},
                           json{{"cpr", "150685-1234"}, {"birth_date", "1985-06-15"}},
                           json{{"birth_date", "2001-02-28"}, {"referred_by", "other_municipality"}}}) {
    json j = With(Common("registered"), body);
    auto e = ParseEntry(j, Options());
    ASSERT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
    EXPECT_EQ(ToJson(*e), j);
  }
  auto e = ParseEntry(With(Common("registered"), {{"cpr", "150685-1234"}}), Options());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->As<Registered>()->birth_date, Date::FromYmd(1985, 6, 15));  // derived from the CPR
}

TEST(EntryJsonTest, OptionalCommonFieldsMayBeLeftOut) {
  json j = Valid(AllKinds()[1]);
  j.erase("id");
  j.erase("recorded");
  j.erase("by");
  auto e = ParseEntry(j, Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->id, "");
  EXPECT_EQ(e->by, "");
  EXPECT_EQ(e->recorded, Now());  // default: now
}

TEST(EntryJsonTest, RecordedRequiredWhenTheOptionsSaySo) {
  json j = Valid(AllKinds()[1]);
  j.erase("recorded");
  auto e = ParseEntry(j, ParseOptions{Now(), false});
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), Contains("recorded"));
}

TEST(EntryJsonTest, MissingRequiredFieldIsNamed) {
  for (const auto& k : AllKinds()) {
    for (const std::string& field : k.required) {
      json j = Valid(k);
      j.erase(field);
      ExpectFieldError(j, field);
      json null_field = Valid(k);
      null_field[field] = nullptr;
      ExpectFieldError(null_field, field);
    }
    for (const char* field : {"citizen", "municipality", "date", "kind"}) {
      json j = Valid(k);
      if (!j.contains(field)) continue;  // a dwelling entry has `unit` (in `required`) for `citizen`
      // A void without `citizen` (or `unit`) is a void of an entry about its municipality.
      if (k.kind == "void" && std::string(field) == "citizen") continue;
      j.erase(field);
      ExpectFieldError(j, field);
    }
  }
}

TEST(EntryJsonTest, MissingRequiredFieldsAreAllNamed) {
  json j = Common("release_planned");
  auto e = ParseEntry(j, Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), UnorderedElementsAre("from", "expected", "housing_solution"));
}

TEST(EntryJsonTest, RegisteredNeedsCprOrBirthDate) {
  auto e = ParseEntry(With(Common("registered"), {{"name", "Anna"}}), Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), Contains("cpr"));
}

TEST(EntryJsonTest, RegisteredRefusesBadCprAndMismatchedBirthDate) {
  ExpectFieldError(With(Common("registered"), {{"cpr", "310299-1234"}}), "cpr");
  ExpectFieldError(With(Common("registered"), {{"cpr", "15068512"}}), "cpr");
  ExpectFieldError(With(Common("registered"), {{"cpr", "15068a-1234"}}), "cpr");
  ExpectFieldError(With(Common("registered"), {{"cpr", 1506851234}}), "cpr");
  ExpectFieldError(With(Common("registered"), {{"birth_date", "1985-02-30"}}), "birth_date");
  ExpectFieldError(
      With(Common("registered"), {{"cpr", "150685-1234"}, {"birth_date", "1985-06-16"}}),
      "birth_date");
}

TEST(EntryJsonTest, WrongTypesAreNamed) {
  ExpectFieldError(With(Common("contact"), {{"worker", "w"}, {"mode", "visit"}, {"minutes", "30"}}), "minutes");
  ExpectFieldError(With(Common("contact"), {{"worker", 7}, {"mode", "visit"}, {"minutes", 30}}), "worker");
  ExpectFieldError(With(Common("contact"), {{"worker", "w"}, {"mode", "visit"}, {"minutes", true}}), "minutes");
  ExpectFieldError(With(Common("contact"), {{"worker", "w"}, {"mode", "visit"}, {"minutes", 30.5}}), "minutes");
  ExpectFieldError(With(Common("decision"), {{"paragraph", 85}, {"granted", true}}), "paragraph");
  ExpectFieldError(With(Common("decision"), {{"paragraph", "85"}, {"granted", "true"}}), "granted");
  ExpectFieldError(With(Common("decision"), {{"paragraph", "85"}, {"granted", 1}}), "granted");
  ExpectFieldError(With(Common("housing"), {{"situation", 3}}), "situation");
  ExpectFieldError(With(Common("housing"), {{"situation", "shelter"}, {"ready_for_housing", "yes"}}),
                   "ready_for_housing");
  ExpectFieldError(With(Common("course_phase"), {{"course", "c"}, {"phase", "2"}}), "phase");
  ExpectFieldError(With(Common("course_phase"), {{"course", 12}, {"phase", 2}}), "course");
  ExpectFieldError(With(Common("note"), {{"text", json::array({"a"})}}), "text");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"citizen", 151}}), "citizen");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"municipality", 151}}), "municipality");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"date", 20240301}}), "date");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"id", 17}}), "id");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"kind", 1}}), "kind");
  ExpectFieldError(With(Common("release_planned"),
                        {{"from", "prison"}, {"expected", 20240415}, {"housing_solution", false}}),
                   "expected");
  ExpectFieldError(With(Common("assessment"), {{"needs", json::array({1, 2})}, {"uses_ordinary_services", "no"}}),
                   "needs");
  ExpectFieldError(With(Common("assessment"), {{"needs", {{"housing", "2"}}}, {"uses_ordinary_services", "no"}}),
                   "needs.housing");
}

TEST(EntryJsonTest, WholeNumbersMayBeWrittenAsFloats) {
  // docs/journal-format.md: whole numbers; 30.0 is read as 30.
  auto c = ParseEntry(With(Common("contact"), {{"worker", "w"}, {"mode", "visit"}, {"minutes", 30.0}}), Options());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->As<Contact>()->minutes, 30);
  auto a = ParseEntry(With(Common("assessment"), {{"needs", {{"housing", 2.0}}}, {"uses_ordinary_services", "no"}}),
                      Options());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->As<Assessment>()->need(LifeArea::kHousing), 2);
}

// Found by fuzz/entry_fuzz.cc (UBSan, float-cast-overflow): a whole number written as a float
// beyond int64_t (4.4e107) was converted to int64_t to see whether it was whole — undefined
// behaviour, which on x86 made it "not a whole number". It is a whole number, out of range.
TEST(EntryJsonTest, HugeWholeFloatsAreOutOfRangeNotConverted) {
  for (double huge : {4.44e107, 1e19, 0x1p63, -0x1p63 * 2, -1e300, 1.7e308}) {
    auto c = ParseEntry(With(Common("contact"), {{"worker", "w"}, {"mode", "visit"}, {"minutes", huge}}),
                        Options());
    ASSERT_FALSE(c.ok()) << huge;
    ASSERT_EQ(c.status().field_errors().size(), 1u) << c.status().ToString();
    EXPECT_EQ(c.status().field_errors()[0].field, "minutes");
    EXPECT_EQ(c.status().field_errors()[0].code, "out_of_range") << huge << ": " << c.status().ToString();
  }
  auto r = ParseEntryLine(R"({"citizen": "151-0001", "municipality": "151", "kind": "contact", )"
                          R"("date": "2024-03-01", "worker": "w", "mode": "visit", "minutes": 1e400})",
                          Options());
  EXPECT_FALSE(r.ok());  // beyond double: not a number JSON can hold
}

TEST(EntryJsonTest, ValuesOutsideTheAllowedSetAreNamed) {
  ExpectFieldError(With(Common("housing"), {{"situation", "couch"}}), "situation");
  ExpectFieldError(With(Common("housing"), {{"situation", "Shelter"}}), "situation");
  ExpectFieldError(With(Common("registered"), {{"cpr", "150685-1234"}, {"referred_by", "police"}}), "referred_by");
  ExpectFieldError(With(Common("assessment"), {{"needs", {{"housing", 1}}}, {"uses_ordinary_services", "sometimes"}}),
                   "uses_ordinary_services");
  ExpectFieldError(With(Common("decision"), {{"paragraph", "86"}, {"granted", true}}), "paragraph");
  ExpectFieldError(With(Common("decision"), {{"paragraph", "85A"}, {"granted", true}}), "paragraph");
  ExpectFieldError(With(Common("action_plan"), {{"status", "maybe"}}), "status");
  ExpectFieldError(With(Common("course_started"), {{"course", "c"}, {"method", "cti"}, {"worker", "w"}}), "method");
  ExpectFieldError(With(Common("course_started"), {{"course", "c"}, {"method", "Housing First"}, {"worker", "w"}}),
                   "method");
  ExpectFieldError(With(Common("course_ended"), {{"course", "c"}, {"reason", "bored"}}), "reason");
  ExpectFieldError(With(Common("contact"), {{"worker", "w"}, {"mode", "email"}, {"minutes", 10}}), "mode");
  ExpectFieldError(With(Common("release_planned"),
                        {{"from", "army"}, {"expected", "2024-04-01"}, {"housing_solution", false}}),
                   "from");
  ExpectFieldError(With(Common("housing_offer"), {{"unit", "B-1"}, {"status", "maybe"}}), "status");
  ExpectFieldError(With(Common("youth_status"), {{"activity", "sleeping"}}), "activity");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"kind", "birthday"}}), "kind");
}

// The youth model's kinds (DESIGN §10): a team member's errors name the member.
TEST(EntryJsonTest, YouthKindsAreValidatedFieldByField) {
  auto team = [](const json& members) { return With(Common("youth_team"), {{"members", members}}); };
  ExpectFieldError(team(json::array()), "members");
  ExpectFieldError(team("coordinator"), "members");
  ExpectFieldError(team(json::array({"coordinator"})), "members[0]");
  ExpectFieldError(team(json::array({{{"role", "coordinator"}}, {{"role", "mentor"}}})), "members[1].role");
  ExpectFieldError(team(json::array({{{"name", "Mette"}}})), "members[0].role");
  ExpectFieldError(team(json::array({{{"role", "other"}, {"name", ""}}})), "members[0].name");
  ExpectFieldError(team(json::array({{{"role", "other"}, {"phone", "12345678"}}})), "members[0].phone");
  json many = json::array();
  for (int i = 0; i < 31; ++i) many.push_back({{"role", "other"}});
  ExpectFieldError(team(many), "members");
  auto member_error = ParseEntry(team(json::array({{{"role", "mentor"}}})), Options());
  ASSERT_FALSE(member_error.ok());
  EXPECT_EQ(member_error.status().field_errors().at(0).code, "not_one_of");

  ExpectFieldError(With(Common("youth_background"), {{"former_placement", "yes"}, {"family_case", false},
                                                     {"own_family_case", false}}),
                   "former_placement");
  ExpectFieldError(With(Common("youth_background"), {{"former_placement", true}, {"family_case", false}}),
                   "own_family_case");
  ExpectFieldError(With(Common("youth_goal"), {{"area", "love"}, {"text", "x"}}), "area");
  ExpectFieldError(With(Common("youth_goal"), {{"area", "housing"}, {"text", ""}}), "text");
  ExpectFieldError(With(Common("youth_goal"), {{"area", "housing"}, {"text", "x"}, {"status", "done"}}), "status");
  // The goal's status is optional (default set) and stays absent in the export.
  auto goal = ParseEntry(With(Common("youth_goal"), {{"area", "housing"}, {"text", "Egen bolig"}}),
                         Options());
  ASSERT_TRUE(goal.ok()) << goal.status().ToString();
  EXPECT_FALSE(goal->As<YouthGoal>()->status.has_value());
  EXPECT_FALSE(ToJson(*goal).contains("status"));
}

TEST(EntryJsonTest, NeedsOutOfRangeAndUnknownAreasAreNamed) {
  auto assessment = [](const json& needs) {
    return With(Common("assessment"), {{"needs", needs}, {"uses_ordinary_services", "no"}});
  };
  ExpectFieldError(assessment({{"housing", 5}}), "needs.housing");
  ExpectFieldError(assessment({{"housing", -1}}), "needs.housing");
  ExpectFieldError(assessment({{"network", 2.5}}), "needs.network");
  ExpectFieldError(assessment({{"happiness", 2}}), "needs.happiness");
  ExpectFieldError(assessment({{"Housing", 2}}), "needs.Housing");
  for (int v = 0; v <= 4; ++v) EXPECT_TRUE(ParseEntry(assessment({{"housing", v}}), Options()).ok()) << v;
  // Areas may be left out.
  auto e = ParseEntry(assessment(json::object()), Options());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->As<Assessment>()->need(LifeArea::kHousing), -1);
  // Several bad areas: each is named.
  auto bad = ParseEntry(assessment({{"housing", 9}, {"finances", 2}, {"luck", 1}}), Options());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(ErrorFields(bad), UnorderedElementsAre("needs.housing", "needs.luck"));
}

TEST(EntryJsonTest, RangesOfNumbers) {
  auto phase = [](const json& p) { return With(Common("course_phase"), {{"course", "c"}, {"phase", p}}); };
  ExpectFieldError(phase(4), "phase");
  ExpectFieldError(phase(0), "phase");
  ExpectFieldError(phase(-1), "phase");
  for (int p = 1; p <= 3; ++p) EXPECT_TRUE(ParseEntry(phase(p), Options()).ok()) << p;

  auto minutes = [](const json& m) {
    return With(Common("contact"), {{"worker", "w"}, {"mode", "phone"}, {"minutes", m}});
  };
  ExpectFieldError(minutes(0), "minutes");
  ExpectFieldError(minutes(-5), "minutes");
  ExpectFieldError(minutes(1441), "minutes");
  ExpectFieldError(minutes(json(18446744073709551615ULL)), "minutes");
  EXPECT_TRUE(ParseEntry(minutes(1), Options()).ok());
  EXPECT_TRUE(ParseEntry(minutes(1440), Options()).ok());
}

// Limits count characters (code points), not bytes: 20,000 "ø" (40,000 bytes) is a note, one
// more is too long; the same for a name of 200 characters.
TEST(EntryJsonTest, TextLimitsCountCharactersNotBytes) {
  std::string oe;
  for (size_t i = 0; i < kMaxTextLength; ++i) oe += "ø";
  auto note = [](const std::string& t) { return With(Common("note"), {{"text", t}}); };
  EXPECT_TRUE(ParseEntry(note(oe), Options()).ok());
  auto over = ParseEntry(note(oe + "ø"), Options());
  ASSERT_FALSE(over.ok());
  ASSERT_EQ(over.status().field_errors().size(), 1u);
  EXPECT_EQ(over.status().field_errors()[0].field, "text");
  EXPECT_EQ(over.status().field_errors()[0].code, "too_long");
  EXPECT_EQ(over.status().field_errors()[0].args, std::vector<std::string>{"20000"});
  std::string name;
  for (size_t i = 0; i < kMaxNameLength; ++i) name += "\xe2\x82\xac";  // €, three bytes
  auto registered = [](const std::string& n) {
    return With(Common("registered"), {{"birth_date", "1980-01-01"}, {"name", n}});
  };
  EXPECT_TRUE(ParseEntry(registered(name), Options()).ok());
  ExpectFieldError(registered(name + "a"), "name");
}

TEST(EntryJsonTest, UnknownFieldsAreNamed) {
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"colour", "red"}}), "colour");
  // A field of another kind is unknown here.
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"worker", "w"}}), "worker");
  ExpectFieldError(With(Common("died"), {{"reason", "other"}}), "reason");
  ExpectFieldError(With(Common("note"), {{"text", "x"}, {"Text", "y"}}), "Text");
  // Each unknown field is named.
  auto e = ParseEntry(With(Common("moved"), {{"to", "101"}, {"from", "151"}, {"extra", 1}}), Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), UnorderedElementsAre("from", "extra"));
}

TEST(EntryJsonTest, UnknownMunicipalityCodes) {
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"municipality", "999"}}), "municipality");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"municipality", "0151"}}), "municipality");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"municipality", "15"}}), "municipality");
  ExpectFieldError(With(Common("moved"), {{"to", "999"}}), "to");
  ExpectFieldError(With(Common("moved"), {{"to", "Ballerup"}}), "to");
  EXPECT_TRUE(ParseEntry(With(Common("moved"), {{"to", "851"}}), Options()).ok());
}

TEST(EntryJsonTest, Dates) {
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"date", "2023-02-29"}}), "date");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"date", "2024-1-01"}}), "date");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"date", "2024-03-01T00:00:00Z"}}), "date");
  ExpectFieldError(With(Common("release_planned"),
                        {{"from", "hospital"}, {"expected", "2024-04-31"}, {"housing_solution", true}}),
                   "expected");
  EXPECT_TRUE(ParseEntry(With(Common("housing"), {{"situation", "street"}, {"date", "2024-02-29"}}), Options()).ok());
}

TEST(EntryJsonTest, RecordedInTheFutureIsRefused) {
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"recorded", "2024-06-01T12:00:00.001Z"}}),
                   "recorded");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"recorded", "2030-01-01T00:00:00Z"}}),
                   "recorded");
  // 13:30 at +02:00 is 11:30Z: not in the future.
  auto e = ParseEntry(With(Common("housing"), {{"situation", "street"}, {"recorded", "2024-06-01T13:30:00+02:00"}}),
                      Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->recorded.ToString(), "2024-06-01T11:30:00Z");
  // Exactly now is allowed.
  EXPECT_TRUE(
      ParseEntry(With(Common("housing"), {{"situation", "street"}, {"recorded", "2024-06-01T12:00:00Z"}}), Options())
          .ok());
}

// The field errors (field, code, args) of a parse that must fail.
std::vector<FieldError> Errors(const json& j) {
  auto e = ParseEntry(j, Options());
  EXPECT_FALSE(e.ok()) << "accepted: " << j.dump();
  return e.ok() ? std::vector<FieldError>{} : e.status().field_errors();
}
bool Accepted(const json& j) {
  auto e = ParseEntry(j, Options());
  EXPECT_TRUE(e.ok()) << j.dump() << " → " << e.status().ToString();
  return e.ok();
}

// Plausibility (DESIGN §4): `date` is not later than the day of `recorded` in Danish time.
TEST(EntryJsonPlausibilityTest, DateNotAfterTheDanishDayOfRecorded) {
  json housing = With(Common("housing"), {{"situation", "street"}});
  // Summer (CEST, UTC+2): 1 July begins at 22:00Z on 30 June.
  EXPECT_TRUE(
      Accepted(With(housing, {{"date", "2024-05-01"}, {"recorded", "2024-04-30T22:00:00Z"}})));
  auto errors =
      Errors(With(housing, {{"date", "2024-05-01"}, {"recorded", "2024-04-30T21:59:59.999Z"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "date");
  EXPECT_EQ(errors[0].code, "after_recorded");
  EXPECT_EQ(errors[0].args, std::vector<std::string>{"2024-04-30"});
  // Winter (CET, UTC+1): 1 March begins at 23:00Z on 29 February.
  EXPECT_TRUE(
      Accepted(With(housing, {{"date", "2024-03-01"}, {"recorded", "2024-02-29T23:00:00Z"}})));
  EXPECT_EQ(
      Errors(With(housing, {{"date", "2024-03-01"}, {"recorded", "2024-02-29T22:59:59Z"}}))[0].code,
      "after_recorded");
  // Without `recorded`, the day of "now" (2024-06-01T12:00Z) is the bound.
  json unrecorded = housing;
  unrecorded.erase("recorded");
  EXPECT_TRUE(Accepted(With(unrecorded, {{"date", "2024-06-01"}})));
  EXPECT_EQ(Errors(With(unrecorded, {{"date", "2024-06-02"}}))[0].args,
            std::vector<std::string>{"2024-06-01"});
  // A `recorded` that is itself refused sets no bound of its own.
  auto bad = Errors(With(housing, {{"date", "2024-07-01"}, {"recorded", "2030-01-01T00:00:00Z"}}));
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].field, "recorded");
}

TEST(EntryJsonPlausibilityTest, ARegistrationsBirthIsNotAfterItsDate) {
  json reg = Common("registered");  // dated 2024-03-01
  EXPECT_TRUE(Accepted(With(reg, {{"birth_date", "2024-03-01"}})));
  auto errors = Errors(With(reg, {{"birth_date", "2024-03-02"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "birth_date");
  EXPECT_EQ(errors[0].code, "born_after_date");
  EXPECT_EQ(errors[0].args, std::vector<std::string>{"2024-03-02"});
  // From the CPR number by the century rule: 7th digit 4 and YY ≤ 36 is the 2000s.
  EXPECT_TRUE(Accepted(With(reg, {{"cpr", "010324-4001"}})));
  errors = Errors(With(reg, {{"cpr", "020324-4001"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "cpr");
  EXPECT_EQ(errors[0].code, "born_after_date");
  EXPECT_EQ(errors[0].args, std::vector<std::string>{"2024-03-02"});
  // A CPR number of 2030 (DDMMYY 010130, 7th digit 4).
  EXPECT_EQ(Errors(With(reg, {{"cpr", "010130-4123"}}))[0].args,
            std::vector<std::string>{"2030-01-01"});
}

TEST(EntryJsonPlausibilityTest, AReleaseIsNotExpectedBeforeItsDate) {
  json rel = With(Common("release_planned"),
                  {{"from", "prison"}, {"housing_solution", false}});  // 2024-03-01
  EXPECT_TRUE(Accepted(With(rel, {{"expected", "2024-03-01"}})));
  auto errors = Errors(With(rel, {{"expected", "2024-02-29"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "expected");
  EXPECT_EQ(errors[0].code, "before_date");
  EXPECT_EQ(errors[0].args, std::vector<std::string>{"2024-03-01"});
}

TEST(EntryJsonPlausibilityTest, ANameOfOnlySpacesIsEmpty) {
  json reg = With(Common("registered"), {{"birth_date", "1990-01-01"}});
  for (const char* blank : {" ", "   ", "\xC2\xA0", " \xE2\x80\x83 ", "\xE3\x80\x80"}) {
    auto errors = Errors(With(reg, {{"name", blank}}));
    ASSERT_EQ(errors.size(), 1u) << blank;
    EXPECT_EQ(errors[0].field, "name");
    EXPECT_EQ(errors[0].code, "empty");
  }
  EXPECT_EQ(Errors(With(reg, {{"name", ""}}))[0].code, "empty");
  // Kept as written when there is more than space.
  auto e = ParseEntry(With(reg, {{"name", " Anna "}}), Options());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e->As<Registered>()->name, " Anna ");
  EXPECT_TRUE(Accepted(With(reg, {{"name", "A"}})));
}

TEST(EntryJsonTest, MalformedRecordedIsRefused) {
  for (const char* bad : {"2024-03-01T09:00:00", "2024-03-01", "yesterday", "2024-02-30T09:00:00Z", ""}) {
    ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"recorded", bad}}), "recorded");
  }
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"recorded", 1709283600000}}), "recorded");
}

TEST(EntryJsonTest, EveryProblemOfOneEntryIsReported) {
  json j = {{"citizen", "151-0001"},
            {"municipality", "999"},
            {"kind", "housing"},
            {"date", "2023-02-29"},
            {"recorded", "2030-01-01T00:00:00Z"},
            {"situation", "couch"},
            {"ready_for_housing", "yes"},
            {"colour", "red"}};
  auto e = ParseEntry(j, Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), UnorderedElementsAre("municipality", "date", "recorded", "situation",
                                                   "ready_for_housing", "colour"));
  // The message names the first problem as `field: reason`.
  EXPECT_EQ(e.status().message(),
            e.status().field_errors().front().field + ": " + e.status().field_errors().front().reason);

  auto contact = ParseEntry(With(Common("contact"), {{"worker", ""}, {"mode", "fax"}, {"minutes", 0}}), Options());
  ASSERT_FALSE(contact.ok());
  EXPECT_THAT(ErrorFields(contact), UnorderedElementsAre("worker", "mode", "minutes"));
}

TEST(EntryJsonTest, StringsMustBeNonEmptyAndWithoutControlCharacters) {
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"citizen", ""}}), "citizen");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"by", "a\x01"}}), "by");
  ExpectFieldError(With(Common("housing"), {{"situation", "street"}, {"citizen", std::string(65, 'c')}}), "citizen");
  // Notes may hold newlines and tabs.
  EXPECT_TRUE(ParseEntry(With(Common("note"), {{"text", "a\n\tb"}}), Options()).ok());
}

TEST(EntryJsonTest, NotAnObject) {
  for (const json& j : {json::array({1, 2}), json("housing"), json(3), json(nullptr)}) {
    auto e = ParseEntry(j, Options());
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(ErrorFields(e), Contains("json"));
  }
}

TEST(EntryJsonTest, ParseEntryLineReportsBadJsonUnderJson) {
  for (const char* line : {"{not json", "{\"kind\": \"housing\",}", "", "{\"a\": 1} trailing", "[1, 2]"}) {
    auto e = ParseEntryLine(line, Options());
    ASSERT_FALSE(e.ok()) << line;
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(ErrorFields(e), Contains("json")) << line;
  }
  auto ok = ParseEntryLine(Valid(AllKinds()[1]).dump(), Options());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ToJson(*ok), Valid(AllKinds()[1]));
}

TEST(EntryJsonTest, FieldErrorsOfBadLineAreNamedNotJson) {
  auto e = ParseEntryLine(R"({"citizen": "151-0001", "municipality": "151", "kind": "housing", "date": "2024-03-01"})",
                          Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(ErrorFields(e), UnorderedElementsAre("situation"));
  EXPECT_THAT(e.status().field_errors(), Contains(Field(&FieldError::field, "situation")));
}

// ---- The allocation's kinds (docs/housing.md) ----

TEST(EntryJsonTest, ADwellingEntryNamesTheDwellingNotACitizen) {
  auto e = ParseEntry(Valid(AllKinds()[16]), Options());  // unit_listed
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->unit, "151-B0001");
  EXPECT_TRUE(e->citizen.empty());
  EXPECT_TRUE(e->about_dwelling());
  EXPECT_EQ(e->subject(), "151-B0001");
  const auto* u = e->As<UnitListed>();
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->unit_kind, UnitKind::kAlmen);
  EXPECT_EQ(u->rent, 6200);
  EXPECT_EQ(u->quota, true);

  json both = Valid(AllKinds()[16]);
  both["citizen"] = "151-0001";
  ExpectFieldError(both, "citizen");
  json neither = Valid(AllKinds()[17]);
  neither.erase("unit");
  ExpectFieldError(neither, "unit");
}

TEST(EntryJsonTest, AVoidNamesACitizenOrADwellingNeverBoth) {
  json of_unit = Common("void");
  of_unit.erase("citizen");
  of_unit["unit"] = "151-B0001";
  of_unit["entry"] = "x0";
  auto e = ParseEntry(of_unit, Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->unit, "151-B0001");
  EXPECT_EQ(ToJson(*e), of_unit);

  json both = of_unit;
  both["citizen"] = "151-0001";
  ExpectFieldError(both, "unit");
  // `unit` is a field of no other citizen kind (housing_offer has its own).
  ExpectFieldError(With(Valid(AllKinds()[1]), {{"unit", "151-B0001"}}), "unit");
}

// The travel team's kinds (DESIGN §10) are about the entry's municipality: a `citizen` or a
// `unit` is refused, as is every bad field, each named.
TEST(EntryJsonTest, AMunicipalityEntryNamesNeitherCitizenNorDwelling) {
  json support = Valid(AllKinds()[25]);
  auto e = ParseEntry(support, Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->about_municipality());
  EXPECT_FALSE(e->about_dwelling());
  EXPECT_EQ(e->municipality, "151");
  const auto* a = e->As<SupportActivity>();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->activity, SupportKind::kNetwork);
  EXPECT_EQ(a->minutes, 180);
  EXPECT_EQ(a->with, (std::vector<std::string>{"730", "101"}));
  EXPECT_FALSE(ToJson(*e).contains("citizen"));

  ExpectFieldError(With(support, {{"citizen", "151-0001"}}), "citizen");
  ExpectFieldError(With(support, {{"unit", "151-B0001"}}), "unit");
  json status = Valid(AllKinds()[26]);
  ExpectFieldError(With(status, {{"citizen", "151-0001"}}), "citizen");
  auto refused = ParseEntry(With(status, {{"citizen", "151-0001"}}), Options());
  EXPECT_EQ(refused.status().field_errors().front().code, "municipality_entry");

  ExpectFieldError(With(support, {{"activity", "lecture"}}), "activity");
  ExpectFieldError(With(support, {{"topic", "ACT"}}), "topic");  // topics are lower case
  ExpectFieldError(With(support, {{"minutes", 0}}), "minutes");
  ExpectFieldError(With(support, {{"minutes", 7 * 24 * 60 + 1}}), "minutes");
  ExpectFieldError(With(support, {{"minutes", "60"}}), "minutes");
  ExpectFieldError(With(support, {{"participants", 0}}), "participants");
  ExpectFieldError(With(support, {{"with", {"730", "999"}}}), "with");
  ExpectFieldError(With(support, {{"with", {"730", "730"}}}), "with");
  ExpectFieldError(With(support, {{"with", "730"}}), "with");
  ExpectFieldError(With(support, {{"with", json::array()}}), "with");
  ExpectFieldError(With(status, {{"method", "icm"}}), "method");  // methods as the field writes them
  ExpectFieldError(With(status, {{"stage", "done"}}), "stage");
  ExpectFieldError(With(status, {{"text", ""}}), "text");
  ExpectFieldError(With(status, {{"minutes", 5}}), "minutes");  // a field of the other kind
  ExpectFieldError(With(status, {{"municipality", "999"}}), "municipality");

  // A void of a municipality entry names neither either.
  json v = Common("void");
  v.erase("citizen");
  v["entry"] = "x0";
  auto ve = ParseEntry(v, Options());
  ASSERT_TRUE(ve.ok()) << ve.status().ToString();
  EXPECT_TRUE(ve->about_municipality());
  EXPECT_EQ(ToJson(*ve), v);
}

TEST(EntryJsonTest, AReasonOnlyForADeclinedOffer) {
  ExpectFieldError(With(Common("housing_offer"), {{"unit", "B-1"}, {"status", "offered"}, {"reason", "size"}}),
                   "reason");
  ExpectFieldError(With(Common("housing_offer"), {{"unit", "B-1"}, {"status", "declined"}, {"reason", "cheap"}}),
                   "reason");
  auto e = ParseEntry(With(Common("housing_offer"), {{"unit", "B-1"}, {"status", "declined"}}), Options());
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->As<HousingOffer>()->reason.has_value());
}

TEST(EntryJsonTest, TheAllocationsFieldsAndTheirRanges) {
  json listed = Valid(AllKinds()[16]);
  ExpectFieldError(With(listed, {{"rooms", 0}}), "rooms");
  ExpectFieldError(With(listed, {{"rooms", 7}}), "rooms");
  ExpectFieldError(With(listed, {{"rent", -1}}), "rent");
  ExpectFieldError(With(listed, {{"rent", 4500.5}}), "rent");
  ExpectFieldError(With(listed, {{"unit_kind", "villa"}}), "unit_kind");
  ExpectFieldError(With(listed, {{"youth_only", "yes"}}), "youth_only");
  json approved = Valid(AllKinds()[18]);
  ExpectFieldError(With(approved, {{"rooms_min", 0}}), "rooms_min");
  ExpectFieldError(With(approved, {{"areas", json::array()}}), "areas");
  ExpectFieldError(With(approved, {{"areas", {"nord", "nord"}}}), "areas");
  ExpectFieldError(With(approved, {{"areas", {"nord", 3}}}), "areas");
  ExpectFieldError(With(approved, {{"areas", "nord"}}), "areas");
  ExpectFieldError(With(Valid(AllKinds()[19]), {{"reason", "bored"}}), "reason");
  ExpectFieldError(With(Valid(AllKinds()[20]), {{"amount", 0}}), "amount");
  ExpectFieldError(With(Valid(AllKinds()[21]), {{"to", "bank"}}), "to");
}


// Outreach (DESIGN §10): an anonymous registration has an alias and perhaps an age estimate,
// never a CPR number, birth date or name; the fields of one are refused on any other.
TEST(EntryJsonTest, AnonymousRegistration) {
  json anon = With(Common("registered"), {{"anonymous", true}, {"alias", "Manden med hunden"}, {"age_estimate", 45}});
  auto e = ParseEntry(anon, Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  const auto* r = e->As<Registered>();
  EXPECT_TRUE(r->anonymous);
  EXPECT_EQ(*r->alias, "Manden med hunden");
  EXPECT_EQ(*r->age_estimate, 45);
  EXPECT_FALSE(r->birth_date.has_value());
  EXPECT_EQ(ToJson(*e), anon);  // round trip
  json no_estimate = anon;
  no_estimate.erase("age_estimate");
  EXPECT_TRUE(ParseEntry(no_estimate, Options()).ok());
  json no_alias = anon;
  no_alias.erase("alias");
  ExpectFieldError(no_alias, "alias");
  ExpectFieldError(With(anon, {{"alias", "  "}}), "alias");
  ExpectFieldError(With(anon, {{"cpr", "150685-1234"}}), "cpr");
  ExpectFieldError(With(anon, {{"birth_date", "1980-01-01"}}), "birth_date");
  ExpectFieldError(With(anon, {{"name", "Anna"}}), "name");
  ExpectFieldError(With(anon, {{"age_estimate", 11}}), "age_estimate");
  ExpectFieldError(With(anon, {{"age_estimate", 101}}), "age_estimate");
  ExpectFieldError(With(anon, {{"age_estimate", 40.5}}), "age_estimate");
  ExpectFieldError(With(anon, {{"anonymous", "yes"}}), "anonymous");
  auto with_cpr = ParseEntry(With(anon, {{"cpr", "150685-1234"}}), Options());
  EXPECT_EQ(with_cpr.status().field_errors().front().code, "anonymous_identity");
  // Alias and estimate only with anonymous: true.
  json named = With(Common("registered"), {{"cpr", "150685-1234"}});
  ExpectFieldError(With(named, {{"alias", "X"}}), "alias");
  ExpectFieldError(With(named, {{"age_estimate", 40}}), "age_estimate");
  ExpectFieldError(With(named, {{"anonymous", false}, {"alias", "X"}}), "alias");
  // Without anonymous, a CPR number or birth date is still required.
  ExpectFieldError(With(Common("registered"), {{"anonymous", false}}), "cpr");
}

TEST(EntryJsonTest, IdentifiedNeedsConsentAndACprNumber) {
  json id = With(Common("identified"), {{"cpr", "1506851234"}, {"consent", true}});
  auto e = ParseEntry(id, Options());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->As<Identified>()->birth_date, *ParseDate("1985-06-15"));
  EXPECT_EQ(*GivenCpr(*e), "1506851234");
  ExpectFieldError(With(id, {{"consent", false}}), "consent");
  EXPECT_EQ(ParseEntry(With(id, {{"consent", false}}), Options()).status().field_errors().front().code,
            "consent_required");
  json no_consent = id;
  no_consent.erase("consent");
  ExpectFieldError(no_consent, "consent");
  json no_cpr = id;
  no_cpr.erase("cpr");
  ExpectFieldError(no_cpr, "cpr");
  ExpectFieldError(With(id, {{"cpr", "310299-1234"}}), "cpr");
  ExpectFieldError(With(id, {{"name", " "}}), "name");
  ExpectFieldError(With(id, {{"birth_date", "1985-06-15"}}), "birth_date");
  // A CPR number born after the identification's date.
  ExpectFieldError(With(id, {{"cpr", "010624-4001"}, {"date", "2024-03-01"}}), "cpr");
}

TEST(EntryJsonTest, ContactPlaceAndNight) {
  json c = With(Common("contact"), {{"worker", "w"}, {"mode", "outreach"}, {"minutes", 15}});
  EXPECT_TRUE(ParseEntry(c, Options()).ok());
  auto e = ParseEntry(With(c, {{"place", "Nørreport"}, {"night", false}}), Options());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e->As<Contact>()->place, "Nørreport");
  EXPECT_FALSE(*e->As<Contact>()->night);
  ExpectFieldError(With(c, {{"place", ""}}), "place");
  ExpectFieldError(With(c, {{"place", "   "}}), "place");
  ExpectFieldError(With(c, {{"place", std::string(201, 'x')}}), "place");
  ExpectFieldError(With(c, {{"night", 1}}), "night");
}

}  // namespace
}  // namespace tov
