// Accounts through the API (docs/api.md "Users", docs/security.md "Accounts"): deactivation and
// changes that end sessions at once, passwords an administrator sets, the rules for passwords,
// the absolute session lifetime, the back-off per source address, the __Host- cookie and the
// log of administrative actions.
#include <gtest/gtest.h>

#include <string>

#include "api_test_util.h"
#include "app/passwords.h"
#include "report/alerts.h"

namespace tov::apitest {
namespace {

using nlohmann::json;

const UserSpec kAdmin{"admin1", "admin", ""};
const UserSpec kCw{"cw151", "caseworker", "151"};

class Accounts : public PerStore {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start(
        {kAdmin, kCw, {"cw2", "caseworker", "151"}, {"leader151", "leader", "151"}});
    ASSERT_NE(server_, nullptr);
    admin_ = server_->Login("admin1");
  }
  Reply Patch(const std::string& name, const json& body, const Session* s = nullptr) {
    return server_->Call("PATCH", "/api/v1/users/" + name, body.dump(), s ? s : &admin_);
  }
  bool Works(const Session& s) { return server_->Get("/api/v1/session", &s).status == 200; }

  std::unique_ptr<ApiServer> server_;
  Session admin_;
};
TOV_API_ON_BOTH_STORES(Accounts);

TEST_P(Accounts, ADeactivatedUserCannotLogInAndTheirSessionsEndAtOnce) {
  Session a = server_->Login("cw151");
  Session b = server_->Login("cw151");
  Session other = server_->Login("cw2");
  ASSERT_TRUE(Works(a) && Works(b));
  Reply r = Patch("cw151", {{"active", false}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j["active"], false);
  EXPECT_EQ(r.j["role"], "caseworker");
  // At once: no second passes, the sessions were in memory.
  EXPECT_EQ(server_->Get("/api/v1/session", &a).status, 401);
  EXPECT_EQ(server_->Get("/api/v1/citizens", &b).status, 401);
  EXPECT_TRUE(Works(other));
  // The same answer as an unknown user.
  const Reply unknown = server_->LoginReply("nobody-at-all");
  Reply login = server_->LoginReply("cw151");
  EXPECT_EQ(login.status, 401);
  EXPECT_EQ(login.body, unknown.body);
  // Listed as inactive, and back again.
  Reply list = server_->Get("/api/v1/users", &admin_);
  bool seen = false;
  for (const auto& u : list.j["users"])
    if (u["name"] == "cw151") seen = u["active"] == false;
  EXPECT_TRUE(seen) << list.body;
  ASSERT_EQ(Patch("cw151", {{"active", true}}).status, 200);
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
}

TEST_P(Accounts, APasswordTheAdministratorSetsEndsTheSessionsAndMustBeChangedOnThePages) {
  Session a = server_->Login("cw151");
  Session b = server_->Login("cw151");
  const std::string set = "set by the administrator 7";
  Reply r = Patch("cw151", {{"password", set}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Works(a));
  EXPECT_FALSE(Works(b));
  EXPECT_EQ(server_->LoginReply("cw151").status, 401);  // the old password
  Reply login = server_->LoginReply("cw151", set);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.j["must_change_password"], true);
  Session fresh;
  for (const auto& sc : login.Headers("Set-Cookie"))
    if (sc.rfind("tov_session=", 0) == 0) fresh.cookie = sc.substr(0, sc.find(';'));
  fresh.csrf = login.j["csrf_token"];
  Session second;
  {
    Reply again = server_->LoginReply("cw151", set);
    for (const auto& sc : again.Headers("Set-Cookie"))
      if (sc.rfind("tov_session=", 0) == 0) second.cookie = sc.substr(0, sc.find(';'));
    second.csrf = again.j["csrf_token"];
  }
  // The pages lead to the password page and nowhere else.
  Reply page = server_->Call("GET", "/borgere", "", &fresh, false);
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("Location"), "/adgangskode");
  EXPECT_EQ(server_->Call("GET", "/adgangskode", "", &fresh, false).status, 200);
  // The user chooses their own: the current one is checked, the rules hold.
  auto change = [&](const json& body) {
    return server_->Call("PUT", "/api/v1/session/password", body.dump(), &fresh);
  };
  ExpectJsonError(
      change({{"current_password", "wrong one here"}, {"new_password", "my very own secret"}}), 422,
      "current_password");
  ExpectJsonError(change({{"current_password", set}, {"new_password", "short"}}), 422,
                  "new_password");
  ExpectJsonError(change({{"current_password", set}, {"new_password", "password1234"}}), 422,
                  "new_password");
  ExpectJsonError(change({{"current_password", set}, {"new_password", set}}), 422, "new_password");
  ExpectJsonError(change({{"current_password", set}}), 422, "new_password");
  Reply ok = change({{"current_password", set}, {"new_password", "my very own secret"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  // Its own session goes on, with nothing left to change; the user's other sessions end.
  Reply me = server_->Get("/api/v1/session", &fresh);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.j["must_change_password"], false);
  EXPECT_EQ(server_->Call("GET", "/borgere", "", &fresh, false).status, 200);
  EXPECT_FALSE(Works(second));
  Reply now = server_->LoginReply("cw151", "my very own secret");
  EXPECT_EQ(now.status, 200);
  EXPECT_EQ(now.j["must_change_password"], false);
}

TEST_P(Accounts, AUserTheAdministratorAddsMustChooseTheirOwnPasswordTheOperatorsNeedNot) {
  Reply added = server_->Post("/api/v1/users",
                              {{"name", "new.one"},
                               {"role", "caseworker"},
                               {"municipality", "151"},
                               {"password", "given by the admin 1"}},
                              &admin_);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(server_->LoginReply("new.one", "given by the admin 1").j["must_change_password"], true);
  EXPECT_EQ(server_->LoginReply("cw2").j["must_change_password"], false);  // added by the operator
}

// The real name (docs/api.md "Users"): optional when a user is added, changed by PATCH without
// ending any session, listed by GET; the pages add, list and change it through the same use case.
TEST_P(Accounts, AUsersFullNameIsAddedChangedAndListed) {
  auto listed = [&](const std::string& name) -> json {
    const Reply all = server_->Get("/api/v1/users", &admin_);
    for (const auto& u : all.j["users"])
      if (u["name"] == name) return u;
    return json();
  };
  json user = {{"name", "mkj"}, {"role", "caseworker"}, {"municipality", "151"}, {"password", "given by the admin 1"}};
  user["full_name"] = "  Mette Kjær Andersen ";
  ASSERT_EQ(server_->Post("/api/v1/users", user, &admin_).status, 201);
  EXPECT_EQ(listed("mkj")["full_name"], "Mette Kjær Andersen");
  EXPECT_EQ(listed("cw151")["full_name"], "") << "a user added without one";
  // Refused: not a string, empty, too long (characters, not bytes), a control character.
  user["name"] = "other";
  for (const json& bad : {json(7), json("   "), json(std::string(101, 'x')), json("Mette\x07")}) {
    user["full_name"] = bad;
    ExpectJsonError(server_->Post("/api/v1/users", user, &admin_), 422, "full_name");
  }
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "ø";
  user["full_name"] = hundred;
  EXPECT_EQ(server_->Post("/api/v1/users", user, &admin_).status, 201) << "100 characters of two bytes each";
  // PATCH sets it, answers with it, and ends no session.
  Session cw = server_->Login("cw151");
  Reply r = Patch("cw151", {{"full_name", "Bo Ørsted"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j["full_name"], "Bo Ørsted");
  EXPECT_EQ(listed("cw151")["full_name"], "Bo Ørsted");
  EXPECT_TRUE(Works(cw));
  ExpectJsonError(Patch("cw151", {{"full_name", ""}}), 422, "full_name");
  ExpectJsonError(Patch("cw151", {{"full_name", nullptr}}), 422, "full_name");
  EXPECT_EQ(listed("cw151")["full_name"], "Bo Ørsted");
  ASSERT_EQ(Patch("cw151", {{"role", "leader"}}).status, 200);
  EXPECT_EQ(listed("cw151")["full_name"], "Bo Ørsted") << "a change without it keeps it";

  // The pages: the list shows it, the form adds it, the user's page changes it.
  auto form = [&](const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(admin_.csrf) + "&" + fields, &admin_, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  Reply page = server_->Get("/brugere", &admin_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td>Mette Kjær Andersen</td>"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"full_name\""), std::string::npos);
  Reply added = form("/brugere", "name=lhn&full_name=" + UrlEncode("Lise Hvid Nørgaard") +
                                     "&role=worker&municipality=151&password=" + UrlEncode("given by the admin 2"));
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 400);
  EXPECT_EQ(listed("lhn")["full_name"], "Lise Hvid Nørgaard");
  Reply none = form("/brugere", "name=nn&full_name=&role=worker&municipality=151&password=" +
                                    UrlEncode("given by the admin 3"));
  ASSERT_EQ(none.status, 303) << "the real name is optional";
  EXPECT_EQ(listed("nn")["full_name"], "");
  Reply too_long = form("/brugere", "name=tl&full_name=" + std::string(101, 'x') +
                                        "&role=worker&municipality=151&password=" + UrlEncode("given by the admin 4"));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("Må højst være 100 tegn."), std::string::npos);
  EXPECT_TRUE(listed("tl").is_null());
  Reply edit = server_->Get("/brugere/lhn", &admin_);
  ASSERT_EQ(edit.status, 200);
  EXPECT_NE(edit.body.find("value=\"Lise Hvid Nørgaard\""), std::string::npos);
  ASSERT_EQ(form("/brugere/lhn", "full_name=" + UrlEncode("Lise H. Nørgaard") + "&role=worker&municipality=151&active=yes").status,
            303);
  EXPECT_EQ(listed("lhn")["full_name"], "Lise H. Nørgaard");
  // A user without one stays without one when their page is saved with the field left empty.
  ASSERT_EQ(form("/brugere/nn", "full_name=&role=worker&municipality=151&active=yes").status, 303);
  EXPECT_EQ(listed("nn")["full_name"], "");
  Reply emptied = form("/brugere/lhn", "full_name=&role=worker&municipality=151&active=yes");
  EXPECT_EQ(emptied.status, 422);
  EXPECT_NE(emptied.body.find("Må ikke være tom."), std::string::npos);
  EXPECT_EQ(listed("lhn")["full_name"], "Lise H. Nørgaard");
}

TEST_P(Accounts, ARoleOrMunicipalityChangeEndsTheSessionsAndIsChecked) {
  Session a = server_->Login("cw151");
  Reply r = Patch("cw151", {{"role", "leader"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j["role"], "leader");
  EXPECT_EQ(r.j["municipality"], "151");
  EXPECT_FALSE(Works(a));
  Session b = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/api/v1/session", &b).j["role"], "leader");
  // To national: the municipality goes with the role.
  r = Patch("cw151", {{"role", "national"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j["municipality"], "");
  ExpectJsonError(Patch("cw151", {{"role", "caseworker"}}), 422, "municipality");
  ASSERT_EQ(Patch("cw151", {{"role", "caseworker"}, {"municipality", "101"}}).status, 200);
  ExpectJsonError(Patch("cw151", {{"role", "king"}}), 422, "role");
  ExpectJsonError(Patch("cw151", {{"role", "operator"}}), 422, "role");
  ExpectJsonError(Patch("cw151", {{"municipality", "999"}}), 422, "municipality");
  ExpectJsonError(Patch("cw151", {{"active", "no"}}), 422, "active");
  ExpectJsonError(Patch("cw151", {{"name", "renamed"}}), 422, "name");
  ExpectJsonError(Patch("cw151", {{"password", "12345678"}}), 422, "password");
  ExpectJsonError(Patch("nobody", {{"active", false}}), 404);
  // Administrators only, and never against themselves.
  Session leader = server_->Login("leader151");
  ExpectJsonError(Patch("cw2", {{"active", false}}, &leader), 403);
  ExpectJsonError(Patch("admin1", {{"active", false}}), 422, "active");
  ExpectJsonError(Patch("admin1", {{"role", "national"}}), 422, "role");
  EXPECT_TRUE(Works(admin_));
  // An administrator's own new password keeps their session (the other sessions end).
  Session other = server_->Login("admin1");
  ASSERT_EQ(Patch("admin1", {{"password", "the admins new one 2"}}).status, 200);
  EXPECT_TRUE(Works(admin_));
  EXPECT_FALSE(Works(other));
  EXPECT_EQ(server_->LoginReply("admin1", "the admins new one 2").j["must_change_password"], false);
}

TEST_P(Accounts, PasswordsHaveTwelveCharactersAndAreNotCommonOrTheUserName) {
  auto add = [&](const std::string& name, const std::string& password) {
    return server_->Post(
        "/api/v1/users",
        {{"name", name}, {"role", "caseworker"}, {"municipality", "151"}, {"password", password}},
        &admin_);
  };
  ExpectJsonError(add("p1", "12345678"), 422, "password");
  ExpectJsonError(add("p1", "elevenchars"), 422, "password");
  ExpectJsonError(add("p1", "123456789012"), 422, "password");  // on the list
  ExpectJsonError(add("p1", "Password1234"), 422, "password");  // on the list, any case
  ExpectJsonError(add("jens.hansen", "xx jens.hansen xx"), 422, "password");
  ExpectJsonError(add("p1", "aaaaaaaaaaaaaaaa"), 422, "password");
  EXPECT_EQ(add("p1", "twelve chars").status, 201);
  // Characters, not bytes: 12 letters of two bytes each pass, 11 do not.
  EXPECT_EQ(add("p2", "ææææøøøøåååå").status, 201);
  ExpectJsonError(add("p3", "ææææøøøøååå"), 422, "password");
  EXPECT_TRUE(IsCommonPassword("QWERTYUIOP12"));
  EXPECT_FALSE(IsCommonPassword("correct horse battery"));
}

TEST_P(Accounts, EveryAdministrativeActionIsInTheAdminLogWithoutPasswords) {
  ASSERT_EQ(server_
                ->Post("/api/v1/users",
                       {{"name", "logged"},
                        {"role", "leader"},
                        {"municipality", "151"},
                        {"password", "a secret of theirs 5"}},
                       &admin_)
                .status,
            201);
  ASSERT_EQ(Patch("logged", {{"active", false}, {"password", "another secret 77"}}).status, 200);
  Session leader = server_->Login("leader151");
  ASSERT_EQ(
      server_->Call("PUT", "/api/v1/settings?municipality=151", R"({"shelter_months": 5})", &leader)
          .status,
      200);
  Reply log = server_->Get("/api/v1/admin-log", &admin_);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.body.find("secret"), std::string::npos) << log.body;
  std::vector<std::string> seen;
  for (const auto& a : log.j["actions"])
    seen.push_back(a["user"].get<std::string>() + " " + a["action"].get<std::string>() + " " +
                   a["detail"].get<std::string>());
  auto has = [&](const std::string& s) {
    return std::any_of(seen.begin(), seen.end(),
                       [&](const std::string& x) { return x.find(s) == 0; });
  };
  EXPECT_TRUE(has("admin1 user_add logged leader 151")) << log.body;
  EXPECT_TRUE(has("admin1 user_change logged: deactivated, password set")) << log.body;
  EXPECT_TRUE(has("leader151 settings_change 151 shelter_months")) << log.body;
  // Newest first, and reading it is logged too.
  EXPECT_EQ(server_->Get("/api/v1/admin-log", &admin_).j["actions"][0]["action"], "read_admin_log");
  ExpectJsonError(server_->Get("/api/v1/admin-log", &leader), 403);
}

TEST_P(Accounts, ASessionEndsTwelveHoursAfterItsLoginHoweverOftenItIsUsed) {
  Session s = server_->Login("cw151");
  for (int i = 0; i < 71; ++i) {  // every 10 minutes for 11 h 50 min
    server_->clock().Advance(std::chrono::minutes(10));
    ASSERT_TRUE(Works(s)) << i;
  }
  server_->clock().Advance(std::chrono::minutes(11));
  EXPECT_FALSE(Works(s));
  EXPECT_TRUE(Works(server_->Login("cw151")));
}

// Every guess comes from 127.0.0.1 here: after 10 failures from one address, it waits 1 s, then
// 2 s, 4 s, … (429 with Retry-After), whatever account it tries; a success starts it again.
TEST_P(Accounts, FailedLoginsFromOneAddressBackOffExponentially) {
  for (int i = 0; i < 10; ++i)
    ExpectJsonError(server_->LoginReply("nobody-" + std::to_string(i), "guess"), 401);
  ExpectJsonError(server_->LoginReply("nobody-x", "guess"), 401);  // the 11th: 1 s from now
  Reply wait = server_->LoginReply("cw151");  // even the right password of another account
  ExpectJsonError(wait, 429);
  EXPECT_EQ(wait.Header("Retry-After"), "1");
  server_->clock().Advance(std::chrono::seconds(1));
  ExpectJsonError(server_->LoginReply("nobody-y", "guess"), 401);  // the 12th: 2 s
  EXPECT_EQ(server_->LoginReply("cw151").Header("Retry-After"), "2");
  server_->clock().Advance(std::chrono::seconds(2));
  ExpectJsonError(server_->LoginReply("nobody-z", "guess"), 401);  // the 13th: 4 s
  EXPECT_EQ(server_->LoginReply("cw151").Header("Retry-After"), "4");
  server_->clock().Advance(std::chrono::seconds(4));
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
  // The success started the count again.
  for (int i = 0; i < 10; ++i) ExpectJsonError(server_->LoginReply("nobody", "guess"), 401);
  EXPECT_EQ(server_->LoginReply("cw151").status, 200);
}

// The settings of DESIGN §7: GET gives every threshold in force as {key: number}; PUT changes
// some of them, all or none, by a leader of that municipality; each change is logged.
TEST_P(Accounts, SettingsAreReadAndChangedWholeByTheMunicipalitysLeader) {
  Session leader = server_->Login("leader151");
  Session cw = server_->Login("cw151");
  Reply defaults = server_->Get("/api/v1/settings?municipality=151", &cw);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.j["shelter_months"], 6);
  EXPECT_EQ(defaults.j["youth_age"], 30);
  EXPECT_EQ(defaults.j["offer_days"], 14);
  EXPECT_EQ(defaults.j.size(), report::ThresholdKeys().size());
  auto put = [&](const std::string& m, const std::string& body, const Session& s) {
    return server_->Call("PUT", "/api/v1/settings?municipality=" + m, body, &s);
  };
  Reply changed = put("151", R"({"shelter_months": 4, "youth_age": "25"})", leader);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.j["shelter_months"], 4);
  EXPECT_EQ(changed.j["youth_age"], 25);
  EXPECT_EQ(server_->Get("/api/v1/settings?municipality=151", &cw).j["shelter_months"], 4);
  EXPECT_EQ(server_->Get("/api/v1/settings?municipality=101", &cw).j["shelter_months"], 6);
  // All or none: one bad key refuses the rest, with a field error per key.
  Reply bad =
      put("151", R"({"cti_months": 12, "youth_age": 99, "colour": 1, "release_days": -1})", leader);
  ExpectJsonError(bad, 422, "youth_age");
  EXPECT_TRUE(bad.j["fields"].contains("colour")) << bad.body;
  EXPECT_TRUE(bad.j["fields"].contains("release_days")) << bad.body;
  EXPECT_FALSE(bad.j["fields"].contains("cti_months")) << bad.body;
  Reply after = server_->Get("/api/v1/settings?municipality=151", &cw);
  EXPECT_EQ(after.j["cti_months"], 9);
  EXPECT_EQ(after.j["youth_age"], 25);
  ExpectJsonError(put("151", "[1]", leader), 400);
  ExpectJsonError(put("151", "{}", leader), 422);
  // Only a leader, and only their own municipality's.
  ExpectJsonError(put("151", R"({"cti_months": 12})", cw), 403);
  ExpectJsonError(put("101", R"({"cti_months": 12})", leader), 403);
  ExpectJsonError(put("151", R"({"cti_months": 12})", admin_), 403);
  // Logged with the old and the new value.
  Reply log = server_->Get("/api/v1/admin-log", &admin_);
  EXPECT_NE(log.body.find("151 shelter_months: (default) -> 4"), std::string::npos) << log.body;
  EXPECT_NE(log.body.find("151 youth_age: (default) -> 25"), std::string::npos) << log.body;
}

TEST(AccountsSecure, BehindTlsTheSessionCookieHasTheHostPrefix) {
  auto server = ApiServer::Start({kCw}, "", {}, nullptr, ApiServer::DefaultNow(),
                                 [](web::WebOptions& o) { o.secure_cookies = true; });
  ASSERT_NE(server, nullptr);
  Reply login = server->LoginReply("cw151");
  ASSERT_EQ(login.status, 200);
  std::string cookie;
  for (const auto& sc : login.Headers("Set-Cookie"))
    if (sc.find("tov_session=") != std::string::npos) cookie = sc;
  EXPECT_EQ(cookie.rfind("__Host-tov_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
  Session s = server->Login("cw151");
  EXPECT_EQ(server->Get("/api/v1/session", &s).status, 200);
  // The plain name is not a session there.
  Session plain{"tov_session=" + s.cookie.substr(s.cookie.find('=') + 1), s.csrf};
  EXPECT_EQ(server->Get("/api/v1/session", &plain).status, 401);
}

}  // namespace
}  // namespace tov::apitest
