// Tests of the target-group screening: one test per rule (docs/design.md, the strategy), in the
// order the rules are tried, and the order itself where two rules could apply.
#include "domain/screening.h"

#include <gtest/gtest.h>

namespace tov {
namespace {

using A = ScreeningAnswer;
using O = ScreeningOutcome;
using R = ScreeningReason;

const Date kToday = *ParseDate("2024-06-30");

ScreeningInput At(Situation s) {
  ScreeningInput in;
  in.situation = s;
  return in;
}

// An institution with a planned release `days` after today (nullopt: no date given).
ScreeningInput Release(std::optional<int> days, A housing) {
  ScreeningInput in = At(Situation::kPrison);
  if (days) in.release_expected = kToday.AddDays(*days);
  in.release_housing = housing;
  return in;
}

void ExpectResult(const ScreeningInput& in, O outcome, R reason) {
  ScreeningResult r = Screen(in, kToday);
  EXPECT_EQ(r.outcome, outcome) << NameOf(kScreeningOutcomeNames, r.outcome);
  EXPECT_EQ(r.reason, reason) << NameOf(kScreeningReasonNames, r.reason);
}

TEST(ScreeningTest, OwnHomeIsOutWhateverTheSituation) {
  ScreeningInput in = At(Situation::kStreet);
  in.own_home = A::kYes;
  in.night = A::kNo;
  ExpectResult(in, O::kOut, R::kOwnHome);
}

TEST(ScreeningTest, HousedSituationsAreOut) {
  ExpectResult(At(Situation::kOwnHome), O::kOut, R::kHoused);
  ScreeningInput in = At(Situation::kSupportedHousing);
  in.own_home = A::kNo;
  in.night = A::kNo;  // the situation decides before the night
  ExpectResult(in, O::kOut, R::kHoused);
}

TEST(ScreeningTest, StreetIsIn) { ExpectResult(At(Situation::kStreet), O::kIn, R::kStreet); }

TEST(ScreeningTest, TemporaryAccommodationIsIn) {
  for (Situation s : {Situation::kNightShelter, Situation::kShelter, Situation::kHotel,
                      Situation::kTransitional})
    ExpectResult(At(s), O::kIn, R::kTemporaryAccommodation);
}

TEST(ScreeningTest, FriendsOrFamilyIsIn) {
  ExpectResult(At(Situation::kFriendsFamily), O::kIn, R::kFriendsFamily);
}

TEST(ScreeningTest, MakeshiftIsIn) {
  ExpectResult(At(Situation::kMakeshift), O::kIn, R::kMakeshift);
}

TEST(ScreeningTest, NoPlaceTonightIsIn) {
  ScreeningInput in;
  in.night = A::kNo;
  ExpectResult(in, O::kIn, R::kNoPlaceTonight);
  // Also for a person in an institution or of unknown situation: the night decides first.
  ScreeningInput prison = Release(std::nullopt, A::kUnanswered);
  prison.night = A::kNo;
  ExpectResult(prison, O::kIn, R::kNoPlaceTonight);
  ScreeningInput unknown = At(Situation::kUnknown);
  unknown.night = A::kNo;
  ExpectResult(unknown, O::kIn, R::kNoPlaceTonight);
}

TEST(ScreeningTest, ReleaseWithAHomeToGoToIsOut) {
  ExpectResult(Release(10, A::kYes), O::kOut, R::kReleaseWithHome);
  ExpectResult(Release(std::nullopt, A::kYes), O::kOut, R::kReleaseWithHome);
}

TEST(ScreeningTest, ReleaseWithoutADateIsNotDecided) {
  ExpectResult(Release(std::nullopt, A::kNo), O::kIncomplete, R::kReleaseDateMissing);
  ExpectResult(Release(std::nullopt, A::kUnanswered), O::kIncomplete, R::kReleaseDateMissing);
}

TEST(ScreeningTest, ReleaseDateInThePastIsNotDecided) {
  ExpectResult(Release(-1, A::kNo), O::kIncomplete, R::kReleaseDatePassed);
  ExpectResult(Release(-1, A::kUnanswered), O::kIncomplete, R::kReleaseDatePassed);
}

TEST(ScreeningTest, ReleaseWithTheHomeQuestionUnansweredIsNotDecided) {
  ExpectResult(Release(10, A::kUnanswered), O::kIncomplete, R::kReleaseHousingUnanswered);
}

TEST(ScreeningTest, ReleaseWithinAMonthWithoutAHomeIsIn) {
  ExpectResult(Release(0, A::kNo), O::kIn, R::kReleaseWithinMonth);
  ExpectResult(Release(30, A::kNo), O::kIn, R::kReleaseWithinMonth);
  for (Situation s : {Situation::kHospital, Situation::kTreatment}) {
    ScreeningInput in = Release(5, A::kNo);
    in.situation = s;
    ExpectResult(in, O::kIn, R::kReleaseWithinMonth);
  }
}

TEST(ScreeningTest, ReleaseLaterThanAMonthIsOutForNow) {
  ExpectResult(Release(31, A::kNo), O::kOut, R::kReleaseLater);
}

TEST(ScreeningTest, UnknownSituationIsNotDecided) {
  ExpectResult(At(Situation::kUnknown), O::kIncomplete, R::kSituationUnknown);
  ScreeningInput in = At(Situation::kUnknown);
  in.night = A::kYes;
  ExpectResult(in, O::kIncomplete, R::kSituationUnknown);
}

TEST(ScreeningTest, NothingAnsweredIsNotDecided) {
  ExpectResult(ScreeningInput{}, O::kIncomplete, R::kUnanswered);
  ScreeningInput in;
  in.own_home = A::kNo;
  in.night = A::kYes;
  ExpectResult(in, O::kIncomplete, R::kUnanswered);
}

TEST(ScreeningTest, EveryReasonHasAName) {
  EXPECT_EQ(NameOf(kScreeningReasonNames, R::kUnanswered), "unanswered");
  EXPECT_EQ(NameOf(kScreeningReasonNames, R::kOwnHome), "own_home");
  EXPECT_EQ(NameOf(kScreeningOutcomeNames, O::kIn), "in");
}

}  // namespace
}  // namespace tov
