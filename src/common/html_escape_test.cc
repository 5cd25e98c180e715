// Tests of EscapeHtml: markup characters, control characters, UTF-8 (from the former tests of
// html::Esc and svg::Escape).
#include "common/html_escape.h"

#include <string>

#include <gtest/gtest.h>

namespace tov {
namespace {

TEST(EscapeHtml, EscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml(""), "");
}

TEST(EscapeHtml, DropsControlCharactersButKeepsTabAndNewlines) {
  EXPECT_EQ(EscapeHtml(std::string("x\x01y\tz")), "xy\tz");
  EXPECT_EQ(EscapeHtml(std::string("a\x01" "b\nc")), "ab\nc");
  EXPECT_EQ(EscapeHtml(std::string("a\rb\x1f" "c")), "a\rbc");
}

TEST(EscapeHtml, PassesUtf8Unchanged) {
  EXPECT_EQ(EscapeHtml("Æblegården ø"), "Æblegården ø");
  EXPECT_EQ(EscapeHtml("Søren Ærø"), "Søren Ærø");
}

}  // namespace
}  // namespace tov
