// Tests of TextProblem: the NUL byte and the well-formed UTF-8 of RFC 3629, at the edges.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

namespace tov {
namespace {

TEST(CodePointCount, CountsCharactersNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("æøå"), 3u);              // two bytes each
  EXPECT_EQ(CodePointCount("\xe2\x82\xac"), 1u);     // € (three bytes)
  EXPECT_EQ(CodePointCount("\xf0\x9f\x98\x80!"), 2u);  // an emoji (four bytes) and "!"
  EXPECT_EQ(CodePointCount(std::string(20000, 'a')), 20000u);
}

TEST(TextProblem, AcceptsAsciiAndWellFormedUtf8) {
  for (std::string ok : {"", "plain", "Æbler og pærer", "ünïcødé", "\x7f", "\xc2\x80", "\xdf\xbf",
                         "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
                         "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "€ 😀"})
    EXPECT_EQ(TextProblem(ok), std::nullopt) << ok;
}

TEST(TextProblem, RefusesANulByteAnywhereWithItsPosition) {
  EXPECT_EQ(TextProblem(std::string("\0", 1)), "contains a NUL byte (byte 1)");
  EXPECT_EQ(TextProblem(std::string("{}\0{}", 5)), "contains a NUL byte (byte 3)");
  EXPECT_EQ(TextProblem(std::string("ab\0", 3)), "contains a NUL byte (byte 3)");
}

TEST(TextProblem, RefusesMalformedUtf8WithThePositionOfTheSequence) {
  struct Case {
    std::string text;
    int byte;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"\x80", 1},              // a continuation byte alone
           {"ab\xbf", 3},
           {"\xc0\xaf", 1},          // overlong '/'
           {"\xc1\xbf", 1},          // overlong
           {"\xe0\x80\xaf", 1},      // overlong, three bytes
           {"\xf0\x80\x80\xaf", 1},  // overlong, four bytes
           {"\xed\xa0\x80", 1},      // a surrogate (U+D800)
           {"\xed\xbf\xbf", 1},      // a surrogate (U+DFFF)
           {"\xf4\x90\x80\x80", 1},  // above U+10FFFF
           {"\xf5\x80\x80\x80", 1},
           {"\xff", 1},
           {"\xfe\xff", 1},          // a UTF-16 byte order mark
           {"x\xc3", 2},             // cut short at the end
           {"\xe2\x82", 1},
           {"\xf0\x9f\x98", 1},
           {"\xc3(", 1},             // a continuation byte missing
           {"\xe2\x28\xa1", 1},
           {"ok \xe2\x82\xac then \xff", 13},
       }) {
    EXPECT_EQ(TextProblem(c.text), "is not valid UTF-8 (byte " + std::to_string(c.byte) + ")")
        << c.text;
  }
}

}  // namespace
TEST(RedactCprLike, HidesCprNumbersWrittenWithAnySeparator) {
  EXPECT_EQ(RedactCprLike("no citizen 0101901234"), "no citizen **********");
  EXPECT_EQ(RedactCprLike("cpr 010190-1234."), "cpr **********.");
  EXPECT_EQ(RedactCprLike("/api/v1/citizens/010190 1234"), "/api/v1/citizens/**********");
  EXPECT_EQ(RedactCprLike("010190.1234 and 010190/1234"), "********** and **********");
  EXPECT_EQ(RedactCprLike("01.01.90-1234"), "**********");
  EXPECT_EQ(RedactCprLike("01/01/90/1234"), "**********");
  EXPECT_EQ(RedactCprLike("01 01 90 1234x"), "**********x");
  EXPECT_EQ(RedactCprLike("123456789012345"), "**********");
  // Not CPR-shaped: kept.
  EXPECT_EQ(RedactCprLike("151-0001"), "151-0001");
  EXPECT_EQ(RedactCprLike("2024-01-01"), "2024-01-01");
  EXPECT_EQ(RedactCprLike("010190-12345"), "010190-12345");
  EXPECT_EQ(RedactCprLike("010190--1234"), "010190--1234");
  EXPECT_EQ(RedactCprLike("123456789"), "123456789");
  EXPECT_EQ(RedactCprLike("9010190-1234"), "9010190-1234");
}

}  // namespace tov
