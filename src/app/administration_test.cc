// Tests of the users' real names (administration.h): the check of a full name (trimmed, 1–100
// characters counted as code points, no control characters, valid UTF-8), how the pages name a
// user, and adding and changing users with and without one, on the real app over SQLite.
#include "app/administration.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "security/crypto.h"

namespace tov {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The code of the one field error of `s` for `full_name`, or "(ok)".
std::string Code(const StatusOr<std::string>& s) {
  if (s.ok()) return "(ok)";
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  if (s.status().field_errors().size() != 1) return "(not one field error)";
  const FieldError& e = s.status().field_errors().front();
  EXPECT_EQ(e.field, "full_name");
  return e.code;
}

TEST(CheckFullName, TrimsAndKeepsLettersOfEveryKind) {
  EXPECT_EQ(*CheckFullName("  Søren Ærø-Åberg \t\n"), "Søren Ærø-Åberg");
  EXPECT_EQ(*CheckFullName("Fatima El-Amin"), "Fatima El-Amin");
  EXPECT_EQ(*CheckFullName("A"), "A");
  EXPECT_EQ(*CheckFullName("Anne  Marie"), "Anne  Marie") << "white space inside is the user's";
}

TEST(CheckFullName, CountsCharactersNotBytes) {
  const std::string hundred = Repeat("æ", 100);  // 200 bytes
  EXPECT_EQ(Code(CheckFullName(hundred)), "(ok)");
  EXPECT_EQ(Code(CheckFullName(" " + hundred + " ")), "(ok)") << "trimmed before it is counted";
  EXPECT_EQ(Code(CheckFullName(hundred + "a")), "too_long");
  auto too_long = CheckFullName(Repeat("a", 101));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().field_errors().front().args, std::vector<std::string>{"100"});
}

TEST(CheckFullName, RefusesEmptyControlCharactersAndBrokenText) {
  EXPECT_EQ(Code(CheckFullName("")), "empty");
  EXPECT_EQ(Code(CheckFullName(" \t ")), "empty");
  EXPECT_EQ(Code(CheckFullName("Jens\tHansen")), "control_characters");
  EXPECT_EQ(Code(CheckFullName("Jens\nHansen")), "control_characters");
  EXPECT_EQ(Code(CheckFullName("Jens\x7fHansen")), "control_characters");
  EXPECT_EQ(Code(CheckFullName("Jens\xC2\x85Hansen")), "control_characters") << "U+0085, a C1 control";
  EXPECT_EQ(Code(CheckFullName("Jens\xC2\xA0Hansen")), "(ok)") << "U+00A0 is a space, not a control";
  EXPECT_EQ(Code(CheckFullName("Jens\xFFHansen")), "not_string");
  EXPECT_EQ(Code(CheckFullName(std::string("Jens\0Hansen", 11))), "not_string");
}

TEST(UserLabel, IsTheFullNameWithTheUserNameOrTheUserNameAlone) {
  EXPECT_EQ(UserLabel("mkj", "Mette Kjær"), "Mette Kjær (mkj)");
  EXPECT_EQ(UserLabel("mkj", ""), "mkj");
  UserInfo u{"w151", Role::kWorker, "151", true, "Fatima El-Amin"};
  EXPECT_EQ(UserLabel(u), "Fatima El-Amin (w151)");
}

class Administration : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tov-admin-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    StoreOptions o;
    o.path = (dir_ / "t.db").string();
    o.key_path = (dir_ / "t.key").string();
    ASSERT_TRUE(crypto::CreateKeyFile(o.key_path).ok());
    auto app = App::Open(o);
    ASSERT_TRUE(app.ok()) << app.status().message();
    app_ = std::move(*app);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::optional<UserInfo> Find(const std::string& name) {
    auto all = ListUsers(*app_, admin_);
    EXPECT_TRUE(all.ok());
    if (all.ok())
      for (const auto& u : *all)
        if (u.name == name) return u;
    return std::nullopt;
  }

  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  const Principal admin_{"admin1", Role::kAdmin, ""};
  const std::string password_ = "a long enough password";
};

TEST_F(Administration, AUserIsAddedWithATrimmedFullNameOrNone) {
  NewUser with{"mkj", "caseworker", "151", password_, "  Mette Kjær Andersen "};
  ASSERT_TRUE(AddUser(*app_, admin_, with).ok());
  ASSERT_TRUE(AddUser(*app_, admin_, {"bo", "worker", "151", password_}).ok());
  EXPECT_EQ(Find("mkj")->full_name, "Mette Kjær Andersen");
  EXPECT_EQ(Find("bo")->full_name, "");
}

TEST_F(Administration, ABadFullNameIsRefusedWithTheOtherFieldErrorsAndNothingIsStored) {
  NewUser bad{"bad name!", "caseworker", "151", password_, Repeat("x", 101)};
  Status s = AddUser(*app_, admin_, bad);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& e : s.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "full_name"}));
  NewUser empty{"mkj", "caseworker", "151", password_, "   "};
  s = AddUser(*app_, admin_, empty);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field_errors().front().field, "full_name");
  EXPECT_EQ(s.field_errors().front().code, "empty");
  EXPECT_FALSE(Find("mkj").has_value());
}

TEST_F(Administration, ChangingAUserSetsTheFullNameAndKeepsItWhenNoneIsGiven) {
  ASSERT_TRUE(AddUser(*app_, admin_, {"bo", "worker", "151", password_}).ok());
  UserChange named;
  named.full_name = " Bo Ørsted ";
  auto changed = ChangeUser(*app_, admin_, "bo", named);
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->full_name, "Bo Ørsted");
  EXPECT_EQ(Find("bo")->full_name, "Bo Ørsted");
  // Another change leaves the name as it is.
  UserChange role;
  role.role = "caseworker";
  ASSERT_TRUE(ChangeUser(*app_, admin_, "bo", role).ok());
  EXPECT_EQ(Find("bo")->full_name, "Bo Ørsted");
  EXPECT_EQ(Find("bo")->role, Role::kCaseworker);
  // A bad one changes nothing, not even the fields that were fine.
  UserChange bad;
  bad.full_name = "Bo\x01";
  bad.role = "leader";
  auto refused = ChangeUser(*app_, admin_, "bo", bad);
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field_errors().front().field, "full_name");
  EXPECT_EQ(refused.status().field_errors().front().code, "control_characters");
  EXPECT_EQ(Find("bo")->full_name, "Bo Ørsted");
  EXPECT_EQ(Find("bo")->role, Role::kCaseworker);
  // The administrative log says that the name was set, not what it is.
  auto log = ReadAdminLog(*app_, admin_);
  ASSERT_TRUE(log.ok());
  bool seen = false;
  for (const auto& r : *log) {
    if (r.action == "user_change" && r.detail == "bo: full name set") seen = true;
    EXPECT_EQ(r.detail.find("Ørsted"), std::string::npos) << r.detail;
  }
  EXPECT_TRUE(seen);
}

TEST_F(Administration, ColleaguesCarryTheirFullNames) {
  ASSERT_TRUE(AddUser(*app_, admin_, {"bo", "worker", "151", password_, "Bo Ørsted"}).ok());
  ASSERT_TRUE(AddUser(*app_, admin_, {"cw", "caseworker", "151", password_}).ok());
  auto colleagues = ListColleagues(*app_, {"cw", Role::kCaseworker, "151"});
  ASSERT_TRUE(colleagues.ok());
  ASSERT_EQ(colleagues->size(), 2u);
  EXPECT_EQ((*colleagues)[0].name, "bo");
  EXPECT_EQ((*colleagues)[0].full_name, "Bo Ørsted");
  EXPECT_EQ((*colleagues)[1].full_name, "");
}

}  // namespace
}  // namespace tov
