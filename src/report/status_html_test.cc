// Tests for the HTML form of the status report: a balanced, self-contained Danish page with every
// indicator in every section, which escapes strings from the data, shows suppressed figures as
// hidden, and is deterministic.
#include "report/status_html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/html_escape.h"
#include "report/labels.h"
#include "report/status_formats_test_util.h"

namespace tov::report {
namespace {

using json = nlohmann::json;
using testdata::Build;
using testdata::Options;

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + needle.size()))
    ++n;
  return n;
}

// Empty when the element tags of `html` nest properly (void elements and "/>" aside).
std::string CheckNesting(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta", "br", "img", "hr", "input", "link"};
  std::vector<std::string> stack;
  for (size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    size_t end = html.find('>', i);
    if (end == std::string::npos) return "unclosed tag at " + std::to_string(i);
    std::string tag = html.substr(i + 1, end - i - 1);
    if (tag.empty() || tag[0] == '!') continue;
    if (tag.back() == '/') continue;
    bool closing = tag[0] == '/';
    std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" \n", closing ? 1 : 0) - (closing ? 1 : 0));
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    if (!closing) {
      stack.push_back(name);
    } else if (stack.empty() || stack.back() != name) {
      return "</" + name + "> closes <" + (stack.empty() ? "" : stack.back()) + "> at " +
             std::to_string(i);
    } else {
      stack.pop_back();
    }
  }
  return stack.empty() ? "" : "<" + stack.back() + "> is not closed";
}

TEST(StatusReportHtmlTest, CompleteSelfContainedDanishPage) {
  Journal j;
  Build(j);
  json report = StatusReport(j, Options());
  std::string html = StatusReportHtml(report, j, Options());
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"da\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("Statusrapport — Hjemløsestrategien"), std::string::npos);
  EXPECT_NE(html.find("30. juni 2024"), std::string::npos);
  EXPECT_NE(html.find("Målgruppe"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("break-before:page"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(CheckNesting(html), "");
  EXPECT_EQ(Count(html, "<section"), Count(html, "</section>"));
  EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
  EXPECT_EQ(Count(html, "<section"), 3u);  // total, 151, 730
  EXPECT_NE(html.find("Ballerup (151)"), std::string::npos);
  EXPECT_NE(html.find("Randers (730)"), std::string::npos);
}

TEST(StatusReportHtmlTest, EverySectionHasEveryIndicatorAndTheCharts) {
  Journal j;
  Build(j);
  json report = StatusReport(j, Options());
  std::string body = StatusReportHtmlBody(report, j, Options());
  EXPECT_EQ(body.find("<html"), std::string::npos);
  EXPECT_EQ(body.find("<head>"), std::string::npos);
  EXPECT_EQ(body.find("<style"), std::string::npos);
  EXPECT_EQ(CheckNesting(body), "");
  std::vector<std::string> sections;
  for (size_t p = body.find("<section"); p != std::string::npos; p = body.find("<section", p + 1))
    sections.push_back(body.substr(p, body.find("</section>", p) - p));
  ASSERT_EQ(sections.size(), 3u);
  for (const std::string& s : sections) {
    for (const std::string& id : IndicatorIds()) {
      EXPECT_NE(s.find(EscapeHtml(IndicatorNameDa(id))), std::string::npos) << id;
      EXPECT_FALSE(IndicatorDefinitionDa(id).empty()) << id;
      EXPECT_NE(s.find(EscapeHtml(IndicatorDefinitionDa(id))), std::string::npos) << id;
    }
    EXPECT_EQ(Count(s, "<svg"), 4u);  // situation, age, retention, trend
    EXPECT_NE(s.find("Hjemløse efter situation"), std::string::npos);
    EXPECT_NE(s.find("Hjemløse efter alder"), std::string::npos);
    EXPECT_NE(s.find("Fastholdt bolig i 12 måneder efter metode"), std::string::npos);
    EXPECT_NE(s.find("Udvikling de seneste 24 måneder"), std::string::npos);
  }
  // Ballerup: situations by their Danish names, rates as Danish percentages.
  EXPECT_NE(sections[1].find("Herberg / forsorgshjem (§ 110)"), std::string::npos);
  EXPECT_NE(sections[1].find("På gaden (gadesover)"), std::string::npos);
  EXPECT_NE(sections[1].find("43 %"), std::string::npos);  // action plans: 3 of 7
  EXPECT_NE(sections[1].find("(3 af 7)"), std::string::npos);
}

TEST(StatusReportHtmlTest, EscapesStringsFromTheData) {
  Journal j;
  json report = {{"as_of", "2024-06-30"},
                 {"known_at", nullptr},
                 {"total", {{"homeless", {{"value", 5}}}}},
                 {"municipalities",
                  {{"<b>&x",
                    {{"homeless", {{"value", 5}}},
                     {"caseload",
                      {{"<script>alert(1)</script>",
                        {{"value", 5}, {"by_method", {{"ACT", 5}}}, {"contacts_30d", 1}}}}}}}}}};
  std::string html = StatusReportHtml(report, j, Options());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>&x"), std::string::npos);
  EXPECT_NE(html.find("Kommune &lt;b&gt;&amp;x"), std::string::npos);
  EXPECT_EQ(CheckNesting(html), "");
}

TEST(StatusReportHtmlTest, SuppressedFiguresRenderAsHidden) {
  Journal j;
  Build(j);
  json report = StatusReport(j, Options(true));
  ASSERT_TRUE(report["municipalities"]["730"]["homeless"].value("suppressed", false));
  std::string html = StatusReportHtml(report, j, Options(true));
  size_t randers = html.find("id=\"kommune-730\"");
  ASSERT_NE(randers, std::string::npos);
  std::string section = html.substr(randers, html.find("</section>", randers) - randers);
  size_t row = section.find("id=\"kommune-730-homeless\"");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(section.find("&lt; 5 (skjult)", row), std::string::npos);
  EXPECT_LT(section.find("&lt; 5 (skjult)", row), section.find("</tr>", row));
  EXPECT_NE(html.find("National"), std::string::npos);
  // Ballerup's seven homeless are shown.
  size_t ballerup = html.find("id=\"kommune-151-homeless\"");
  ASSERT_NE(ballerup, std::string::npos);
  EXPECT_NE(html.find("<span class=\"value\">7</span>", ballerup), std::string::npos);
}

TEST(StatusReportHtmlTest, Deterministic) {
  Journal j;
  Build(j);
  json report = StatusReport(j, Options());
  EXPECT_EQ(StatusReportHtml(report, j, Options()), StatusReportHtml(report, j, Options()));
  json national = StatusReport(j, Options(true));
  EXPECT_EQ(StatusReportHtml(national, j, Options(true)),
            StatusReportHtml(national, j, Options(true)));
}

}  // namespace
}  // namespace tov::report
