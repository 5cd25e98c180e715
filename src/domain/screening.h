// Target-group screening (målgruppevurdering) at intake, before anything is stored: is a person
// in the target group of the homelessness strategy (docs/design.md, the strategy)? The answer is
// in, out or not decided yet, always with a reason code; the words for people are the adapters'
// (web/page_citizens.cc). Pure: today's date is a parameter.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/date.h"
#include "domain/entry.h"

namespace tov {

// The answer to a yes/no question of the screening.
enum class ScreeningAnswer : uint8_t { kUnanswered, kYes, kNo };

struct ScreeningInput {
  // Does the person have an owned or rented dwelling or room of their own (with a lease's rights)?
  ScreeningAnswer own_home = ScreeningAnswer::kUnanswered;
  std::optional<Situation> situation;  // where the person lives or stays now; nullopt: not given
  ScreeningAnswer night = ScreeningAnswer::kUnanswered;  // a place to sleep the coming night?
  // In prison, hospital or treatment: a home to go to on release or discharge, and when.
  ScreeningAnswer release_housing = ScreeningAnswer::kUnanswered;
  std::optional<Date> release_expected;
};

enum class ScreeningOutcome : uint8_t { kIncomplete, kIn, kOut };
inline constexpr std::array<std::string_view, 3> kScreeningOutcomeNames = {"incomplete", "in",
                                                                           "out"};

// Why, one code per rule of Screen, in the order the rules are tried.
enum class ScreeningReason : uint8_t {
  kOwnHome,                   // out: a home of their own
  kHoused,                    // out: the situation is own_home or supported_housing
  kStreet,                    // in: sleeps rough
  kTemporaryAccommodation,    // in: night shelter, shelter, hotel or transitional housing
  kFriendsFamily,             // in: temporarily and without a contract with family or friends
  kMakeshift,                 // in: a hut, caravan or the like
  kNoPlaceTonight,            // in: nowhere to sleep the coming night
  kReleaseWithHome,           // out: a home to go to on release or discharge
  kReleaseDateMissing,        // not decided: the expected date of release is not given
  kReleaseDatePassed,         // not decided: the expected date has passed
  kReleaseHousingUnanswered,  // not decided: whether there is a home to go to is not answered
  kReleaseWithinMonth,        // in: released within a month (30 days) without a home
  kReleaseLater,              // out for now: released later than that; screen again
  kSituationUnknown,          // not decided: the situation is `unknown`
  kUnanswered,                // not decided: nothing that decides was answered
};
inline constexpr std::array<std::string_view, 15> kScreeningReasonNames = {
    "own_home",
    "housed",
    "street",
    "temporary_accommodation",
    "friends_family",
    "makeshift",
    "no_place_tonight",
    "release_with_home",
    "release_date_missing",
    "release_date_passed",
    "release_housing_unanswered",
    "release_within_month",
    "release_later",
    "situation_unknown",
    "unanswered"};

struct ScreeningResult {
  ScreeningOutcome outcome = ScreeningOutcome::kIncomplete;
  ScreeningReason reason = ScreeningReason::kUnanswered;
};

// Screens `input` on `today` (the rules of docs/design.md, the strategy, tried in the order of
// ScreeningReason; the first that applies decides).
ScreeningResult Screen(const ScreeningInput& input, Date today);

}  // namespace tov
