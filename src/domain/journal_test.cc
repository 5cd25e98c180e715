// Tests for domain/journal: Journal::Check of a batch (ids, registrations, voids, courses) and id assignment.
#include "domain/journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/entry_json.h"

namespace tov {
namespace {

using json = nlohmann::json;

// An entry of `kind` for `citizen` with the kind's fields; `id` empty means none given.
Entry Make(const std::string& citizen, const std::string& kind, json fields = json::object(),
           const std::string& id = "") {
  json j = fields;
  j["citizen"] = citizen;
  j["municipality"] = "151";
  j["kind"] = kind;
  j["date"] = "2024-03-01";
  j["recorded"] = "2024-03-01T09:00:00Z";
  if (!id.empty()) j["id"] = id;
  auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
  EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
  return *e;
}
Entry Reg(const std::string& citizen, const std::string& id = "") {
  return Make(citizen, "registered", {{"birth_date", "1990-01-01"}}, id);
}
Entry Housing(const std::string& citizen, const std::string& id = "") {
  return Make(citizen, "housing", {{"situation", "street"}}, id);
}
Entry Void(const std::string& citizen, const std::string& target, const std::string& id = "") {
  return Make(citizen, "void", {{"entry", target}}, id);
}
Entry Started(const std::string& citizen, const std::string& course, const std::string& method) {
  return Make(citizen, "course_started", {{"course", course}, {"method", method}, {"worker", "w"}});
}
Entry Phase(const std::string& citizen, const std::string& course, int phase) {
  return Make(citizen, "course_phase", {{"course", course}, {"phase", phase}});
}
Entry Ended(const std::string& citizen, const std::string& course) {
  return Make(citizen, "course_ended", {{"course", course}, {"reason", "completed"}});
}

// Checks and adds a batch that must pass, as the app does after storing it.
void AddAll(Journal& journal, std::vector<Entry> batch) {
  auto errors = journal.Check(batch);
  ASSERT_TRUE(errors.empty()) << errors.front().error.field << ": " << errors.front().error.reason;
  int64_t seq = journal.last_seq();
  for (Entry& e : batch) {
    e.seq = ++seq;
    journal.Add(std::move(e));
  }
}

// (index, field) of each problem.
std::vector<std::pair<size_t, std::string>> Problems(const std::vector<BatchError>& errors) {
  std::vector<std::pair<size_t, std::string>> out;
  for (const auto& b : errors) {
    EXPECT_FALSE(b.error.reason.empty());
    out.emplace_back(b.index, b.error.field);
  }
  return out;
}
using P = std::vector<std::pair<size_t, std::string>>;

class JournalCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddAll(journal_, {Reg("c1", "r1"), Housing("c1", "h1"), Reg("c2", "r2"), Housing("c2", "h2")});
  }
  std::vector<BatchError> Check(std::vector<Entry> batch) { return journal_.Check(batch); }
  Journal journal_;
};

TEST_F(JournalCheckTest, AcceptsAValidBatch) {
  EXPECT_TRUE(Check({Housing("c1", "h3"), Reg("c3"), Housing("c3"), Void("c1", "h1")}).empty());
}

TEST_F(JournalCheckTest, DuplicateIdOfTheJournal) {
  EXPECT_EQ(Problems(Check({Housing("c1", "h1")})), (P{{0, "id"}}));
  EXPECT_EQ(Problems(Check({Housing("c2", "x"), Housing("c2", "r1")})), (P{{1, "id"}}));
}

TEST_F(JournalCheckTest, DuplicateIdWithinTheBatch) {
  EXPECT_EQ(Problems(Check({Housing("c1", "b1"), Housing("c2", "b2"), Housing("c1", "b1")})), (P{{2, "id"}}));
}

TEST_F(JournalCheckTest, EntryForAnUnregisteredCitizen) {
  EXPECT_EQ(Problems(Check({Housing("nobody")})), (P{{0, "citizen"}}));
  EXPECT_EQ(Problems(Check({Housing("c1"), Make("c9", "note", {{"text", "hi"}})})), (P{{1, "citizen"}}));
}

TEST_F(JournalCheckTest, RegisteringTwice) {
  EXPECT_EQ(Problems(Check({Reg("c1")})), (P{{0, "citizen"}}));
  EXPECT_EQ(Problems(Check({Reg("c5"), Housing("c5"), Reg("c5")})), (P{{2, "citizen"}}));
}

TEST_F(JournalCheckTest, RegistrationMayComeLaterInTheBatch) {
  // A file need not be sorted: the registration after the citizen's other entries.
  EXPECT_TRUE(Check({Housing("c7", "h7"), Make("c7", "note", {{"text", "hi"}}), Void("c7", "h7"), Reg("c7")})
                  .empty());
}

TEST_F(JournalCheckTest, VoidOfAnUnknownId) {
  EXPECT_EQ(Problems(Check({Void("c1", "nope")})), (P{{0, "entry"}}));
}

TEST_F(JournalCheckTest, VoidOfAVoid) {
  AddAll(journal_, {Void("c1", "h1", "v1")});
  EXPECT_EQ(Problems(Check({Void("c1", "v1")})), (P{{0, "entry"}}));
  // Also when both are in the batch.
  EXPECT_EQ(Problems(Check({Housing("c2", "h9"), Void("c2", "h9", "v9"), Void("c2", "v9")})), (P{{2, "entry"}}));
}

TEST_F(JournalCheckTest, VoidOfAnAlreadyVoidedEntry) {
  AddAll(journal_, {Void("c1", "h1", "v1")});
  EXPECT_EQ(Problems(Check({Void("c1", "h1")})), (P{{0, "entry"}}));
  EXPECT_EQ(Problems(Check({Void("c2", "h2"), Void("c2", "h2")})), (P{{1, "entry"}}));
}

TEST_F(JournalCheckTest, VoidOfAnotherCitizensEntry) {
  EXPECT_EQ(Problems(Check({Void("c2", "h1")})), (P{{0, "entry"}}));
  EXPECT_EQ(Problems(Check({Housing("c1", "h5"), Void("c2", "h5")})), (P{{1, "entry"}}));
}

TEST_F(JournalCheckTest, VoidMustFollowItsTargetInTheBatch) {
  EXPECT_EQ(Problems(Check({Void("c1", "h5"), Housing("c1", "h5")})), (P{{0, "entry"}}));
  EXPECT_TRUE(Check({Housing("c1", "h5"), Void("c1", "h5")}).empty());
}

TEST_F(JournalCheckTest, CoursePhaseAndEndNeedAStartedCourse) {
  EXPECT_EQ(Problems(Check({Phase("c1", "nope", 2)})), (P{{0, "course"}}));
  EXPECT_EQ(Problems(Check({Ended("c1", "nope")})), (P{{0, "course"}}));
  EXPECT_TRUE(Check({Started("c1", "cti1", "CTI"), Phase("c1", "cti1", 2), Ended("c1", "cti1")}).empty());
  // A file sorted by `recorded` may hold a phase recorded before the course's (late) start.
  EXPECT_TRUE(Check({Phase("c1", "cti1", 2), Started("c1", "cti1", "CTI")}).empty());
  // Started twice in one batch is still refused.
  EXPECT_EQ(Problems(Check({Started("c1", "cti1", "CTI"), Started("c1", "cti1", "CTI")})), (P{{1, "course"}}));
}

TEST_F(JournalCheckTest, CoursePhaseOnlyForCti) {
  AddAll(journal_, {Started("c1", "act1", "ACT"), Started("c1", "cti1", "CTI")});
  EXPECT_EQ(Problems(Check({Phase("c1", "act1", 2)})), (P{{0, "phase"}}));
  EXPECT_EQ(Problems(Check({Started("c1", "icm1", "ICM"), Phase("c1", "icm1", 2)})), (P{{1, "phase"}}));
  EXPECT_TRUE(Check({Phase("c1", "cti1", 2)}).empty());
  EXPECT_TRUE(Check({Ended("c1", "act1")}).empty());
}

TEST_F(JournalCheckTest, CourseOfAnotherCitizen) {
  AddAll(journal_, {Started("c1", "cti1", "CTI")});
  EXPECT_EQ(Problems(Check({Phase("c2", "cti1", 2)})), (P{{0, "course"}}));
  EXPECT_EQ(Problems(Check({Ended("c2", "cti1")})), (P{{0, "course"}}));
}

TEST_F(JournalCheckTest, CourseStartedTwice) {
  AddAll(journal_, {Started("c1", "cti1", "CTI")});
  EXPECT_EQ(Problems(Check({Started("c2", "cti1", "ICM")})), (P{{0, "course"}}));
  EXPECT_EQ(Problems(Check({Started("c2", "k", "ICM"), Started("c2", "k", "ICM")})), (P{{1, "course"}}));
}

TEST_F(JournalCheckTest, EveryProblemOfTheBatchIsReported) {
  auto errors = Check({Housing("c1", "h1"), Housing("nobody"), Void("c1", "nope"), Reg("c2"), Phase("c1", "x", 2)});
  EXPECT_THAT(Problems(errors), ::testing::UnorderedElementsAre(std::pair<size_t, std::string>{0, "id"},
                                                                std::pair<size_t, std::string>{1, "citizen"},
                                                                std::pair<size_t, std::string>{2, "entry"},
                                                                std::pair<size_t, std::string>{3, "citizen"},
                                                                std::pair<size_t, std::string>{4, "course"}));
}

TEST_F(JournalCheckTest, AssignsMissingIdsUniquely) {
  // Given ids that look like assigned ones must not be handed out again.
  AddAll(journal_, {Housing("c1", "e6"), Housing("c1", "e7")});
  std::vector<Entry> batch = {Housing("c1"), Housing("c2", "e8"), Housing("c1"), Reg("c3"), Housing("c3")};
  ASSERT_TRUE(journal_.Check(batch).empty());
  std::set<std::string> ids;
  for (const Entry& e : batch) {
    EXPECT_FALSE(e.id.empty());
    EXPECT_EQ(journal_.FindEntry(e.id), nullptr) << e.id;
    ids.insert(e.id);
  }
  EXPECT_EQ(ids.size(), batch.size());
  EXPECT_EQ(batch[1].id, "e8");
  // The assigned ids pass a second check and can be added.
  AddAll(journal_, batch);
  EXPECT_EQ(journal_.size(), 6u + batch.size());
}

TEST(JournalTest, AssignedIdsSkipIdsOfTheSameBatch) {
  Journal journal;
  std::vector<Entry> batch = {Reg("c1", "e1"), Housing("c1"), Housing("c1", "e2"), Housing("c1")};
  ASSERT_TRUE(journal.Check(batch).empty());
  std::set<std::string> ids;
  for (const Entry& e : batch) ids.insert(e.id);
  EXPECT_EQ(ids.size(), 4u);
}

// The id index grows as entries come (no Reserve), finds every one, finds no other, and keeps the
// first of two entries with one id.
TEST(JournalTest, TheIdIndexFindsEveryEntryAsItGrows) {
  Journal j;
  const int n = 5000;
  Entry base = Housing("151-0001");
  for (int i = 1; i <= n; ++i) {
    Entry e = base;
    e.id = i % 2 ? "e" + std::to_string(i) : "a-long-id-beyond-the-short-string-" + std::to_string(i);
    e.seq = i;
    j.Add(std::move(e));
  }
  for (int i = 1; i <= n; ++i) {
    std::string id = i % 2 ? "e" + std::to_string(i) : "a-long-id-beyond-the-short-string-" + std::to_string(i);
    const Entry* e = j.FindEntry(id);
    ASSERT_NE(e, nullptr) << id;
    EXPECT_EQ(e->seq, i);
  }
  EXPECT_EQ(j.FindEntry("e2"), nullptr);
  EXPECT_EQ(j.FindEntry(""), nullptr);
  EXPECT_EQ(j.FindEntry("e" + std::to_string(n + 1)), nullptr);
  Entry again = base;
  again.id = "e1";
  again.seq = n + 1;
  j.Add(std::move(again));
  EXPECT_EQ(j.FindEntry("e1")->seq, 1);
  EXPECT_EQ(Journal().FindEntry("e1"), nullptr);
}

TEST(JournalTest, IndexesAndCourse) {
  Journal journal;
  AddAll(journal, {Reg("c2", "r2"), Reg("c1", "r1"), Housing("c1", "h1"), Void("c1", "h1", "v1")});
  EXPECT_EQ(journal.size(), 4u);
  EXPECT_EQ(journal.last_seq(), 4);
  EXPECT_EQ(journal.citizens(), (std::vector<std::string>{"c2", "c1"}));
  EXPECT_TRUE(journal.HasCitizen("c1"));
  EXPECT_FALSE(journal.HasCitizen("c3"));
  EXPECT_EQ(journal.EntriesOf("c1").size(), 3u);
  EXPECT_TRUE(journal.EntriesOf("c3").empty());
  ASSERT_NE(journal.FindEntry("h1"), nullptr);
  EXPECT_EQ(journal.FindEntry("h1")->seq, 3);
  auto course = journal.CourseOf("c1");
  EXPECT_TRUE(course.registered);
  EXPECT_TRUE(course.situations.empty());  // h1 is voided
}

// ---- The kept courses (the server's projection) ----

// A housing entry of `citizen` with `situation` on `date`, recorded at `recorded`.
Entry HousingAt(const std::string& citizen, const std::string& situation, const std::string& date,
                const std::string& recorded) {
  Entry e = Make(citizen, "housing", {{"situation", situation}});
  e.date = *ParseDate(date);
  e.recorded = *ParseTimestamp(recorded);
  return e;
}

TEST(JournalTest, WithoutKeptCoursesEveryCourseIsFolded) {
  Journal journal;
  AddAll(journal, {Reg("c1"), Housing("c1")});
  EXPECT_FALSE(journal.keeps_courses());
  CitizenCourse scratch;
  const CitizenCourse& c = journal.CourseAt("c1", Timestamp::Max(), scratch);
  EXPECT_EQ(&c, &scratch);
  EXPECT_TRUE(c.registered);
  EXPECT_EQ(c.situations.size(), 1u);
}

TEST(JournalTest, KeptCoursesFollowEveryAddAndEqualAFold) {
  Journal journal;
  AddAll(journal, {Reg("c1"), HousingAt("c1", "street", "2024-03-01", "2024-03-01T09:00:00Z")});
  journal.KeepCourses();
  CitizenCourse scratch;
  const CitizenCourse* kept = &journal.CourseAt("c1", Timestamp::Max(), scratch);
  EXPECT_NE(kept, &scratch);
  EXPECT_EQ(kept->entries, journal.CourseOf("c1").entries);
  EXPECT_EQ(kept->SituationOn(*ParseDate("2024-03-05")), Situation::kStreet);

  // A new entry: until the refresh the course is folded (never a stale one), then kept again.
  AddAll(journal, {HousingAt("c1", "own_home", "2024-03-04", "2024-03-04T09:00:00Z"), Reg("c2")});
  const CitizenCourse& stale = journal.CourseAt("c1", Timestamp::Max(), scratch);
  EXPECT_EQ(&stale, &scratch);
  EXPECT_EQ(stale.SituationOn(*ParseDate("2024-03-05")), Situation::kOwnHome);
  journal.RefreshCourses();
  const CitizenCourse& fresh = journal.CourseAt("c1", Timestamp::Max(), scratch);
  EXPECT_NE(&fresh, &scratch);
  EXPECT_EQ(fresh.SituationOn(*ParseDate("2024-03-05")), Situation::kOwnHome);
  EXPECT_EQ(fresh.entries, journal.CourseOf("c1").entries);
  // A citizen registered after the courses were first kept is kept too.
  const CitizenCourse& c2 = journal.CourseAt("c2", Timestamp::Max(), scratch);
  EXPECT_NE(&c2, &scratch);
  EXPECT_TRUE(c2.registered);

  // Known at a time before the latest entry was recorded: folded as known then.
  CitizenCourse earlier;
  const CitizenCourse& then = journal.CourseAt("c1", *ParseTimestamp("2024-03-02T00:00:00Z"), earlier);
  EXPECT_EQ(&then, &earlier);
  EXPECT_EQ(then.SituationOn(*ParseDate("2024-03-05")), Situation::kStreet);
  // Known at the latest entry's time or later: every entry counts, so the kept one answers.
  EXPECT_NE(&journal.CourseAt("c1", *ParseTimestamp("2024-03-04T09:00:00Z"), earlier), &earlier);
  // An unknown key: an empty fold.
  EXPECT_FALSE(journal.CourseAt("c9", Timestamp::Max(), scratch).registered);
}

TEST(JournalTest, ManyKeptCoursesAreFoldedOnEveryCoreAlike) {
  Journal journal;
  std::vector<Entry> batch;
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "c" + std::to_string(i);
    batch.push_back(Reg(key));
    batch.push_back(HousingAt(key, i % 2 ? "street" : "shelter", "2024-03-02", "2024-03-02T09:00:00Z"));
  }
  AddAll(journal, std::move(batch));
  journal.KeepCourses();
  CitizenCourse scratch;
  for (const std::string& key : journal.citizens()) {
    const CitizenCourse& kept = journal.CourseAt(key, Timestamp::Max(), scratch);
    ASSERT_NE(&kept, &scratch) << key;
    EXPECT_EQ(kept.key, key);
    EXPECT_EQ(kept.entries, journal.CourseOf(key).entries) << key;
  }
}

// ---- The allocation (docs/housing.md) ----

// A dwelling entry of `kind` on `date` (recorded that morning).
Entry UnitEntry(const std::string& unit, const std::string& kind, const std::string& date,
                json fields = json::object(), const std::string& id = "") {
  json j = fields;
  j["unit"] = unit;
  j["municipality"] = "151";
  j["kind"] = kind;
  j["date"] = date;
  j["recorded"] = date + "T09:00:00Z";
  if (!id.empty()) j["id"] = id;
  auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
  EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
  return *e;
}
Entry Listed(const std::string& unit, const std::string& date, const std::string& id = "") {
  return UnitEntry(unit, "unit_listed", date, {{"unit_kind", "almen"}, {"rooms", 1}, {"rent", 4000}}, id);
}
Entry Offer(const std::string& citizen, const std::string& unit, const std::string& status,
            const std::string& date, const std::string& id = "") {
  Entry e = Make(citizen, "housing_offer", {{"unit", unit}, {"status", status}}, id);
  e.date = *ParseDate(date);
  e.recorded = *ParseTimestamp(date + "T10:00:00Z");
  return e;
}

// The (field, code) of each problem of `batch`.
std::vector<std::pair<std::string, std::string>> Problems(const Journal& journal, std::vector<Entry> batch) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& b : journal.Check(batch)) out.emplace_back(b.error.field, b.error.code);
  return out;
}
using Codes = std::vector<std::pair<std::string, std::string>>;

class AllocationCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    AddAll(journal, {Reg("151-0001"), Reg("151-0002"), Listed("151-B1", "2024-03-01", "l1"),
                     Listed("151-B2", "2024-03-01", "l2")});
  }
  Journal journal;
};

TEST_F(AllocationCheck, DwellingsAreIndexedApartFromCitizens) {
  EXPECT_TRUE(journal.HasUnit("151-B1"));
  EXPECT_FALSE(journal.HasCitizen("151-B1"));
  EXPECT_EQ(journal.units(), (std::vector<std::string>{"151-B1", "151-B2"}));
  EXPECT_EQ(journal.citizens(), (std::vector<std::string>{"151-0001", "151-0002"}));
  AddAll(journal, {Offer("151-0001", "151-B1", "offered", "2024-03-05")});
  // The offer is in the citizen's entries and in the dwelling's.
  EXPECT_EQ(journal.EntriesOf("151-0001").size(), 2u);
  EXPECT_EQ(journal.EntriesOfUnit("151-B1").size(), 2u);
}

TEST_F(AllocationCheck, ACitizensKeyIsNeverADwellingsAndTheOtherWayRound) {
  EXPECT_EQ(Problems(journal, {Reg("151-B1")}), (Codes{{"citizen", "key_is_unit"}}));
  EXPECT_EQ(Problems(journal, {Listed("151-0001", "2024-03-01")}), (Codes{{"unit", "key_is_citizen"}}));
  EXPECT_EQ(Problems(journal, {Offer("151-0001", "151-0002", "offered", "2024-03-05")}),
            (Codes{{"unit", "key_is_citizen"}}));
  // Within one batch too.
  EXPECT_EQ(Problems(journal, {Listed("151-0009", "2024-03-01"), Reg("151-0009")}),
            (Codes{{"unit", "key_is_citizen"}, {"citizen", "key_is_unit"}}));
}

TEST_F(AllocationCheck, AWithdrawalNeedsAListing) {
  EXPECT_EQ(Problems(journal, {UnitEntry("151-B9", "unit_withdrawn", "2024-04-01")}),
            (Codes{{"unit", "not_listed"}}));
  EXPECT_TRUE(Problems(journal, {UnitEntry("151-B1", "unit_withdrawn", "2024-04-01")}).empty());
  EXPECT_TRUE(Problems(journal, {Listed("151-B9", "2024-04-01"), UnitEntry("151-B9", "unit_withdrawn", "2024-04-02")}).empty());
}

TEST_F(AllocationCheck, AVoidOfADwellingEntryNamesThatDwelling) {
  Entry v = UnitEntry("151-B1", "void", "2024-03-02", {{"entry", "l1"}});
  EXPECT_TRUE(Problems(journal, {v}).empty());
  Entry wrong = UnitEntry("151-B2", "void", "2024-03-02", {{"entry", "l1"}});
  EXPECT_EQ(Problems(journal, {wrong}), (Codes{{"entry", "other_unit"}}));
  EXPECT_EQ(Problems(journal, {Void("151-0001", "l1")}), (Codes{{"entry", "other_citizen"}}));
}

TEST_F(AllocationCheck, ADwellingHasOneOpenOffer) {
  AddAll(journal, {Offer("151-0001", "151-B1", "offered", "2024-03-05")});
  EXPECT_EQ(Problems(journal, {Offer("151-0002", "151-B1", "offered", "2024-03-06")}),
            (Codes{{"unit", "unit_offer_open"}}));
  // The same citizen's next step is no second offer.
  EXPECT_TRUE(Problems(journal, {Offer("151-0001", "151-B1", "accepted", "2024-03-06")}).empty());
  // Once declined, the dwelling may be offered to the next.
  EXPECT_TRUE(Problems(journal, {Offer("151-0001", "151-B1", "declined", "2024-03-06"),
                                 Offer("151-0002", "151-B1", "offered", "2024-03-07")}).empty());
  // An offer dated before the open one does not overlap it.
  EXPECT_TRUE(Problems(journal, {Offer("151-0002", "151-B1", "offered", "2024-03-02"),
                                 Offer("151-0002", "151-B1", "declined", "2024-03-04")}).empty());
}

TEST_F(AllocationCheck, ACitizenHoldsOneOpenOffer) {
  AddAll(journal, {Offer("151-0001", "151-B1", "offered", "2024-03-05")});
  EXPECT_EQ(Problems(journal, {Offer("151-0001", "151-B2", "offered", "2024-03-06")}),
            (Codes{{"unit", "citizen_offer_open"}}));
  EXPECT_TRUE(Problems(journal, {Offer("151-0001", "151-B1", "declined", "2024-03-06"),
                                 Offer("151-0001", "151-B2", "offered", "2024-03-06")}).empty());
  // A dwelling outside the register is not held to the rules.
  EXPECT_TRUE(Problems(journal, {Offer("151-0001", "B-outside", "offered", "2024-03-06")}).empty());
}

TEST_F(AllocationCheck, AMoveInOnlyWhileTheDwellingIsVacant) {
  AddAll(journal, {Offer("151-0001", "151-B1", "offered", "2024-03-05"),
                   Offer("151-0001", "151-B1", "moved_in", "2024-03-20")});
  EXPECT_EQ(Problems(journal, {Offer("151-0002", "151-B1", "moved_in", "2024-04-01")}),
            (Codes{{"unit", "not_vacant"}}));
  // Before its listing it is not vacant either.
  EXPECT_EQ(Problems(journal, {Offer("151-0002", "151-B2", "moved_in", "2024-02-01")}),
            (Codes{{"unit", "not_vacant"}}));
  AddAll(journal, {UnitEntry("151-B2", "unit_withdrawn", "2024-03-10")});
  EXPECT_EQ(Problems(journal, {Offer("151-0002", "151-B2", "moved_in", "2024-03-12")}),
            (Codes{{"unit", "not_vacant"}}));
  // Listed again after it was vacated: vacant.
  EXPECT_TRUE(Problems(journal, {Listed("151-B1", "2025-01-01"), Offer("151-0002", "151-B1", "moved_in", "2025-02-01")}).empty());
}

TEST_F(AllocationCheck, AnEarlierDatedEntryThatBreaksAStoredOneIsRefused) {
  AddAll(journal, {Offer("151-0001", "151-B1", "moved_in", "2024-03-20", "m1")});
  // A move-in dated before the stored one makes the stored one a move-in to a let dwelling.
  std::vector<Entry> batch{Offer("151-0002", "151-B1", "moved_in", "2024-03-10")};
  auto found = journal.Check(batch);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].index, 0u);
  EXPECT_EQ(found[0].error.code, "not_vacant");
  EXPECT_THAT(found[0].error.reason, ::testing::HasSubstr("\"m1\""));
  // Voiding the stored move-in lets the earlier one stand.
  EXPECT_TRUE(Problems(journal, {Void("151-0001", "m1"), Offer("151-0002", "151-B1", "moved_in", "2024-03-10")}).empty());
}

TEST_F(AllocationCheck, VoidingADeclineReopensTheOffer) {
  AddAll(journal, {Offer("151-0001", "151-B1", "offered", "2024-03-05"),
                   Offer("151-0001", "151-B1", "declined", "2024-03-08", "d1"),
                   Offer("151-0002", "151-B1", "offered", "2024-03-10")});
  EXPECT_EQ(Problems(journal, {Void("151-0001", "d1")}), (Codes{{"unit", "unit_offer_open"}}));
}

// ---- Plausibility (DESIGN §4) and one citizen per CPR number (DESIGN §7) ----

// An entry dated `date` (recorded at noon that day), else as Make.
Entry On(const std::string& date, const std::string& citizen, const std::string& kind,
         json fields = json::object(), const std::string& id = "") {
  json j = fields;
  j["citizen"] = citizen;
  j["municipality"] = "151";
  j["kind"] = kind;
  j["date"] = date;
  j["recorded"] = date + "T12:00:00Z";
  if (!id.empty()) j["id"] = id;
  auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
  EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
  return *e;
}
Entry PhaseOn(const std::string& date, const std::string& course, int phase,
              const std::string& id = "") {
  return On(date, "c1", "course_phase", {{"course", course}, {"phase", phase}}, id);
}

// (index, field, code, args) of each problem.
struct Problem {
  size_t index;
  std::string field, code;
  std::vector<std::string> args;
  bool operator==(const Problem&) const = default;
};
void PrintTo(const Problem& p, std::ostream* os) {
  *os << "{" << p.index << ", " << p.field << ", " << p.code << ", [";
  for (const auto& a : p.args) *os << a << " ";
  *os << "]}";
}
std::vector<Problem> Coded(const std::vector<BatchError>& errors) {
  std::vector<Problem> out;
  for (const auto& b : errors) out.push_back({b.index, b.error.field, b.error.code, b.error.args});
  return out;
}
using Ps = std::vector<Problem>;

// c1 is born 1990-01-01 (Reg); nothing of theirs may be dated before.
TEST_F(JournalCheckTest, NothingBeforeTheCitizensBirth) {
  EXPECT_TRUE(Check({On("1990-01-01", "c1", "housing", {{"situation", "street"}})}).empty());
  EXPECT_EQ(Coded(Check({On("1989-12-31", "c1", "housing", {{"situation", "street"}})})),
            (Ps{{0, "date", "before_birth", {"1990-01-01"}}}));
  EXPECT_EQ(Coded(Check({On("1989-12-31", "c1", "died")})),
            (Ps{{0, "date", "before_birth", {"1990-01-01"}}}));
  // The birth from a CPR number by the century rule: 010120-4123 is 2020-01-01.
  std::vector<Entry> batch{On("2024-03-01", "c8", "registered", {{"cpr", "010120-4123"}}),
                           On("2020-01-01", "c8", "housing", {{"situation", "street"}}),
                           On("2019-12-31", "c8", "note", {{"text", "hi"}})};
  EXPECT_EQ(Coded(Check(batch)), (Ps{{2, "date", "before_birth", {"2020-01-01"}}}));
  // Also when the registration comes later in the file.
  EXPECT_EQ(Coded(Check({On("1979-12-31", "c9", "housing", {{"situation", "street"}}),
                         On("2024-03-01", "c9", "registered", {{"birth_date", "1980-01-01"}})})),
            (Ps{{0, "date", "before_birth", {"1980-01-01"}}}));
}

TEST_F(JournalCheckTest, ARegistrationAfterAVoidedOneMayNotBeBornAfterStoredEntries) {
  // c1's stored housing h1 is dated 2024-03-01.
  AddAll(journal_, {On("2024-04-01", "c1", "void", {{"entry", "r1"}})});
  EXPECT_TRUE(
      Check({On("2024-04-02", "c1", "registered", {{"birth_date", "2024-03-01"}})}).empty());
  EXPECT_EQ(Coded(Check({On("2024-04-02", "c1", "registered", {{"birth_date", "2024-03-02"}})})),
            (Ps{{0, "birth_date", "entries_before_birth", {"h1", "2024-03-01"}}}));
}

TEST_F(JournalCheckTest, PhasesAndEndsNotBeforeTheCourseStarted) {
  AddAll(journal_, {On("2024-03-10", "c1", "course_started",
                       {{"course", "k"}, {"method", "CTI"}, {"worker", "w"}}, "s")});
  EXPECT_TRUE(Check({PhaseOn("2024-03-10", "k", 1)}).empty());
  EXPECT_TRUE(
      Check({On("2024-03-10", "c1", "course_ended", {{"course", "k"}, {"reason", "other"}})})
          .empty());
  EXPECT_EQ(Coded(Check({PhaseOn("2024-03-09", "k", 1)})),
            (Ps{{0, "date", "before_course_start", {"2024-03-10"}}}));
  EXPECT_EQ(Coded(Check(
                {On("2024-03-09", "c1", "course_ended", {{"course", "k"}, {"reason", "other"}})})),
            (Ps{{0, "date", "before_course_start", {"2024-03-10"}}}));
  // A start later in the same batch bounds them too.
  EXPECT_EQ(
      Coded(Check({On("2024-03-01", "c2", "course_ended", {{"course", "m"}, {"reason", "other"}}),
                   On("2024-03-02", "c2", "course_started",
                      {{"course", "m"}, {"method", "ACT"}, {"worker", "w"}})})),
      (Ps{{0, "date", "before_course_start", {"2024-03-02"}}}));
  // A voided start sets no bound (its id stays taken).
  AddAll(journal_, {On("2024-03-11", "c1", "void", {{"entry", "s"}})});
  EXPECT_TRUE(Check({PhaseOn("2024-03-01", "k", 1)}).empty());
}

TEST_F(JournalCheckTest, CtiPhasesNeverGoBack) {
  AddAll(journal_, {On("2024-03-01", "c1", "course_started",
                       {{"course", "k"}, {"method", "CTI"}, {"worker", "w"}})});
  // 1 → 3 → 2 → 3 → 1 on one day: the 2 and the last 1 go back; a phase may be skipped or repeated.
  EXPECT_EQ(Coded(Check({PhaseOn("2024-04-01", "k", 1, "p1"), PhaseOn("2024-04-01", "k", 3, "p3"),
                         PhaseOn("2024-04-01", "k", 2), PhaseOn("2024-04-01", "k", 3),
                         PhaseOn("2024-04-01", "k", 1)})),
            (Ps{{2, "phase", "phase_back", {"3", "2024-04-01"}},
                {4, "phase", "phase_back", {"3", "2024-04-01"}}}));
  AddAll(journal_, {PhaseOn("2024-04-01", "k", 1, "p1"), PhaseOn("2024-06-01", "k", 2, "p2")});
  EXPECT_TRUE(Check({PhaseOn("2024-06-01", "k", 2)}).empty());  // the same phase again
  EXPECT_TRUE(Check({PhaseOn("2024-06-02", "k", 3)}).empty());
  EXPECT_TRUE(Check({PhaseOn("2024-05-31", "k", 2)}).empty());  // 1, 2, 2
  EXPECT_EQ(Coded(Check({PhaseOn("2024-06-02", "k", 1)})),
            (Ps{{0, "phase", "phase_back", {"2", "2024-06-01"}}}));
  // An earlier-dated phase 3 would put the stored phase 2 after it.
  EXPECT_EQ(Coded(Check({PhaseOn("2024-05-31", "k", 3)})),
            (Ps{{0, "phase", "phase_before_lower", {"2", "2024-06-01"}}}));
  // Same day, recorded before the stored phase 2: comes first in course order.
  json early = {{"citizen", "c1"},
                {"municipality", "151"},
                {"kind", "course_phase"},
                {"date", "2024-06-01"},
                {"recorded", "2024-06-01T08:00:00Z"},
                {"course", "k"},
                {"phase", 3}};
  std::vector<Entry> batch{*ParseEntry(early, ParseOptions{Timestamp::Max(), false})};
  EXPECT_EQ(Coded(journal_.Check(batch)),
            (Ps{{0, "phase", "phase_before_lower", {"2", "2024-06-01"}}}));
  // Voiding the stored phase 2 frees the way.
  EXPECT_TRUE(
      Check({On("2024-06-03", "c1", "void", {{"entry", "p2"}}), PhaseOn("2024-05-31", "k", 3)})
          .empty());
}

TEST_F(JournalCheckTest, PhasesBrokenAmongStoredEntriesAloneAreNobodysError) {
  // Written before the rule: 3 then 2, added without the check.
  AddAll(journal_, {On("2024-03-01", "c1", "course_started",
                       {{"course", "k"}, {"method", "CTI"}, {"worker", "w"}})});
  Entry three = PhaseOn("2024-04-01", "k", 3, "p3"), two = PhaseOn("2024-05-01", "k", 2, "p2");
  three.seq = journal_.last_seq() + 1;
  two.seq = journal_.last_seq() + 2;
  journal_.Add(three);
  journal_.Add(two);
  EXPECT_TRUE(Check({PhaseOn("2024-06-01", "k", 3)}).empty());
  EXPECT_TRUE(Check({Make("c1", "note", {{"text", "hi"}})}).empty());
}

TEST_F(JournalCheckTest, OneCitizenPerCprNumber) {
  AddAll(journal_, {On("2024-03-01", "c5", "registered", {{"cpr", "150685-1234"}}, "r5")});
  // Another citizen with the same number, with or without the dash.
  EXPECT_EQ(Coded(Check({On("2024-03-02", "c6", "registered", {{"cpr", "1506851234"}})})),
            (Ps{{0, "cpr", "cpr_registered", {"c5"}}}));
  // Two in one batch: the second is refused, naming the first.
  EXPECT_EQ(Coded(Check({On("2024-03-02", "c6", "registered", {{"cpr", "010101-1111"}}),
                         On("2024-03-02", "c7", "registered", {{"cpr", "0101011111"}})})),
            (Ps{{1, "cpr", "cpr_registered", {"c6"}}}));
  EXPECT_TRUE(Check({On("2024-03-02", "c6", "registered", {{"cpr", "150685-1235"}})}).empty());
  // A voided registration frees the number, also when the void is in the same batch.
  EXPECT_TRUE(Check({On("2024-03-02", "c5", "void", {{"entry", "r5"}}),
                     On("2024-03-02", "c6", "registered", {{"cpr", "150685-1234"}})})
                  .empty());
  // The same citizen registered again after a void keeps their number.
  AddAll(journal_, {On("2024-03-03", "c5", "void", {{"entry", "r5"}})});
  EXPECT_TRUE(Check({On("2024-03-04", "c5", "registered", {{"cpr", "150685-1234"}})}).empty());
  EXPECT_TRUE(Check({On("2024-03-04", "c6", "registered", {{"cpr", "150685-1234"}})}).empty());
}

TEST_F(JournalCheckTest, TheHoldersOfACprNumberComeFromTheLookup) {
  AddAll(journal_, {On("2024-03-01", "c5", "registered", {{"cpr", "150685-1234"}}, "r5")});
  std::vector<std::string> asked;
  CprLookup index = [&](const std::string& digits) -> StatusOr<std::vector<std::string>> {
    asked.push_back(digits);
    if (digits == "1506851234") return std::vector<std::string>{"c5"};
    if (digits == "0101011111")
      return std::vector<std::string>{"c1"};  // c1 was registered with it, no more
    if (digits == "0202021111") return Status::Io("disk on fire");
    return std::vector<std::string>{};
  };
  std::vector<Entry> batch{On("2024-03-02", "c6", "registered", {{"cpr", "150685-1234"}}),
                           On("2024-03-02", "c7", "registered", {{"cpr", "010101-1111"}}),
                           On("2024-03-02", "c8", "registered", {{"cpr", "020202-1111"}})};
  auto errors = journal_.Check(batch, index);
  EXPECT_EQ(asked, (std::vector<std::string>{"1506851234", "0101011111", "0202021111"}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(Coded(errors)[0], (Problem{0, "cpr", "cpr_registered", {"c5"}}));
  EXPECT_EQ(errors[1].index, 2u);
  EXPECT_EQ(errors[1].error.code, "cpr_check_failed");
  EXPECT_TRUE(journal_.HoldsCpr("c5", "1506851234"));
  EXPECT_FALSE(journal_.HoldsCpr("c5", "1506851235"));
  EXPECT_FALSE(journal_.HoldsCpr("c1", "1506851234"));
}

}  // namespace
}  // namespace tov

namespace tov {
namespace {

// An entry about municipality `municipality` (DESIGN §10); `target` makes it a void of that entry.
Entry AboutMunicipality(const std::string& municipality, const std::string& kind, json fields, const std::string& id = "") {
  fields["municipality"] = municipality;
  fields["kind"] = kind;
  fields["date"] = "2024-03-01";
  fields["recorded"] = "2024-03-01T09:00:00Z";
  if (!id.empty()) fields["id"] = id;
  auto e = ParseEntry(fields, ParseOptions{Timestamp::Max(), false});
  EXPECT_TRUE(e.ok()) << fields.dump() << ": " << e.status().ToString();
  return *e;
}

// Municipality entries need no registration, are kept apart from the citizens, and a void of one
// must name an entry about the same municipality.
TEST(JournalTest, EntriesAboutAMunicipality) {
  Journal j;
  AddAll(j, {Reg("151-0001", "r1"),
             AboutMunicipality("151", "support_activity", {{"activity", "phone"}, {"topic", "cti"}, {"minutes", 20}}, "s1"),
             AboutMunicipality("730", "implementation_status", {{"method", "ICM"}, {"stage", "started"}}, "s2")});
  EXPECT_EQ(j.municipality_entries().size(), 2u);
  EXPECT_EQ(j.citizens(), std::vector<std::string>{"151-0001"});
  EXPECT_TRUE(j.EntriesOf("").empty());

  std::vector<Entry> ok = {AboutMunicipality("151", "void", {{"entry", "s1"}})};
  EXPECT_TRUE(j.Check(ok).empty());
  struct Bad {
    Entry entry;
    const char* code;
  };
  std::vector<Bad> bad;
  bad.push_back({AboutMunicipality("730", "void", {{"entry", "s1"}}), "other_municipality"});   // 151's entry
  bad.push_back({AboutMunicipality("151", "void", {{"entry", "r1"}}), "other_municipality"});   // a citizen's
  bad.push_back({AboutMunicipality("151", "void", {{"entry", "nope"}}), "no_such_entry"});
  bad.push_back({Void("151-0001", "s1"), "other_citizen"});  // a citizen's void of a municipality entry
  for (Bad& b : bad) {
    std::vector<Entry> batch = {b.entry};
    auto errors = j.Check(batch);
    ASSERT_EQ(errors.size(), 1u) << b.code;
    EXPECT_EQ(errors[0].error.field, "entry");
    EXPECT_EQ(errors[0].error.code, b.code);
  }
}


// Outreach (DESIGN §10): `identified` gives an anonymous citizen their CPR number, once, and the
// number stays one citizen's (DESIGN §7).
TEST_F(JournalCheckTest, IdentifiedOnlyAnAnonymousCitizenOnceWithAFreeCprNumber) {
  AddAll(journal_, {On("2024-03-01", "c5", "registered", {{"cpr", "150685-1234"}}, "r5"),
                    On("2024-03-01", "a1", "registered", {{"anonymous", true}, {"alias", "Hunden"}}, "ra1"),
                    On("2024-03-01", "a2", "registered", {{"anonymous", true}, {"alias", "Cyklen"}})});
  auto identify = [&](const std::string& who, const std::string& cpr, const std::string& date = "2024-03-05") {
    return On(date, who, "identified", {{"cpr", cpr}, {"consent", true}});
  };
  EXPECT_TRUE(Check({identify("a1", "010180-1111")}).empty());
  // Not anonymous.
  EXPECT_EQ(Coded(Check({identify("c5", "010180-1111")})), (Ps{{0, "citizen", "not_anonymous", {}}}));
  // The number of another citizen, stored or earlier in the batch.
  EXPECT_EQ(Coded(Check({identify("a1", "1506851234")})), (Ps{{0, "cpr", "cpr_registered", {"c5"}}}));
  EXPECT_EQ(Coded(Check({identify("a1", "010180-1111"), identify("a2", "0101801111")})),
            (Ps{{1, "cpr", "cpr_registered", {"a1"}}}));
  EXPECT_EQ(Coded(Check({On("2024-03-05", "c9", "registered", {{"cpr", "010180-1111"}}), identify("a2", "0101801111")})),
            (Ps{{1, "cpr", "cpr_registered", {"c9"}}}));
  // Twice in one batch, or again after a stored one.
  EXPECT_EQ(Coded(Check({identify("a1", "010180-1111"), identify("a1", "010180-1111", "2024-03-06")})),
            (Ps{{1, "citizen", "already_identified", {}}}));
  AddAll(journal_, {On("2024-03-05", "a1", "identified", {{"cpr", "010180-1111"}, {"consent", true}}, "i1")});
  EXPECT_EQ(Coded(Check({identify("a1", "020280-2222", "2024-03-06")})), (Ps{{0, "citizen", "already_identified", {}}}));
  // The identified number is held: a registration with it is refused.
  EXPECT_EQ(Coded(Check({On("2024-03-06", "c8", "registered", {{"cpr", "0101801111"}})})),
            (Ps{{0, "cpr", "cpr_registered", {"a1"}}}));
  EXPECT_TRUE(journal_.HoldsCpr("a1", "0101801111"));
  // Voiding the identification frees the number and the citizen is anonymous again.
  EXPECT_TRUE(Check({On("2024-03-06", "a1", "void", {{"entry", "i1"}}), identify("a1", "020280-2222", "2024-03-06")}).empty());
  // Before the registration; on a citizen not registered.
  EXPECT_EQ(Coded(Check({identify("a2", "030380-3333", "2024-02-28")})), (Ps{{0, "date", "before_registration", {}}}));
  EXPECT_EQ(Coded(Check({identify("zz", "030380-3333")})), (Ps{{0, "citizen", "not_registered", {}}}));
  // Registration and identification in one batch, in either order.
  EXPECT_TRUE(Check({identify("a3", "040480-4444"),
                     On("2024-03-01", "a3", "registered", {{"anonymous", true}, {"alias", "X"}})}).empty());
}

TEST_F(JournalCheckTest, NothingBeforeTheBirthTheIdentificationGives) {
  AddAll(journal_, {On("2024-03-01", "a1", "registered", {{"anonymous", true}, {"alias", "Hunden"}}),
                    On("2024-03-02", "a1", "housing", {{"situation", "street"}}, "ah1")});
  // Born 2024-03-03 (century rule: 7th digit 4, YY 24 → 2000s): the stored entries are before it.
  auto errors = Check({On("2024-03-10", "a1", "identified", {{"cpr", "030324-4001"}, {"consent", true}})});
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].error.code, "entries_before_birth");
  EXPECT_EQ(errors[0].error.field, "cpr");
  AddAll(journal_, {On("2024-03-10", "a2", "registered", {{"anonymous", true}, {"alias", "Y"}}),
                    On("2024-03-10", "a2", "identified", {{"cpr", "010180-1111"}, {"consent", true}})});
  EXPECT_EQ(Coded(Check({On("1979-12-31", "a2", "note", {{"text", "x"}})})),
            (Ps{{0, "date", "before_birth", {"1980-01-01"}}}));
}

}  // namespace
}  // namespace tov
