// Tests for domain/date: strict ParseDate, clamped AddMonths, AgeOn, and ParseTimestamp / ToString.
#include "domain/date.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

namespace tov {
namespace {

constexpr int64_t kMsPerHour = 3'600'000;
constexpr int64_t kMsPerMinute = 60'000;

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

// Midnight UTC of the given day, in milliseconds since the epoch.
int64_t MidnightMs(int y, unsigned m, unsigned d) { return int64_t{D(y, m, d).days()} * 86'400'000; }

TEST(ParseDateTest, AcceptsRealDates) {
  auto d = ParseDate("2024-03-15");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 3u);
  EXPECT_EQ(d->day(), 15u);
  EXPECT_EQ(d->ToString(), "2024-03-15");

  EXPECT_EQ(ParseDate("1970-01-01"), Date(0));
  EXPECT_EQ(ParseDate("1970-01-02"), Date(1));
  EXPECT_EQ(ParseDate("2023-12-31"), D(2023, 12, 31));
  EXPECT_EQ(ParseDate("2024-04-30"), D(2024, 4, 30));
}

TEST(ParseDateTest, AcceptsLeapDayInLeapYears) {
  EXPECT_EQ(ParseDate("2024-02-29"), D(2024, 2, 29));
  EXPECT_EQ(ParseDate("2000-02-29"), D(2000, 2, 29));  // divisible by 400
  EXPECT_EQ(ParseDate("2024-02-29")->AddDays(1), D(2024, 3, 1));
}

TEST(ParseDateTest, RefusesDaysThatDoNotExist) {
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("1900-02-29").has_value());  // divisible by 100, not 400
  EXPECT_FALSE(ParseDate("2024-02-30").has_value());
  EXPECT_FALSE(ParseDate("2024-13-01").has_value());
  EXPECT_FALSE(ParseDate("2024-00-10").has_value());
  EXPECT_FALSE(ParseDate("2024-04-31").has_value());
  EXPECT_FALSE(ParseDate("2024-06-31").has_value());
  EXPECT_FALSE(ParseDate("2024-01-00").has_value());
  EXPECT_FALSE(ParseDate("2024-01-32").has_value());
}

TEST(ParseDateTest, RefusesOtherSpellings) {
  EXPECT_FALSE(ParseDate("2024-1-01").has_value());
  EXPECT_FALSE(ParseDate("2024-01-1").has_value());
  EXPECT_FALSE(ParseDate("24-01-01").has_value());
  EXPECT_FALSE(ParseDate("2024/01/01").has_value());
  EXPECT_FALSE(ParseDate("20240101").has_value());
  EXPECT_FALSE(ParseDate("2024-01-01x").has_value());
  EXPECT_FALSE(ParseDate("2024-01-01 ").has_value());
  EXPECT_FALSE(ParseDate(" 2024-01-01").has_value());
  EXPECT_FALSE(ParseDate("2024-01-01T00:00:00Z").has_value());
  EXPECT_FALSE(ParseDate("+024-01-01").has_value());
  EXPECT_FALSE(ParseDate("2024-0a-01").has_value());
  EXPECT_FALSE(ParseDate("").has_value());
}

// Forms take the Danish DD.MM.YYYY (as the pages show dates) as well as YYYY-MM-DD.
TEST(ParseTypedDateTest, AcceptsIsoAndDanishDates) {
  EXPECT_EQ(ParseTypedDate("2026-12-01"), ParseDate("2026-12-01"));
  EXPECT_EQ(ParseTypedDate("01.12.2026"), ParseDate("2026-12-01"));
  EXPECT_EQ(ParseTypedDate("1.2.2026"), ParseDate("2026-02-01"));
  EXPECT_EQ(ParseTypedDate(" 29.02.2024 "), ParseDate("2024-02-29"));
  EXPECT_EQ(ParseTypedDate("31.12.1799"), std::nullopt) << "years 1800–2199 as ParseDate";
  for (const char* bad : {"", "29.02.2023", "32.01.2026", "01.13.2026", "01.12.26", "01-12-2026", "1.2.2026.",
                          "001.12.2026", "01..2026", ".12.2026", "a1.12.2026", "01.12.20260", "2026.12.01", "01/12/2026"})
    EXPECT_EQ(ParseTypedDate(bad), std::nullopt) << bad;
}

TEST(AddMonthsTest, ClampsToTheLastDayOfTheMonth) {
  EXPECT_EQ(D(2024, 8, 31).AddMonths(6), D(2025, 2, 28));  // docs/indicators.md's example
  EXPECT_EQ(D(2024, 1, 31).AddMonths(1), D(2024, 2, 29));  // leap year
  EXPECT_EQ(D(2023, 1, 31).AddMonths(1), D(2023, 2, 28));
  EXPECT_EQ(D(2024, 3, 31).AddMonths(1), D(2024, 4, 30));
  EXPECT_EQ(D(2024, 2, 29).AddMonths(12), D(2025, 2, 28));
}

TEST(AddMonthsTest, KeepsTheDayWhenItExists) {
  EXPECT_EQ(D(2024, 1, 15).AddMonths(1), D(2024, 2, 15));
  EXPECT_EQ(D(2024, 1, 31).AddMonths(2), D(2024, 3, 31));
  EXPECT_EQ(D(2024, 5, 10).AddMonths(0), D(2024, 5, 10));
}

TEST(AddMonthsTest, CrossesYears) {
  EXPECT_EQ(D(2024, 3, 15).AddMonths(12), D(2025, 3, 15));
  EXPECT_EQ(D(2024, 11, 30).AddMonths(3), D(2025, 2, 28));
  EXPECT_EQ(D(2024, 12, 1).AddMonths(1), D(2025, 1, 1));
  EXPECT_EQ(D(2023, 7, 4).AddMonths(30), D(2026, 1, 4));
}

TEST(AddMonthsTest, NegativeMonths) {
  EXPECT_EQ(D(2023, 3, 31).AddMonths(-1), D(2023, 2, 28));
  EXPECT_EQ(D(2024, 3, 31).AddMonths(-1), D(2024, 2, 29));
  EXPECT_EQ(D(2024, 1, 15).AddMonths(-1), D(2023, 12, 15));
  EXPECT_EQ(D(2025, 3, 15).AddMonths(-12), D(2024, 3, 15));
  EXPECT_EQ(D(2024, 8, 31).AddMonths(-6), D(2024, 2, 29));
  EXPECT_EQ(D(2024, 2, 29).AddMonths(-12), D(2023, 2, 28));
}

TEST(AgeOnTest, WholeYearsTurningOnTheBirthday) {
  Date birth = D(1990, 6, 15);
  EXPECT_EQ(AgeOn(birth, D(2024, 6, 14)), 33);
  EXPECT_EQ(AgeOn(birth, D(2024, 6, 15)), 34);
  EXPECT_EQ(AgeOn(birth, D(2024, 6, 16)), 34);
  EXPECT_EQ(AgeOn(birth, D(2024, 5, 31)), 33);  // earlier month, later day
  EXPECT_EQ(AgeOn(birth, D(2024, 7, 1)), 34);   // later month, earlier day
  EXPECT_EQ(AgeOn(birth, D(2024, 12, 31)), 34);
  EXPECT_EQ(AgeOn(birth, D(2025, 1, 1)), 34);
  EXPECT_EQ(AgeOn(birth, birth), 0);
  EXPECT_EQ(AgeOn(birth, D(1991, 6, 14)), 0);
  EXPECT_EQ(AgeOn(birth, D(1991, 6, 15)), 1);
}

TEST(AgeOnTest, LeapDayBirthdays) {
  Date birth = D(2004, 2, 29);
  // Common years: the birthday counts as passed on 1 March.
  EXPECT_EQ(AgeOn(birth, D(2023, 2, 28)), 18);
  EXPECT_EQ(AgeOn(birth, D(2023, 3, 1)), 19);
  // Leap years: on the day itself.
  EXPECT_EQ(AgeOn(birth, D(2024, 2, 28)), 19);
  EXPECT_EQ(AgeOn(birth, D(2024, 2, 29)), 20);
  EXPECT_EQ(AgeOn(birth, D(2024, 3, 1)), 20);
}

TEST(ParseTimestampTest, Utc) {
  auto t = ParseTimestamp("2024-03-01T09:30:15Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->millis(), MidnightMs(2024, 3, 1) + 9 * kMsPerHour + 30 * kMsPerMinute + 15'000);
  EXPECT_EQ(t->date(), D(2024, 3, 1));
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:00Z"), Timestamp(0));
  // Seconds may be left out, and a space may stand for T.
  EXPECT_EQ(ParseTimestamp("2024-03-01T09:30Z"), Timestamp(MidnightMs(2024, 3, 1) + 9 * kMsPerHour + 30 * kMsPerMinute));
  EXPECT_EQ(ParseTimestamp("2024-03-01 09:30:15Z"), t);
}

TEST(ParseTimestampTest, OffsetsConvertToUtc) {
  auto utc = ParseTimestamp("2024-03-01T09:00:00Z");
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(ParseTimestamp("2024-03-01T11:00:00+02:00"), utc);
  EXPECT_EQ(ParseTimestamp("2024-03-01T08:00:00-01:00"), utc);
  EXPECT_EQ(ParseTimestamp("2024-03-01T09:00:00+00:00"), utc);
  EXPECT_EQ(ParseTimestamp("2024-03-01T14:30:00+05:30"), utc);
  // An offset may move the instant to another UTC day.
  auto t = ParseTimestamp("2024-03-01T01:00:00+02:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->ToString(), "2024-02-29T23:00:00Z");
  EXPECT_EQ(t->date(), D(2024, 2, 29));
}

TEST(ParseTimestampTest, Milliseconds) {
  auto t = ParseTimestamp("2024-03-01T09:00:00.123Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->millis(), MidnightMs(2024, 3, 1) + 9 * kMsPerHour + 123);
  EXPECT_EQ(t->ToString(), "2024-03-01T09:00:00.123Z");
  EXPECT_EQ(ParseTimestamp("2024-03-01T09:00:00.5Z")->millis(), MidnightMs(2024, 3, 1) + 9 * kMsPerHour + 500);
  EXPECT_EQ(ParseTimestamp("2024-03-01T09:00:00.007Z")->millis(), MidnightMs(2024, 3, 1) + 9 * kMsPerHour + 7);
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00.Z").has_value());
}

TEST(ParseTimestampTest, RefusesMissingZone) {
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00.123").has_value());
}

// Found by fuzz/cpr_date_fuzz.cc: an offset could carry an instant out of the years 1800–2199,
// so that its ToString() (1799-12-31T10:00:00Z) did not parse again and an export of the entry
// could not be imported.
TEST(ParseTimestampTest, RefusesInstantsOutsideTheYearsAfterTheOffset) {
  EXPECT_FALSE(ParseTimestamp("1800-01-01T00:00:00+14:00").has_value());
  EXPECT_FALSE(ParseTimestamp("1800-01-01T00:59:00+01:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2199-12-31T23:30:00-01:00").has_value());
  auto first = ParseTimestamp("1800-01-01T01:00:00+01:00");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->ToString(), "1800-01-01T00:00:00Z");
  EXPECT_EQ(ParseTimestamp(first->ToString()), first);
  auto last = ParseTimestamp("2199-12-31T23:59:59.999Z");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(ParseTimestamp(last->ToString()), last);
}

TEST(ParseTimestampTest, RefusesMalformed) {
  EXPECT_FALSE(ParseTimestamp("").has_value());
  EXPECT_FALSE(ParseTimestamp("yesterday").has_value());
  EXPECT_FALSE(ParseTimestamp("2023-02-29T09:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T24:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:60:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:60Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00Zx").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00+0200").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T09:00:00+02").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01X09:00:00Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01T9:00:00Z").has_value());
}

TEST(ParseTimestampTest, DateOnlyOnlyWhenAllowed) {
  EXPECT_FALSE(ParseTimestamp("2024-03-01").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-03-01", /*allow_date_only=*/false).has_value());
  auto t = ParseTimestamp("2024-03-01", /*allow_date_only=*/true);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->millis(), MidnightMs(2024, 3, 2) - 1);  // end of the UTC day
  EXPECT_EQ(t->ToString(), "2024-03-01T23:59:59.999Z");
  EXPECT_EQ(t->date(), D(2024, 3, 1));
  EXPECT_FALSE(ParseTimestamp("2023-02-29", true).has_value());
  EXPECT_FALSE(ParseTimestamp("2024-3-01", true).has_value());
}

TEST(TimestampTest, ToStringRoundTrips) {
  for (const char* text : {"2024-03-01T09:00:00Z", "2024-03-01T09:00:00.123Z", "1999-12-31T23:59:59.999Z",
                           "2024-02-29T00:00:00Z", "2000-01-01T00:00:00.001Z", "1969-12-31T23:59:59Z"}) {
    auto t = ParseTimestamp(text);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(t->ToString(), text);
    EXPECT_EQ(ParseTimestamp(t->ToString()), t) << text;
  }
  for (int64_t ms : {int64_t{0}, int64_t{1}, int64_t{1'709'283'600'000}, int64_t{1'709'283'600'042},
                     int64_t{-1}, int64_t{-86'400'001}}) {
    Timestamp t(ms);
    EXPECT_EQ(ParseTimestamp(t.ToString()), t) << ms << " " << t.ToString();
  }
}

TEST(TimestampTest, FromDateIsMidnightUtc) {
  EXPECT_EQ(Timestamp::FromDate(D(2024, 3, 1)).ToString(), "2024-03-01T00:00:00Z");
  EXPECT_EQ(Timestamp::FromDate(D(2024, 3, 1)).date(), D(2024, 3, 1));
  EXPECT_EQ(Timestamp(-1).date(), D(1969, 12, 31));
}

// Danish time (Europe/Copenhagen): the boundaries agree with the tz database (checked with
// Python's zoneinfo when this test was written).
TEST(DanishTimeTest, SummerTimeBeginsAndEndsAtOneUtc) {
  auto offset = [](const char* utc) { return DanishUtcOffsetMinutes(*ParseTimestamp(utc)); };
  EXPECT_EQ(offset("2024-03-31T00:59:59Z"), 60);
  EXPECT_EQ(offset("2024-03-31T01:00:00Z"), 120);
  EXPECT_EQ(offset("2024-10-27T00:59:59Z"), 120);
  EXPECT_EQ(offset("2024-10-27T01:00:00Z"), 60);
  EXPECT_EQ(offset("2026-03-29T01:00:00Z"), 120);
  EXPECT_EQ(offset("2026-10-25T00:30:00Z"), 120);
  EXPECT_EQ(offset("2026-12-01T12:00:00Z"), 60);
  // Before 1996 summer time ended in September; 1980 had its own days; none before 1980.
  EXPECT_EQ(offset("1995-09-24T00:59:59Z"), 120);
  EXPECT_EQ(offset("1995-09-24T01:00:00Z"), 60);
  EXPECT_EQ(offset("1980-04-06T00:59:59Z"), 60);
  EXPECT_EQ(offset("1980-04-06T01:00:00Z"), 120);
  EXPECT_EQ(offset("1980-09-28T00:59:59Z"), 120);
  EXPECT_EQ(offset("1980-09-28T01:00:00Z"), 60);
  EXPECT_EQ(offset("1979-07-01T00:00:00Z"), 60);
}

TEST(DanishTimeTest, TheDanishDayBeginsAnHourOrTwoBeforeTheUtcDay) {
  auto day = [](const char* utc) { return DanishDate(*ParseTimestamp(utc)).ToString(); };
  // Winter: midnight in Copenhagen is 23:00 UTC.
  EXPECT_EQ(day("2026-11-30T22:59:59.999Z"), "2026-11-30");
  EXPECT_EQ(day("2026-11-30T23:00:00Z"), "2026-12-01");
  // Summer: 22:00 UTC.
  EXPECT_EQ(day("2024-06-30T21:59:59Z"), "2024-06-30");
  EXPECT_EQ(day("2024-06-30T22:00:00Z"), "2024-07-01");
  // New Year's Eve crosses the year.
  EXPECT_EQ(day("2024-12-31T23:30:00Z"), "2025-01-01");
}

}  // namespace
}  // namespace tov
