// The screening rules, tried in order: a home of their own first, then the situation, then the
// coming night, then a release or discharge from an institution.
#include "domain/screening.h"

namespace tov {

ScreeningResult Screen(const ScreeningInput& in, Date today) {
  using A = ScreeningAnswer;
  using O = ScreeningOutcome;
  using R = ScreeningReason;
  if (in.own_home == A::kYes) return {O::kOut, R::kOwnHome};
  const std::optional<Situation>& s = in.situation;
  if (s && IsHoused(*s)) return {O::kOut, R::kHoused};
  if (s && *s == Situation::kStreet) return {O::kIn, R::kStreet};
  if (s && (*s == Situation::kNightShelter || *s == Situation::kShelter ||
            *s == Situation::kHotel || *s == Situation::kTransitional))
    return {O::kIn, R::kTemporaryAccommodation};
  if (s && *s == Situation::kFriendsFamily) return {O::kIn, R::kFriendsFamily};
  if (s && *s == Situation::kMakeshift) return {O::kIn, R::kMakeshift};
  if (in.night == A::kNo) return {O::kIn, R::kNoPlaceTonight};
  if (s && IsInstitution(*s)) {
    // God løsladelse: no release or discharge without a housing solution.
    if (in.release_housing == A::kYes) return {O::kOut, R::kReleaseWithHome};
    if (!in.release_expected) return {O::kIncomplete, R::kReleaseDateMissing};
    if (*in.release_expected < today) return {O::kIncomplete, R::kReleaseDatePassed};
    if (in.release_housing == A::kUnanswered) return {O::kIncomplete, R::kReleaseHousingUnanswered};
    if (*in.release_expected <= today.AddDays(30)) return {O::kIn, R::kReleaseWithinMonth};
    return {O::kOut, R::kReleaseLater};
  }
  if (s && *s == Situation::kUnknown) return {O::kIncomplete, R::kSituationUnknown};
  return {O::kIncomplete, R::kUnanswered};
}

}  // namespace tov
