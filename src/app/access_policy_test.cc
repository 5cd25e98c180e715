// Tests of the access policy: the whole role × permission table written out independently,
// every role against citizens of its own and another municipality (and a worker against their
// own and a colleague's course), which kinds each role records, and what each role sees.
#include "app/access_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/journal.h"

namespace tov {
namespace {

constexpr Role kRoles[] = {Role::kWorker,   Role::kCaseworker, Role::kLeader, Role::kHousing,
                           Role::kNational, Role::kAdmin,      Role::kOperator};

// What each role may do, by permission name: the table docs/security.md and docs/api.md state.
const std::map<Role, std::set<std::string>> kExpected = {
    {Role::kWorker, {"read_citizens", "record_entries", "read_alerts"}},
    {Role::kCaseworker,
     {"read_citizens", "register_citizens", "record_entries", "reveal_cpr", "read_alerts", "read_status_report",
      "read_settings", "read_allocation"}},
    {Role::kLeader,
     {"read_citizens", "register_citizens", "record_entries", "reveal_cpr", "read_alerts", "read_status_report",
      "read_access_log", "read_settings", "change_settings", "read_allocation", "record_implementation"}},
    {Role::kHousing, {"read_citizens", "record_entries", "read_allocation"}},
    {Role::kNational,
     {"read_alerts", "read_status_report", "read_national_figures", "read_settings", "record_implementation"}},
    {Role::kAdmin, {"read_access_log", "manage_users", "read_settings"}},
    {Role::kOperator,
     {"read_citizens", "register_citizens", "record_entries", "reveal_cpr", "read_alerts", "read_status_report",
      "read_national_figures", "read_access_log", "manage_users", "read_settings", "change_settings", "import_export",
      "read_allocation", "record_implementation"}},
};

TEST(AccessPolicy, EveryRoleTimesEveryPermission) {
  for (Role r : kRoles) {
    for (int i = 0; i < kPermissionCount; ++i) {
      Permission p = static_cast<Permission>(i);
      bool expected = kExpected.at(r).count(std::string(PermissionName(p))) > 0;
      EXPECT_EQ(Allowed(r, p), expected) << RoleName(r) << " × " << PermissionName(p);
    }
  }
}

TEST(AccessPolicy, RoleNames) {
  for (Role r : kRoles) {
    if (r == Role::kOperator) {
      EXPECT_FALSE(ParseRole(RoleName(r))) << "no user account may have the operator's role";
      continue;
    }
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("Caseworker"));
  EXPECT_FALSE(ParseRole(""));
}

class AccessPolicyCitizens : public ::testing::Test {
 protected:
  void SetUp() override {
    Timestamp t = *ParseTimestamp("2024-06-01T10:00:00Z");
    auto add = [&](std::string citizen, std::string municipality, Date d, EntryBody body) {
      Entry e;
      e.citizen = std::move(citizen);
      e.municipality = std::move(municipality);
      e.date = d;
      e.recorded = t;
      e.body = std::move(body);
      batch_.push_back(std::move(e));
    };
    const Date d = *ParseDate("2024-01-01");
    add("151-0001", "151", d, Registered{std::nullopt, *ParseDate("1980-01-01"), true, std::string("A"), std::nullopt, false, std::nullopt, std::nullopt});
    add("151-0001", "151", d, CourseStarted{"c1", Method::kICM, "w1"});
    add("730-0001", "730", d, Registered{std::nullopt, *ParseDate("1980-01-01"), true, std::string("B"), std::nullopt, false, std::nullopt, std::nullopt});
    add("730-0001", "730", d, CourseStarted{"c2", Method::kICM, "w1"});
    // Moves to 730 on 2024-03-01.
    add("151-0002", "151", d, Registered{std::nullopt, *ParseDate("1980-01-01"), true, std::string("C"), std::nullopt, false, std::nullopt, std::nullopt});
    add("151-0002", "151", *ParseDate("2024-03-01"), Moved{"730"});
    ASSERT_TRUE(journal_.Check(batch_).empty());
    int64_t seq = 0;
    for (Entry& e : batch_) {
      e.seq = ++seq;
      journal_.Add(e);
    }
  }
  bool Sees(Role r, const std::string& municipality, const std::string& citizen, const std::string& user = "w1",
            const char* date = "2024-06-01") {
    return MaySeeCitizen({user, r, municipality}, journal_.CourseOf(citizen), *ParseDate(date));
  }
  std::vector<Entry> batch_;
  Journal journal_;
};

TEST_F(AccessPolicyCitizens, EveryRoleAgainstItsOwnAndAnotherMunicipality) {
  struct Case {
    Role role;
    bool own, other;
  };
  const Case cases[] = {{Role::kCaseworker, true, false}, {Role::kLeader, true, false}, {Role::kHousing, true, false},
                        {Role::kWorker, true, false},     {Role::kNational, false, false}, {Role::kAdmin, false, false}};
  for (const Case& c : cases) {
    std::string m = c.role == Role::kNational || c.role == Role::kAdmin ? "" : "151";
    EXPECT_EQ(Sees(c.role, m, "151-0001"), c.own) << RoleName(c.role);
    EXPECT_EQ(Sees(c.role, m, "730-0001"), c.other) << RoleName(c.role);
    EXPECT_EQ(Sees(c.role, "730", "730-0001"), c.own && c.role != Role::kNational && c.role != Role::kAdmin) << RoleName(c.role);
  }
  EXPECT_TRUE(MaySeeCitizen(Principal::Operator("cli:x"), journal_.CourseOf("730-0001"), *ParseDate("2024-06-01")));
  EXPECT_FALSE(Sees(Role::kCaseworker, "151", "151-9999")) << "a citizen who does not exist";
}

TEST_F(AccessPolicyCitizens, AWorkerSeesOnlyTheCoursesTheyHold) {
  EXPECT_TRUE(Sees(Role::kWorker, "151", "151-0001", "w1"));
  EXPECT_FALSE(Sees(Role::kWorker, "151", "151-0001", "w2"));
  EXPECT_FALSE(Sees(Role::kWorker, "151", "151-0002", "w1")) << "no course";
  EXPECT_FALSE(Sees(Role::kWorker, "151", "151-0001", "w1", "2023-12-31")) << "before the course began";
}

TEST_F(AccessPolicyCitizens, AMoveHandsTheCitizenOverOnItsDate) {
  EXPECT_TRUE(Sees(Role::kCaseworker, "151", "151-0002", "x", "2024-02-29"));
  EXPECT_FALSE(Sees(Role::kCaseworker, "730", "151-0002", "x", "2024-02-29"));
  EXPECT_FALSE(Sees(Role::kCaseworker, "151", "151-0002", "x", "2024-03-01"));
  EXPECT_TRUE(Sees(Role::kCaseworker, "730", "151-0002", "x", "2024-03-01"));
}

// A wrong move (docs/security.md, "Annulling a wrong move"): the municipality that recorded it
// may take it back while nothing is recorded after it, for kAnnulMoveDays days.
TEST_F(AccessPolicyCitizens, TheOldMunicipalityMayAnnulAWrongMoveWhileItIsTheLatestEntry) {
  const auto& entries = journal_.EntriesOf("151-0002");
  const Entry& move = *entries.back();  // recorded 2024-06-01
  ASSERT_EQ(move.kind(), Kind::kMoved);
  const Date soon = *ParseDate("2024-06-10"), last_day = *ParseDate("2024-06-15"), late = *ParseDate("2024-06-16");
  EXPECT_TRUE(MayAnnulMove({"cw", Role::kCaseworker, "151"}, move, false, &move, soon));
  EXPECT_TRUE(MayAnnulMove({"leder", Role::kLeader, "151"}, move, false, &move, last_day));
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "151"}, move, false, &move, late)) << "too long after";
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "151"}, move, true, &move, soon)) << "already voided";
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "151"}, move, false, entries.front(), soon))
      << "something was recorded after the move";
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "730"}, move, false, &move, soon))
      << "the new municipality voids as usual (it sees the citizen)";
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "101"}, move, false, &move, soon)) << "a third municipality";
  for (Role r : {Role::kWorker, Role::kHousing, Role::kNational, Role::kAdmin})
    EXPECT_FALSE(MayAnnulMove({"u", r, "151"}, move, false, &move, soon)) << RoleName(r);
  EXPECT_FALSE(MayAnnulMove({"cw", Role::kCaseworker, "151"}, *entries.front(), false, entries.front(), soon))
      << "not a move";
  EXPECT_TRUE(MayAnnulMove(Principal::Operator("cli:x"), move, false, entries.front(), late));
}

TEST(AccessPolicy, WhichKindsEachRoleRecords) {
  const std::map<Role, std::set<Kind>> expected = {
      {Role::kWorker, {Kind::kContact, Kind::kNote, Kind::kHousing, Kind::kCoursePhase, Kind::kAlertFollowup}},
      {Role::kHousing,
       {Kind::kHousing, Kind::kHousingOffer, Kind::kUnitListed, Kind::kUnitWithdrawn, Kind::kHousingApproved,
        Kind::kHousingApprovalEnded, Kind::kDepositLoan, Kind::kHousingDebt}},
      {Role::kNational, {Kind::kSupportActivity, Kind::kImplementationStatus}},
      {Role::kAdmin, {}},
  };
  for (size_t k = 0; k < kKindNames.size(); ++k) {
    Kind kind = static_cast<Kind>(k);
    for (Role r : kRoles) {
      bool want = r == Role::kCaseworker || r == Role::kLeader || r == Role::kOperator || expected.at(r).count(kind);
      // The kinds about a municipality: the travel team, a leader their implementation status.
      if (IsMunicipalityKind(kind))
        want = r == Role::kNational || r == Role::kOperator ||
               (r == Role::kLeader && kind == Kind::kImplementationStatus);
      EXPECT_EQ(MayRecord({"u", r, "151"}, kind), want) << RoleName(r) << " × " << KindName(kind);
    }
  }
}

// Entries about a municipality (DESIGN §10): the travel team records both kinds for every
// municipality; a leader only the implementation status of their own; nobody else any.
TEST(AccessPolicy, WhoRecordsAboutAMunicipality) {
  Entry support, status, void_of_status, void_of_support, about_citizen;
  support.municipality = status.municipality = void_of_status.municipality = void_of_support.municipality = "151";
  support.body = SupportActivity{};
  status.body = ImplementationStatus{};
  void_of_status.body = Void{"s"};
  void_of_support.body = Void{"a"};
  about_citizen.citizen = "151-0001";
  about_citizen.municipality = "151";
  about_citizen.body = Note{"x"};
  Entry other = status;
  other.municipality = "730";
  const Principal national{"rejsehold", Role::kNational, ""};
  const Principal leader{"leder", Role::kLeader, "151"};
  for (const Entry* e : {&support, &status, &other})
    EXPECT_TRUE(MayRecordAboutMunicipality(national, *e, nullptr)) << KindName(e->kind());
  EXPECT_TRUE(MayRecordAboutMunicipality(national, void_of_support, &support));
  EXPECT_TRUE(MayRecordAboutMunicipality(leader, status, nullptr));
  EXPECT_TRUE(MayRecordAboutMunicipality(leader, void_of_status, &status));
  EXPECT_FALSE(MayRecordAboutMunicipality(leader, other, nullptr)) << "another municipality's status";
  EXPECT_FALSE(MayRecordAboutMunicipality(leader, support, nullptr)) << "support is the travel team's";
  EXPECT_FALSE(MayRecordAboutMunicipality(leader, void_of_support, &support));
  for (Role r : {Role::kWorker, Role::kCaseworker, Role::kHousing, Role::kAdmin})
    for (const Entry* e : {&support, &status})
      EXPECT_FALSE(MayRecordAboutMunicipality({"u", r, "151"}, *e, nullptr)) << RoleName(r);
  EXPECT_TRUE(MayRecordAboutMunicipality(Principal::Operator("cli:x"), other, nullptr));
  EXPECT_FALSE(MayRecordAboutMunicipality(national, about_citizen, nullptr)) << "not about a municipality";
}

TEST(AccessPolicy, WhatEachRoleSeesOfACitizen) {
  Entry assessment, note, d85, d107, d110, housing, void_of_note, void_of_housing;
  assessment.body = Assessment{};
  note.body = Note{"x"};
  d85.body = Decision{"85", true};
  d107.body = Decision{"107", true};
  d110.body = Decision{"110", true};
  housing.body = Housing{Situation::kShelter, std::nullopt};
  void_of_note.body = Void{"n"};
  void_of_housing.body = Void{"h"};
  for (Role r : {Role::kWorker, Role::kCaseworker, Role::kLeader, Role::kOperator}) {
    CitizenFilter f = FilterFor({"u", r, "151"});
    for (const Entry* e : {&assessment, &note, &d85, &d107, &d110, &housing}) EXPECT_TRUE(f.Shows(*e)) << RoleName(r);
    EXPECT_TRUE(f.recommendation);
    EXPECT_TRUE(f.alerts);
  }
  CitizenFilter h = FilterFor({"u", Role::kHousing, "151"});
  for (const Entry* e : {&assessment, &note, &d85, &d107, &d110}) EXPECT_FALSE(h.Shows(*e)) << KindName(e->kind());
  EXPECT_TRUE(h.Shows(housing));
  EXPECT_FALSE(h.Shows(void_of_note, &note)) << "a void of a hidden entry is hidden too";
  EXPECT_TRUE(h.Shows(void_of_housing, &housing));
  EXPECT_FALSE(h.recommendation);
  EXPECT_FALSE(h.alerts);
  // The CPR in full only when asked for, and only for roles that may reveal it.
  EXPECT_FALSE(FilterFor({"u", Role::kCaseworker, "151"}).full_cpr);
  EXPECT_TRUE(FilterFor({"u", Role::kCaseworker, "151"}, true).full_cpr);
  EXPECT_FALSE(FilterFor({"u", Role::kWorker, "151"}, true).full_cpr);
  EXPECT_FALSE(FilterFor({"u", Role::kHousing, "151"}, true).full_cpr);
}

}  // namespace
}  // namespace tov
