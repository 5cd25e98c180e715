// Tests for domain/cpr: the century rule at every boundary of docs/journal-format.md, formats, and refusals.
#include "domain/cpr.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace tov {
namespace {

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

// The birth year ParseCpr gives for DDMMYY = 0101YY and 7th digit `d7`, with and without dash.
int ParsedYear(int yy, int d7) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "0101%02d%d123", yy, d7);
  auto plain = ParseCpr(digits);
  std::string dashed = std::string(digits, 6) + "-" + std::string(digits + 6);
  auto with_dash = ParseCpr(dashed);
  EXPECT_TRUE(plain.has_value()) << digits;
  EXPECT_TRUE(with_dash.has_value()) << dashed;
  if (!plain || !with_dash) return -1;
  EXPECT_EQ(plain->birth_date, with_dash->birth_date) << digits;
  EXPECT_EQ(plain->birth_date.month(), 1u);
  EXPECT_EQ(plain->birth_date.day(), 1u);
  return plain->birth_date.year();
}

// Modulus-11 check of the old CPR rule (weights 4 3 2 7 6 5 4 3 2 1).
bool PassesModulus11(const std::string& digits) {
  static constexpr int kWeights[10] = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += (digits[i] - '0') * kWeights[i];
  return sum % 11 == 0;
}

TEST(CprCenturyTest, SeventhDigitZeroToThreeIs1900s) {
  for (int d7 = 0; d7 <= 3; ++d7) {
    EXPECT_EQ(ParsedYear(0, d7), 1900) << d7;
    EXPECT_EQ(ParsedYear(36, d7), 1936) << d7;
    EXPECT_EQ(ParsedYear(37, d7), 1937) << d7;
    EXPECT_EQ(ParsedYear(57, d7), 1957) << d7;
    EXPECT_EQ(ParsedYear(58, d7), 1958) << d7;
    EXPECT_EQ(ParsedYear(99, d7), 1999) << d7;
    EXPECT_EQ(CprYear(99, d7), 1999);
    EXPECT_EQ(CprYear(0, d7), 1900);
  }
}

TEST(CprCenturyTest, SeventhDigitFourAndNineSplitAt36) {
  for (int d7 : {4, 9}) {
    EXPECT_EQ(ParsedYear(0, d7), 2000) << d7;
    EXPECT_EQ(ParsedYear(35, d7), 2035) << d7;
    EXPECT_EQ(ParsedYear(36, d7), 2036) << d7;
    EXPECT_EQ(ParsedYear(37, d7), 1937) << d7;
    EXPECT_EQ(ParsedYear(57, d7), 1957) << d7;
    EXPECT_EQ(ParsedYear(58, d7), 1958) << d7;
    EXPECT_EQ(ParsedYear(99, d7), 1999) << d7;
    EXPECT_EQ(CprYear(36, d7), 2036);
    EXPECT_EQ(CprYear(37, d7), 1937);
  }
}

TEST(CprCenturyTest, SeventhDigitFiveToEightSplitAt57) {
  for (int d7 = 5; d7 <= 8; ++d7) {
    EXPECT_EQ(ParsedYear(0, d7), 2000) << d7;
    EXPECT_EQ(ParsedYear(36, d7), 2036) << d7;
    EXPECT_EQ(ParsedYear(37, d7), 2037) << d7;
    EXPECT_EQ(ParsedYear(57, d7), 2057) << d7;
    EXPECT_EQ(ParsedYear(58, d7), 1858) << d7;
    EXPECT_EQ(ParsedYear(99, d7), 1899) << d7;
    EXPECT_EQ(CprYear(57, d7), 2057);
    EXPECT_EQ(CprYear(58, d7), 1858);
  }
}

TEST(CprTest, ParsesWithAndWithoutDash) {
  auto a = ParseCpr("150685-1234");
  auto b = ParseCpr("1506851234");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->digits, "1506851234");
  EXPECT_EQ(b->digits, "1506851234");
  EXPECT_EQ(a->birth_date, D(1985, 6, 15));
  EXPECT_EQ(b->birth_date, D(1985, 6, 15));
  EXPECT_EQ(a->Formatted(), "150685-1234");
  EXPECT_EQ(b->Formatted(), "150685-1234");
}

TEST(CprTest, RefusesDatesThatDoNotExist) {
  EXPECT_FALSE(ParseCpr("310299-1234").has_value());  // 31 February 1999
  EXPECT_FALSE(ParseCpr("3102991234").has_value());
  EXPECT_FALSE(ParseCpr("300299-1234").has_value());
  EXPECT_FALSE(ParseCpr("310499-1234").has_value());  // 31 April
  EXPECT_FALSE(ParseCpr("000199-1234").has_value());
  EXPECT_FALSE(ParseCpr("011399-1234").has_value());
  EXPECT_FALSE(ParseCpr("010099-1234").has_value());
  EXPECT_FALSE(ParseCpr("290223-1234").has_value());  // 1923 is not a leap year
  EXPECT_TRUE(ParseCpr("290224-1234").has_value());   // 1924 is
}

TEST(CprTest, LeapDayDependsOnTheCentury) {
  // 29 February YY=00: 1900 (7th digit 0–3) is not a leap year, 2000 (4–9) is.
  EXPECT_FALSE(ParseCpr("290200-0123").has_value());
  EXPECT_FALSE(ParseCpr("290200-3123").has_value());
  auto y2000 = ParseCpr("290200-4123");
  ASSERT_TRUE(y2000.has_value());
  EXPECT_EQ(y2000->birth_date, D(2000, 2, 29));
  EXPECT_EQ(ParseCpr("290200-5123")->birth_date, D(2000, 2, 29));
  EXPECT_EQ(ParseCpr("290200-9123")->birth_date, D(2000, 2, 29));
}

TEST(CprTest, RefusesWrongLengths) {
  EXPECT_FALSE(ParseCpr("").has_value());
  EXPECT_FALSE(ParseCpr("150685123").has_value());      // 9 digits
  EXPECT_FALSE(ParseCpr("15068512345").has_value());    // 11 digits
  EXPECT_FALSE(ParseCpr("150685-123").has_value());     // 9 digits with dash
  EXPECT_FALSE(ParseCpr("150685-12345").has_value());   // 11 digits with dash
  EXPECT_FALSE(ParseCpr("150685123456").has_value());
}

TEST(CprTest, RefusesOtherCharacters) {
  EXPECT_FALSE(ParseCpr("15068a-1234").has_value());
  EXPECT_FALSE(ParseCpr("150685-12x4").has_value());
  EXPECT_FALSE(ParseCpr("150685 1234").has_value());
  EXPECT_FALSE(ParseCpr("15068-51234").has_value());  // dash in the wrong place
  EXPECT_FALSE(ParseCpr("150685/1234").has_value());
  EXPECT_FALSE(ParseCpr("-1506851234").has_value());
  EXPECT_FALSE(ParseCpr("1506851234-").has_value());
  EXPECT_FALSE(ParseCpr("150685--234").has_value());
  EXPECT_FALSE(ParseCpr("15O685-1234").has_value());  // letter O
}

TEST(CprTest, NoModulus11Check) {
  const std::string failing = "1506851235";
  ASSERT_FALSE(PassesModulus11(failing));
  auto c = ParseCpr(failing);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->birth_date, D(1985, 6, 15));

  // One that passes the old check is accepted too.
  std::string passing;
  for (int s = 0; s <= 9999 && passing.empty(); ++s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "150685%04d", s);
    if (PassesModulus11(buf)) passing = buf;
  }
  ASSERT_FALSE(passing.empty());
  EXPECT_TRUE(ParseCpr(passing).has_value());
}

TEST(CprTest, MaskedHidesTheSequenceNumber) {
  EXPECT_EQ(ParseCpr("150685-1234")->Masked(), "150685-xxxx");
  EXPECT_EQ(ParseCpr("1506851234")->Masked(), "150685-xxxx");
  EXPECT_EQ(ParseCpr("1506851234")->Masked().find("1234"), std::string::npos);
}

}  // namespace
}  // namespace tov
