// Tests for domain/citizen_course: the fold (order, known-at, voids) and docs/indicators.md questions on hand-made entries.
#include "domain/citizen_course.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "domain/entry_json.h"

namespace tov {
namespace {

using json = nlohmann::json;

Date D(const char* text) { return *ParseDate(text); }
Timestamp T(const char* text) { return *ParseTimestamp(text); }

// Builds a citizen's journal from JSON entries; each gets the next journal position (seq).
class CourseBuilder {
 public:
  explicit CourseBuilder(std::string citizen = "151-0001") : citizen_(std::move(citizen)) {}

  // Adds an entry: `kind`, `date`, `recorded` and the kind's fields. Returns it.
  const Entry& Add(const std::string& kind, const char* date, const char* recorded, json fields = json::object(),
                   std::string id = "") {
    json j = fields;
    j["citizen"] = citizen_;
    j["municipality"] = "151";
    j["kind"] = kind;
    j["date"] = date;
    j["recorded"] = recorded;
    // Appended, not `"e" + std::to_string(...)`: GCC 12 -O3 reports a false -Wrestrict for that.
    if (id.empty()) id = std::string(1, 'e').append(std::to_string(entries_.size() + 1));
    j["id"] = id;
    auto e = ParseEntry(j, ParseOptions{Timestamp::Max(), false});
    EXPECT_TRUE(e.ok()) << j.dump() << ": " << e.status().ToString();
    e->seq = static_cast<int64_t>(entries_.size()) + 1;
    entries_.push_back(std::move(*e));
    return entries_.back();
  }
  const Entry& Housing(const char* date, const char* recorded, const char* situation) {
    return Add("housing", date, recorded, {{"situation", situation}});
  }

  // Folds the entries, handed over in reverse journal order (the fold must sort them itself).
  CitizenCourse Fold(Timestamp known_at = Timestamp::Max()) const {
    std::vector<const Entry*> ptrs;
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) ptrs.push_back(&*it);
    return tov::Fold(citizen_, ptrs, known_at);
  }

 private:
  std::string citizen_;
  std::deque<Entry> entries_;  // stable addresses
};

// The pages' course ids: the citizen's key, the method, the start's year and the next number;
// an id already among the citizen's (a voided start's too) is never given again.
TEST(NextCourseIdTest, CitizenMethodYearAndTheNextFreeNumber) {
  std::deque<Entry> entries;
  std::vector<const Entry*> ptrs;
  EXPECT_EQ(NextCourseId("151-0001", Method::kCTI, D("2026-03-01"), ptrs), "151-0001-cti-2026-01");
  auto start = [&](const char* id) {
    Entry e;
    e.citizen = "151-0001";
    e.body = CourseStarted{id, Method::kCTI, "w"};
    entries.push_back(e);
    ptrs.push_back(&entries.back());
  };
  start("151-0001-cti-2026-01");
  EXPECT_EQ(NextCourseId("151-0001", Method::kICM, D("2027-01-01"), ptrs), "151-0001-icm-2027-02");
  start("151-0001-act-2026-03");
  EXPECT_EQ(NextCourseId("151-0001", Method::kACT, D("2026-05-05"), ptrs), "151-0001-act-2026-04")
      << "-03 is taken";
  start("imported-id");
  start("151-0001-youth-2026-04");
  EXPECT_EQ(NextCourseId("151-0001", Method::kYouth, D("2026-05-05"), ptrs), "151-0001-youth-2026-05");
}

TEST(CitizenCourseTest, SameDateLaterRecordedWins) {
  CourseBuilder b;
  b.Housing("2024-03-01", "2024-03-01T10:00:00Z", "street");  // seq 1, recorded later
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "shelter");  // seq 2, recorded earlier
  auto c = b.Fold();
  EXPECT_EQ(c.SituationOn(D("2024-03-01")), Situation::kStreet);
  EXPECT_EQ(c.SituationOn(D("2024-04-01")), Situation::kStreet);
  EXPECT_EQ(c.situations.size(), 1u);
}

TEST(CitizenCourseTest, SameDateSameRecordedLaterPositionWins) {
  CourseBuilder b;
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "street");   // seq 1
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "shelter");  // seq 2
  EXPECT_EQ(b.Fold().SituationOn(D("2024-03-01")), Situation::kShelter);

  CourseBuilder r;
  r.Housing("2024-03-01", "2024-03-01T09:00:00Z", "shelter");  // seq 1
  r.Housing("2024-03-01", "2024-03-01T09:00:00Z", "street");   // seq 2
  EXPECT_EQ(r.Fold().SituationOn(D("2024-03-01")), Situation::kStreet);
}

TEST(CitizenCourseTest, SameDateLaterEntryNotYetKnown) {
  CourseBuilder b;
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "shelter");
  b.Housing("2024-03-01", "2024-03-05T09:00:00Z", "street");
  EXPECT_EQ(b.Fold(T("2024-03-04T00:00:00Z")).SituationOn(D("2024-03-02")), Situation::kShelter);
  EXPECT_EQ(b.Fold(T("2024-03-05T09:00:00Z")).SituationOn(D("2024-03-02")), Situation::kStreet);
}

TEST(CitizenCourseTest, DateOrdersBeforeRecorded) {
  CourseBuilder b;
  // Dated earlier, recorded later (a late entry): the date decides the course.
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "own_home");
  b.Housing("2024-02-01", "2024-03-15T09:00:00Z", "street");
  auto c = b.Fold();
  EXPECT_EQ(c.SituationOn(D("2024-01-31")), std::nullopt);
  EXPECT_EQ(c.SituationOn(D("2024-02-10")), Situation::kStreet);
  EXPECT_EQ(c.SituationOn(D("2024-02-29")), Situation::kStreet);
  EXPECT_EQ(c.SituationOn(D("2024-03-01")), Situation::kOwnHome);
  EXPECT_EQ(c.MoveIns(), std::vector<Date>{D("2024-03-01")});
  // Known before the street entry was recorded: only the own_home entry.
  auto early = b.Fold(T("2024-03-10T00:00:00Z"));
  EXPECT_EQ(early.SituationOn(D("2024-02-10")), std::nullopt);
  EXPECT_EQ(early.SituationOn(D("2024-03-10")), Situation::kOwnHome);
  EXPECT_TRUE(early.MoveIns().empty());
}

TEST(CitizenCourseTest, KnownAtExcludesEntriesRecordedLater) {
  CourseBuilder b;
  b.Add("registered", "2024-01-01", "2024-01-01T08:00:00Z", {{"birth_date", "1990-05-05"}});
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "street");
  b.Housing("2024-02-01", "2024-03-01T10:00:00Z", "shelter");  // recorded a month late
  EXPECT_EQ(b.Fold(T("2024-03-01T09:59:59.999Z")).SituationOn(D("2024-02-15")), Situation::kStreet);
  EXPECT_EQ(b.Fold(T("2024-03-01T10:00:00Z")).SituationOn(D("2024-02-15")), Situation::kShelter);
  EXPECT_EQ(b.Fold().SituationOn(D("2024-02-15")), Situation::kShelter);
  // Nothing at all known before the first record.
  auto none = b.Fold(T("2024-01-01T07:59:59Z"));
  EXPECT_FALSE(none.registered);
  EXPECT_TRUE(none.entries.empty());
  EXPECT_TRUE(b.Fold(T("2024-01-01T08:00:00Z")).registered);
}

TEST(CitizenCourseTest, VoidRemovesFromItsRecordedOn) {
  CourseBuilder b;
  b.Housing("2024-01-10", "2024-01-10T09:00:00Z", "street");
  b.Add("housing", "2024-02-01", "2024-02-01T09:00:00Z", {{"situation", "shelter"}}, "h2");
  b.Add("void", "2024-03-01", "2024-03-01T12:00:00Z", {{"entry", "h2"}});

  // Known before the void: the voided entry still counts.
  auto before = b.Fold(T("2024-03-01T11:59:59.999Z"));
  EXPECT_EQ(before.SituationOn(D("2024-02-15")), Situation::kShelter);
  // Known at the void's recorded, or later: it is gone.
  auto at = b.Fold(T("2024-03-01T12:00:00Z"));
  EXPECT_EQ(at.SituationOn(D("2024-02-15")), Situation::kStreet);
  auto later = b.Fold();
  EXPECT_EQ(later.SituationOn(D("2024-02-15")), Situation::kStreet);
  for (const Entry* e : later.entries) {
    EXPECT_NE(e->id, "h2");
    EXPECT_NE(e->kind(), Kind::kVoid);
  }
}

TEST(CitizenCourseTest, VoidRemovesOnlyItsTarget) {
  CourseBuilder b;
  b.Add("course_started", "2024-01-01", "2024-01-01T09:00:00Z",
        {{"course", "c1"}, {"method", "ICM"}, {"worker", "w"}});
  b.Add("course_ended", "2024-02-01", "2024-02-01T09:00:00Z", {{"course", "c1"}, {"reason", "other"}}, "end1");
  b.Add("void", "2024-02-02", "2024-02-02T09:00:00Z", {{"entry", "end1"}});
  auto c = b.Fold();
  ASSERT_EQ(c.courses.size(), 1u);
  EXPECT_TRUE(c.courses[0].OpenOn(D("2024-06-01")));
  EXPECT_FALSE(c.courses[0].end.has_value());
  EXPECT_FALSE(b.Fold(T("2024-02-01T12:00:00Z")).courses[0].OpenOn(D("2024-06-01")));
}

TEST(CitizenCourseTest, ShelterRunMergesConsecutiveShelterEntries) {
  CourseBuilder b;
  b.Housing("2023-12-01", "2023-12-01T09:00:00Z", "street");
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "shelter");
  b.Add("housing", "2024-03-01", "2024-03-01T09:00:00Z", {{"situation", "shelter"}, {"ready_for_housing", true}});
  b.Housing("2024-05-01", "2024-05-01T09:00:00Z", "shelter");
  auto c = b.Fold();
  EXPECT_EQ(c.RunStart(D("2024-01-01"), Situation::kShelter), D("2024-01-01"));
  EXPECT_EQ(c.RunStart(D("2024-04-01"), Situation::kShelter), D("2024-01-01"));
  EXPECT_EQ(c.RunStart(D("2024-06-01"), Situation::kShelter), D("2024-01-01"));
  EXPECT_EQ(c.RunStart(D("2023-12-15"), Situation::kShelter), std::nullopt);  // in the street
  EXPECT_EQ(c.RunStart(D("2023-12-15"), Situation::kStreet), D("2023-12-01"));
  EXPECT_EQ(c.HomelessRunStart(D("2024-06-01")), D("2023-12-01"));  // street and shelter both count
  // Readiness comes from the latest shelter entry in force (default false).
  EXPECT_FALSE(c.ReadyForHousingOn(D("2024-02-01")));
  EXPECT_TRUE(c.ReadyForHousingOn(D("2024-03-01")));
  EXPECT_TRUE(c.ReadyForHousingOn(D("2024-04-30")));
  EXPECT_FALSE(c.ReadyForHousingOn(D("2024-05-01")));
}

TEST(CitizenCourseTest, ShelterRunRestartsAfterABreak) {
  CourseBuilder b;
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "shelter");
  b.Housing("2024-02-01", "2024-02-01T09:00:00Z", "street");
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "shelter");
  auto c = b.Fold();
  EXPECT_EQ(c.RunStart(D("2024-01-31"), Situation::kShelter), D("2024-01-01"));
  EXPECT_EQ(c.RunStart(D("2024-02-15"), Situation::kShelter), std::nullopt);
  EXPECT_EQ(c.RunStart(D("2024-04-01"), Situation::kShelter), D("2024-03-01"));
  EXPECT_EQ(c.HomelessRunStart(D("2024-04-01")), D("2024-01-01"));
}

TEST(CitizenCourseTest, ReadinessNotCarriedAcrossOtherSituations) {
  CourseBuilder b;
  b.Add("housing", "2024-01-01", "2024-01-01T09:00:00Z", {{"situation", "shelter"}, {"ready_for_housing", true}});
  b.Housing("2024-02-01", "2024-02-01T09:00:00Z", "hospital");
  EXPECT_TRUE(b.Fold().ReadyForHousingOn(D("2024-01-15")));
  EXPECT_FALSE(b.Fold().ReadyForHousingOn(D("2024-02-15")));
}

TEST(CitizenCourseTest, ReadinessOnlyFromShelterEntries) {
  CourseBuilder b;
  b.Add("housing", "2024-01-01", "2024-01-01T09:00:00Z", {{"situation", "street"}, {"ready_for_housing", true}});
  EXPECT_FALSE(b.Fold().ReadyForHousingOn(D("2024-01-15")));
}

TEST(CitizenCourseTest, MoveInsOnlyFromHomelessOrInstitutionToOwnHome) {
  CourseBuilder b;
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "street");
  b.Housing("2024-02-01", "2024-02-01T09:00:00Z", "own_home");           // street → own_home: yes
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "own_home");           // own_home → own_home: no
  b.Housing("2024-04-01", "2024-04-01T09:00:00Z", "prison");
  b.Housing("2024-05-01", "2024-05-01T09:00:00Z", "own_home");           // prison → own_home: yes
  b.Housing("2024-06-01", "2024-06-01T09:00:00Z", "shelter");
  b.Housing("2024-07-01", "2024-07-01T09:00:00Z", "supported_housing");  // not own_home: no
  b.Housing("2024-08-01", "2024-08-01T09:00:00Z", "own_home");           // supported → own: no
  b.Housing("2024-09-01", "2024-09-01T09:00:00Z", "unknown");
  b.Housing("2024-10-01", "2024-10-01T09:00:00Z", "own_home");           // unknown → own: no
  b.Housing("2024-11-01", "2024-11-01T09:00:00Z", "treatment");
  b.Housing("2024-12-01", "2024-12-01T09:00:00Z", "own_home");           // treatment → own: yes
  b.Housing("2025-01-01", "2025-01-01T09:00:00Z", "friends_family");
  b.Housing("2025-02-01", "2025-02-01T09:00:00Z", "own_home");           // friends_family → own: yes
  b.Housing("2025-03-01", "2025-03-01T09:00:00Z", "hospital");
  b.Housing("2025-04-01", "2025-04-01T09:00:00Z", "own_home");           // hospital → own: yes
  EXPECT_EQ(b.Fold().MoveIns(), (std::vector<Date>{D("2024-02-01"), D("2024-05-01"), D("2024-12-01"),
                                                   D("2025-02-01"), D("2025-04-01")}));
}

TEST(CitizenCourseTest, FirstHousingEntryIsNotAMoveIn) {
  CourseBuilder b;
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "own_home");
  EXPECT_TRUE(b.Fold().MoveIns().empty());
}

// A citizen in prison from 2024-01-01 with one release plan dated 2024-02-01; X = 2024-03-01.
CitizenCourse InPrison(const char* expected, bool housing_solution, const char* situation = "prison") {
  static std::deque<CourseBuilder> keep;  // the course points into its builder's entries
  CourseBuilder& b = keep.emplace_back();
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", situation);
  b.Add("release_planned", "2024-02-01", "2024-02-01T09:00:00Z",
        {{"from", "prison"}, {"expected", expected}, {"housing_solution", housing_solution}});
  return b.Fold();
}

TEST(CitizenCourseTest, HomelessOnReleaseWithinThirtyDays) {
  const Date x = D("2024-03-01");
  EXPECT_TRUE(InPrison("2024-03-31", false).HomelessOn(x));   // X + 30
  EXPECT_TRUE(InPrison("2024-03-02", false).HomelessOn(x));   // X + 1
  EXPECT_FALSE(InPrison("2024-04-01", false).HomelessOn(x));  // X + 31
  EXPECT_FALSE(InPrison("2024-03-01", false).HomelessOn(x));  // X itself
  EXPECT_FALSE(InPrison("2024-02-15", false).HomelessOn(x));  // overdue
  EXPECT_FALSE(InPrison("2024-03-31", true).HomelessOn(x));   // has a housing solution
  EXPECT_TRUE(InPrison("2024-03-31", false).ReleaseWithoutHousingOn(x));
  EXPECT_FALSE(InPrison("2024-03-31", true).ReleaseWithoutHousingOn(x));
  // Hospital and treatment count the same way; a plan while housed does not.
  EXPECT_TRUE(InPrison("2024-03-31", false, "hospital").HomelessOn(x));
  EXPECT_TRUE(InPrison("2024-03-31", false, "treatment").HomelessOn(x));
  EXPECT_FALSE(InPrison("2024-03-31", false, "own_home").HomelessOn(x));
  // The plan is in force from its date only.
  EXPECT_FALSE(InPrison("2024-02-20", false).HomelessOn(D("2024-01-31")));
  EXPECT_TRUE(InPrison("2024-02-20", false).HomelessOn(D("2024-02-01")));
}

TEST(CitizenCourseTest, LatestReleasePlanIsInForce) {
  CourseBuilder b;
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "prison");
  b.Add("release_planned", "2024-02-01", "2024-02-01T09:00:00Z",
        {{"from", "prison"}, {"expected", "2024-03-20"}, {"housing_solution", false}});
  b.Add("release_planned", "2024-02-20", "2024-02-20T09:00:00Z",
        {{"from", "prison"}, {"expected", "2024-03-20"}, {"housing_solution", true}});
  auto c = b.Fold();
  EXPECT_TRUE(c.HomelessOn(D("2024-02-19")));
  EXPECT_FALSE(c.HomelessOn(D("2024-03-01")));
  // As known before the second plan was recorded.
  EXPECT_TRUE(b.Fold(T("2024-02-19T00:00:00Z")).HomelessOn(D("2024-03-01")));
}

TEST(CitizenCourseTest, HomelessBaseAndHoused) {
  const char* homeless[] = {"street", "night_shelter", "shelter", "hotel", "friends_family", "transitional",
                            "makeshift"};
  for (const char* s : homeless) {
    CourseBuilder b;
    b.Housing("2024-01-01", "2024-01-01T09:00:00Z", s);
    EXPECT_TRUE(b.Fold().HomelessOn(D("2024-01-01"))) << s;
    EXPECT_FALSE(b.Fold().HomelessOn(D("2023-12-31"))) << s;  // before any housing entry
  }
  for (const char* s : {"own_home", "supported_housing", "unknown", "prison", "hospital", "treatment"}) {
    CourseBuilder b;
    b.Housing("2024-01-01", "2024-01-01T09:00:00Z", s);
    EXPECT_FALSE(b.Fold().HomelessOn(D("2024-02-01"))) << s;
  }
}

TEST(CitizenCourseTest, AnyHomelessBaseIn) {
  CourseBuilder b;
  b.Housing("2024-01-01", "2024-01-01T09:00:00Z", "own_home");
  b.Housing("2024-03-01", "2024-03-01T09:00:00Z", "street");
  b.Housing("2024-03-10", "2024-03-10T09:00:00Z", "own_home");
  auto c = b.Fold();
  EXPECT_FALSE(c.AnyHomelessBaseIn(D("2024-01-01"), D("2024-02-29")));
  EXPECT_TRUE(c.AnyHomelessBaseIn(D("2024-01-01"), D("2024-03-01")));
  EXPECT_TRUE(c.AnyHomelessBaseIn(D("2024-03-09"), D("2024-12-31")));
  EXPECT_FALSE(c.AnyHomelessBaseIn(D("2024-03-10"), D("2024-12-31")));
}

TEST(CitizenCourseTest, MunicipalityOnFollowsMoves) {
  CourseBuilder b;
  b.Add("registered", "2024-01-01", "2024-01-01T09:00:00Z", {{"birth_date", "1990-01-01"}});
  b.Add("moved", "2024-06-01", "2024-06-01T09:00:00Z", {{"to", "101"}});
  b.Add("moved", "2024-09-01", "2024-09-01T09:00:00Z", {{"to", "147"}});
  auto c = b.Fold();
  EXPECT_EQ(c.MunicipalityOn(D("2024-01-01")), "151");
  EXPECT_EQ(c.MunicipalityOn(D("2024-05-31")), "151");
  EXPECT_EQ(c.MunicipalityOn(D("2024-06-01")), "101");
  EXPECT_EQ(c.MunicipalityOn(D("2024-08-31")), "101");
  EXPECT_EQ(c.MunicipalityOn(D("2024-09-01")), "147");
  EXPECT_EQ(c.MunicipalityOn(D("2030-01-01")), "147");
  // A move not yet known does not count.
  EXPECT_EQ(b.Fold(T("2024-05-31T00:00:00Z")).MunicipalityOn(D("2024-07-01")), "151");
}

TEST(CitizenCourseTest, RegistrationFields) {
  CourseBuilder b;
  b.Add("registered", "2024-01-05", "2024-01-05T09:00:00Z",
        {{"cpr", "150685-1234"}, {"name", "Anna"}, {"referred_by", "prison"}});
  auto c = b.Fold();
  EXPECT_TRUE(c.registered);
  EXPECT_EQ(c.registered_on, D("2024-01-05"));
  EXPECT_EQ(c.registered_municipality, "151");
  EXPECT_EQ(c.birth_date, D("1985-06-15"));
  EXPECT_EQ(c.AgeOn(D("2024-06-14")), 38);
  EXPECT_EQ(c.AgeOn(D("2024-06-15")), 39);
  EXPECT_EQ(c.referred_by, Referral::kPrison);
  EXPECT_EQ(c.name, "Anna");
}

TEST(CitizenCourseTest, CourseOpenUntilItsEndDate) {
  CourseBuilder b;
  b.Add("course_started", "2024-01-01", "2024-01-01T09:00:00Z",
        {{"course", "c1"}, {"method", "CTI"}, {"worker", "w1"}});
  b.Add("course_phase", "2024-04-01", "2024-04-01T09:00:00Z", {{"course", "c1"}, {"phase", 2}});
  b.Add("course_phase", "2024-07-01", "2024-07-01T09:00:00Z", {{"course", "c1"}, {"phase", 3}});
  b.Add("course_ended", "2024-10-01", "2024-10-01T09:00:00Z", {{"course", "c1"}, {"reason", "completed"}});
  b.Add("course_started", "2024-03-01", "2024-03-01T09:00:00Z",
        {{"course", "c2"}, {"method", "ACT"}, {"worker", "w2"}});
  auto c = b.Fold();
  const CourseInfo* c1 = c.FindCourse("c1");
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(c1->method, Method::kCTI);
  EXPECT_EQ(c1->worker, "w1");
  EXPECT_FALSE(c1->OpenOn(D("2023-12-31")));
  EXPECT_TRUE(c1->OpenOn(D("2024-01-01")));
  EXPECT_TRUE(c1->OpenOn(D("2024-09-30")));
  EXPECT_FALSE(c1->OpenOn(D("2024-10-01")));  // closed on its end date
  EXPECT_EQ(c1->end_reason, EndReason::kCompleted);
  EXPECT_EQ(c1->PhaseOn(D("2024-03-31")), 1);
  EXPECT_EQ(c1->PhaseOn(D("2024-04-01")), 2);
  EXPECT_EQ(c1->PhaseOn(D("2024-09-01")), 3);
  EXPECT_EQ(c.OpenCourses(D("2024-02-01")).size(), 1u);
  EXPECT_EQ(c.OpenCourses(D("2024-05-01")).size(), 2u);
  ASSERT_EQ(c.OpenCourses(D("2024-10-01")).size(), 1u);
  EXPECT_EQ(c.OpenCourses(D("2024-10-01"))[0]->id, "c2");
  EXPECT_EQ(c.FindCourse("c3"), nullptr);
  // Before the end was recorded, the course is open on that date.
  EXPECT_TRUE(b.Fold(T("2024-09-30T00:00:00Z")).FindCourse("c1")->OpenOn(D("2024-10-01")));
}

TEST(CitizenCourseTest, CourseClosedFromItsEarliestEnd) {
  CourseBuilder b;
  b.Add("course_started", "2024-01-01", "2024-01-01T09:00:00Z",
        {{"course", "c1"}, {"method", "ICM"}, {"worker", "w1"}});
  b.Add("course_ended", "2024-09-01", "2024-09-01T09:00:00Z", {{"course", "c1"}, {"reason", "other"}});
  b.Add("course_ended", "2024-06-01", "2024-09-02T09:00:00Z", {{"course", "c1"}, {"reason", "no_contact"}});
  auto c = b.Fold();
  ASSERT_NE(c.FindCourse("c1"), nullptr);
  EXPECT_EQ(c.FindCourse("c1")->end, D("2024-06-01"));
  EXPECT_EQ(c.FindCourse("c1")->end_reason, EndReason::kNoContact);
  EXPECT_FALSE(c.FindCourse("c1")->OpenOn(D("2024-07-01")));
}

TEST(CitizenCourseTest, DeadOnFromTheDateOfDeath) {
  CourseBuilder b;
  b.Add("registered", "2024-01-01", "2024-01-01T09:00:00Z", {{"birth_date", "1960-01-01"}});
  b.Add("died", "2024-05-01", "2024-05-03T09:00:00Z");
  auto c = b.Fold();
  EXPECT_FALSE(c.DeadOn(D("2024-04-30")));
  EXPECT_TRUE(c.DeadOn(D("2024-05-01")));
  EXPECT_TRUE(c.DeadOn(D("2025-01-01")));
  EXPECT_FALSE(b.Fold(T("2024-05-02T00:00:00Z")).DeadOn(D("2024-05-01")));  // not yet known
}

TEST(CitizenCourseTest, ActionPlanAndContacts) {
  CourseBuilder b;
  b.Add("action_plan", "2024-02-01", "2024-02-01T09:00:00Z", {{"status", "offered"}});
  b.Add("action_plan", "2024-01-15", "2024-02-02T09:00:00Z", {{"status", "accepted"}});
  b.Add("contact", "2024-02-03", "2024-02-03T09:00:00Z", {{"worker", "w1"}, {"mode", "visit"}, {"minutes", 30}});
  auto c = b.Fold();
  EXPECT_EQ(c.first_action_plan, D("2024-01-15"));
  EXPECT_FALSE(c.HasActionPlanBy(D("2024-01-14")));
  EXPECT_TRUE(c.HasActionPlanBy(D("2024-01-15")));
  ASSERT_EQ(c.contacts.size(), 1u);
  EXPECT_EQ(c.contacts[0].minutes, 30);
  EXPECT_EQ(c.contacts[0].worker, "w1");
}


// Outreach (DESIGN §10): an anonymous person's age is the estimate on the registration date,
// aging with time, until identified; from the identification's date the CPR number's birth date.
TEST(CitizenCourseTest, AnAnonymousPersonsAgeAndIdentity) {
  CourseBuilder b;
  b.Add("registered", "2023-05-10", "2023-05-10T22:00:00Z", {{"anonymous", true}, {"alias", "Hunden"}, {"age_estimate", 40}});
  b.Add("identified", "2024-06-01", "2024-06-01T10:00:00Z", {{"cpr", "150685-1234"}, {"name", "Anna"}, {"consent", true}});
  CitizenCourse c = b.Fold();
  EXPECT_TRUE(c.AnonymousOn(D("2024-05-31")));
  EXPECT_FALSE(c.AnonymousOn(D("2024-06-01")));
  EXPECT_EQ(c.AgeOn(D("2023-05-10")), 40);
  EXPECT_EQ(c.AgeOn(D("2024-05-09")), 40);
  EXPECT_EQ(c.AgeOn(D("2024-05-10")), 41);  // a year after the registration
  EXPECT_EQ(c.AgeOn(D("2024-06-01")), 38);  // born 1985-06-15
  EXPECT_FALSE(c.CprOn(D("2024-05-31")).has_value());
  EXPECT_EQ(c.CprOn(D("2024-06-01")), "150685-1234");
  EXPECT_EQ(c.name, "Anna");
  EXPECT_EQ(c.alias, "Hunden");
  EXPECT_EQ(c.identified_on, D("2024-06-01"));
  // Known before the identification was recorded: anonymous still.
  CitizenCourse before = b.Fold(T("2024-06-01T09:00:00Z"));
  EXPECT_TRUE(before.AnonymousOn(D("2024-07-01")));
  EXPECT_EQ(before.AgeOn(D("2024-07-01")), 41);
  // Without an estimate, no age until identified.
  CourseBuilder n("151-0002");
  n.Add("registered", "2023-05-10", "2023-05-10T22:00:00Z", {{"anonymous", true}, {"alias", "X"}});
  EXPECT_FALSE(n.Fold().AgeOn(D("2024-01-01")).has_value());
}

}  // namespace
}  // namespace tov
