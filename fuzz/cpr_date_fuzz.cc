// Fuzz target: CPR numbers (domain/cpr.h), dates and timestamps (domain/date.h).
// Properties: no crash or UB; what is accepted is what is written back — a CPR number's ten
// digits and birth date survive Formatted() → ParseCpr, a date's ToString() is the text itself,
// and a timestamp's ToString() parses to the same instant; month arithmetic stays on real days
// and ages are not negative after birth.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/cpr.h"
#include "domain/date.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  if (auto cpr = tov::ParseCpr(text)) {
    FUZZ_CHECK(cpr->digits.size() == 10, text);
    const std::string formatted = cpr->Formatted();
    FUZZ_CHECK(formatted.size() == 11 && formatted[6] == '-', formatted);
    FUZZ_CHECK(cpr->Masked().substr(0, 7) == formatted.substr(0, 7), cpr->Masked());
    auto again = tov::ParseCpr(formatted);
    FUZZ_CHECK(again && again->digits == cpr->digits && again->birth_date == cpr->birth_date,
               formatted);
    FUZZ_CHECK(cpr->birth_date.ToString().substr(8, 2) == text.substr(0, 2), text);
  }

  if (auto date = tov::ParseDate(text)) {
    FUZZ_CHECK(date->ToString() == text, date->ToString());
    FUZZ_CHECK(date->year() >= 1800 && date->year() <= 2199, text);
    FUZZ_CHECK(tov::Date::FromYmd(date->year(), date->month(), date->day()) == *date, text);
    for (int months : {-1200, -13, -1, 1, 6, 13, 1200}) {
      tov::Date moved = date->AddMonths(months);
      FUZZ_CHECK(moved.ymd().ok(), text + " + " + std::to_string(months) + " months");
      FUZZ_CHECK(moved.day() <= date->day(), text + " + " + std::to_string(months) + " months");
    }
    FUZZ_CHECK(tov::AgeOn(*date, *date) == 0, text);
    // 30 years on (a 29 February birthday is clamped to the 28th, a day before it counts).
    const bool leap_day = date->month() == 2 && date->day() == 29;
    FUZZ_CHECK(tov::AgeOn(*date, date->AddMonths(12 * 30)) == (leap_day ? 29 : 30), text);
  }

  for (bool date_only : {false, true}) {
    if (auto ts = tov::ParseTimestamp(text, date_only)) {
      const std::string written = ts->ToString();
      auto again = tov::ParseTimestamp(written);
      FUZZ_CHECK(again && *again == *ts, text + " -> " + written);
      if (auto day = tov::ParseDate(written.substr(0, 10))) FUZZ_CHECK(ts->date() == *day, written);
    }
  }

  // Two dates side by side ("YYYY-MM-DD" twice): ages between them.
  if (size == 20) {
    auto birth = tov::ParseDate(text.substr(0, 10));
    auto on = tov::ParseDate(text.substr(10));
    if (birth && on && *on >= *birth) FUZZ_CHECK(tov::AgeOn(*birth, *on) >= 0, text);
  }
  return 0;
}
