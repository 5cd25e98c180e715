// Calendar dates and UTC timestamps of the journal (docs/journal-format.md, docs/indicators.md).
//
// A Date is a whole day (the `date` of an entry, "valid time"); a Timestamp is a UTC instant with
// millisecond precision (the `recorded` of an entry, "record time"). Both are small value types
// ordered as integers. Month arithmetic is calendar months clamped to the month's last day
// (2024-08-31 + 6 months = 2025-02-28). Pure: nothing here reads the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tov {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(int32_t days_since_epoch) : days_(days_since_epoch) {}
  static Date FromYmd(int year, unsigned month, unsigned day);  // REQUIRES: a real date

  int32_t days() const { return days_; }
  std::chrono::year_month_day ymd() const;
  int year() const;
  unsigned month() const;
  unsigned day() const;

  std::string ToString() const;  // YYYY-MM-DD

  Date AddDays(int n) const { return Date(days_ + n); }
  Date AddMonths(int n) const;  // clamped to the last day of the month
  friend int operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date, Date) = default;

  static constexpr Date Min() { return Date(INT32_MIN / 2); }
  static constexpr Date Max() { return Date(INT32_MAX / 2); }

 private:
  int32_t days_ = 0;
};

// Parses exactly YYYY-MM-DD naming a real day (2023-02-29 is refused). Years 1800–2199.
std::optional<Date> ParseDate(std::string_view text);

// Parses a date as a person types it in a form: YYYY-MM-DD, or the Danish DD.MM.YYYY as the
// pages show dates (the day and month may have one digit: 1.2.2026), with surrounding spaces
// ignored. The one parser of typed dates for every form; the journal format itself is
// YYYY-MM-DD only (ParseDate).
std::optional<Date> ParseTypedDate(std::string_view text);

// Whole years of age on `on` for someone born on `birth` (a 29 February birthday counts as
// passed on 1 March in common years).
int AgeOn(Date birth, Date on);

class Timestamp {
 public:
  constexpr Timestamp() = default;
  constexpr explicit Timestamp(int64_t millis_since_epoch) : ms_(millis_since_epoch) {}
  static Timestamp FromDate(Date d) { return Timestamp(int64_t{d.days()} * 86'400'000); }
  static Timestamp FromSystemClock(std::chrono::system_clock::time_point tp);

  int64_t millis() const { return ms_; }
  Date date() const;  // the UTC day
  // ISO 8601 UTC: YYYY-MM-DDTHH:MM:SSZ, with .mmm when there are milliseconds.
  std::string ToString() const;
  friend auto operator<=>(Timestamp, Timestamp) = default;

  static constexpr Timestamp Max() { return Timestamp(INT64_MAX / 2); }

 private:
  int64_t ms_ = 0;
};

// Parses ISO 8601 date-time with a zone: YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or ±HH:MM
// (a space may stand for T). With `allow_date_only`, a bare YYYY-MM-DD means the end of that UTC
// day (23:59:59.999Z), which is what "known at 2024-03-01" means to a reader.
std::optional<Timestamp> ParseTimestamp(std::string_view text, bool allow_date_only = false);

// The offset of Danish time (Europe/Copenhagen) from UTC at `t`, in minutes: 60 (CET), or 120
// (CEST, summer time) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the EU rule, since 1996). From 1981 to 1995 summer time ended on the last
// Sunday of September; in 1980 it ran from 6 April to 28 September; before 1980, CET. (Pure: the
// rule is written here, not read from a time zone database.)
int DanishUtcOffsetMinutes(Timestamp t);
// The calendar day in Denmark at `t` (the day a caseworker sees on the wall calendar).
Date DanishDate(Timestamp t);

}  // namespace tov
