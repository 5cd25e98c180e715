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

TEST(StatusReportHtmlTest, KnownAtIsDanishLocalTimeWithoutUtc) {
  Journal j;
  // The end of a UTC day in summer is 01:59:59 the next day in Denmark; in winter 00:59:59.
  for (const auto& [known_at, shown] : {std::pair{"2024-06-30T23:59:59Z", "1. juli 2024 kl. 01.59.59"},
                                        std::pair{"2024-03-01T09:00:00Z", "1. marts 2024 kl. 10.00.00"}}) {
    json report = {{"as_of", "2024-06-30"}, {"known_at", known_at}, {"total", {{"homeless", {{"value", 5}}}}},
                   {"municipalities", json::object()}};
    std::string html = StatusReportHtml(report, j, Options());
    EXPECT_NE(html.find(shown), std::string::npos) << known_at;
    EXPECT_EQ(html.find("UTC"), std::string::npos) << known_at;
  }
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
  auto section_of = [&](const std::string& anchor) {
    size_t start = html.find("id=\"" + anchor + "\"");
    EXPECT_NE(start, std::string::npos) << anchor;
    return start == std::string::npos ? ""
                                      : html.substr(start, html.find("</section>", start) - start);
  };
  auto row_of = [&](const std::string& section, const std::string& id) {
    size_t row = section.find("id=\"" + id + "\"");
    EXPECT_NE(row, std::string::npos) << id;
    return row == std::string::npos ? "" : section.substr(row, section.find("</tr>", row) - row);
  };
  const std::string randers = section_of("kommune-730");
  // Hidden, and not "< 5": a cell hidden beside a small one may be any size.
  EXPECT_NE(row_of(randers, "kommune-730-homeless").find("skjult"), std::string::npos);
  EXPECT_EQ(html.find("&lt; 5"), std::string::npos);
  EXPECT_NE(html.find("National"), std::string::npos);
  // The audience names the role by the glossary's name (docs/glossary.md).
  EXPECT_NE(html.find("National (" + EscapeHtml(LabelDa("role", "national")) + ")"), std::string::npos);
  EXPECT_EQ(html.find("Socialstyrelsen)"), std::string::npos);
  // Ballerup's seven homeless would give Randers' two away from the total of nine: hidden too.
  const std::string ballerup = section_of("kommune-151");
  EXPECT_NE(row_of(ballerup, "kommune-151-homeless").find("skjult"), std::string::npos);
  EXPECT_NE(row_of(section_of("i-alt"), "i-alt-homeless").find("<span class=\"value\">9</span>"),
            std::string::npos);
  // No "x af n" beside a hidden rate.
  std::string plans = row_of(ballerup, "kommune-151-action_plan_offered");
  plans = plans.substr(0, plans.find("<td class=\"def\">"));  // the value, not the definition
  EXPECT_NE(plans.find("skjult"), std::string::npos);
  EXPECT_EQ(plans.find(" af "), std::string::npos) << plans;
  // The caseload by method, never per worker.
  EXPECT_EQ(html.find("w151-a"), std::string::npos);
  EXPECT_EQ(html.find("Sagsstamme pr. medarbejder"), std::string::npos);
}

TEST(StatusReportHtmlTest, NationalTrendHidesTheMonthsTheReportHides) {
  Journal j;
  Build(j);
  const std::string html = StatusReportHtml(StatusReport(j, Options(true)), j, Options(true));
  // From February 2024 Randers has 2 (hidden), so Ballerup's 7 is hidden beside it in each
  // month's sum; in January (Randers 0) it shows. The municipal chart runs to June.
  auto chart = [](const std::string& page, const std::string& id) {
    const size_t at = page.find("id=\"" + id + "-desc\"");
    return at == std::string::npos ? std::string() : page.substr(at, page.find("</svg>", at) - at);
  };
  EXPECT_NE(chart(html, "kommune-151-trend").find("Hjemløse: fra 0 (jul 22) til 7 (jan 24)"),
            std::string::npos)
      << chart(html, "kommune-151-trend");
  EXPECT_NE(chart(html, "i-alt-trend").find("til 9 (jun 24)"), std::string::npos);
  const std::string municipal = StatusReportHtml(StatusReport(j, Options()), j, Options());
  EXPECT_NE(chart(municipal, "kommune-151-trend").find("Hjemløse: fra 0 (jul 22) til 7 (jun 24)"),
            std::string::npos)
      << chart(municipal, "kommune-151-trend");
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
