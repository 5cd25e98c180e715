// Tests for the CSV and HTML forms of the status report: the CSV parses back (RFC 4180) with
// the report's values; the HTML is a balanced, self-contained Danish page with every indicator
// in every section, escapes strings from the data, shows suppressed figures as hidden, and is
// deterministic.
#include "report/report_formats.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/html_escape.h"
#include "domain/entry_json.h"
#include "report/labels.h"
#include "report/svg_chart.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

Date D(const char* s) { return *ParseDate(s); }

void Load(Journal& journal, const std::vector<json>& lines) {
  std::vector<Entry> batch;
  ParseOptions po{Timestamp::FromDate(D("2030-01-01"))};
  for (const json& l : lines) {
    auto e = ParseEntry(l, po);
    ASSERT_TRUE(e.ok()) << e.status().ToString() << " in " << l.dump();
    batch.push_back(*e);
  }
  ASSERT_TRUE(journal.Check(batch).empty());
  for (Entry& e : batch) {
    e.seq = journal.last_seq() + 1;
    journal.Add(std::move(e));
  }
}

json E(const std::string& citizen, const char* m, const char* kind, const char* date,
       json fields = {}) {
  json j = {{"citizen", citizen},
            {"municipality", m},
            {"kind", kind},
            {"date", date},
            {"recorded", std::string(date) + "T12:00:00Z"}};
  for (auto& [k, v] : fields.items()) j[k] = v;
  return j;
}

// Ballerup: seven homeless (five in shelters, two on the street), one housed with ICM.
// Randers: two in shelters. So a national report hides Randers' counts.
void Build(Journal& j) {
  std::vector<json> lines;
  for (int i = 1; i <= 7; ++i) {
    std::string key = "151-000" + std::to_string(i);
    lines.push_back(E(key, "151", "registered", "2024-01-05",
                      {{"birth_date", i <= 2 ? "2001-03-03" : "1975-03-03"},
                       {"referred_by", i % 2 ? "self" : "outreach"}}));
    lines.push_back(
        E(key, "151", "housing", "2024-01-05", {{"situation", i <= 5 ? "shelter" : "street"}}));
    if (i <= 3)
      lines.push_back(E(key, "151", "action_plan", "2024-02-01", {{"status", "offered"}}));
  }
  lines.push_back(E("151-0008", "151", "registered", "2022-01-01", {{"birth_date", "1980-01-01"}}));
  lines.push_back(E("151-0008", "151", "housing", "2022-01-01", {{"situation", "hotel"}}));
  lines.push_back(E("151-0008", "151", "course_started", "2022-02-01",
                    {{"course", "c8"}, {"method", "ICM"}, {"worker", "w151-a"}}));
  lines.push_back(E("151-0008", "151", "housing", "2022-03-01", {{"situation", "own_home"}}));
  for (int i = 1; i <= 2; ++i) {
    std::string key = "730-000" + std::to_string(i);
    lines.push_back(E(key, "730", "registered", "2024-02-01", {{"birth_date", "1990-01-01"}}));
    lines.push_back(E(key, "730", "housing", "2024-02-01", {{"situation", "shelter"}}));
  }
  Load(j, lines);
}

StatusOptions Options(bool national = false) {
  StatusOptions o;
  o.as_of = D("2024-06-30");
  o.national = national;
  return o;
}

// RFC 4180 parser: rows of fields; CRLF between records, "" inside quoted fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        row.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.push_back(row);
      row.assign(1, "");
      ++i;
    } else {
      row.back() += c;
    }
  }
  EXPECT_EQ(row, std::vector<std::string>(1)) << "the last record ends with CRLF";
  return rows;
}

// The row with these first four fields, or nullptr.
const std::vector<std::string>* FindRow(const std::vector<std::vector<std::string>>& rows,
                                        const std::vector<std::string>& key) {
  for (const auto& r : rows)
    if (r.size() >= 4 && std::equal(key.begin(), key.end(), r.begin())) return &r;
  return nullptr;
}

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

TEST(StatusReportCsvTest, ParsesBackWithTheReportsValues) {
  Journal j;
  Build(j);
  json report = StatusReport(j, Options());
  std::string csv = StatusReportCsv(report);
  auto rows = ParseCsv(csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"municipality", "indicator", "split", "key",
                                               "numerator", "denominator", "value"}));
  for (const auto& r : rows) EXPECT_EQ(r.size(), 7u);

  const auto* homeless = FindRow(rows, {"total", "homeless", "", ""});
  ASSERT_NE(homeless, nullptr);
  EXPECT_EQ((*homeless)[6], "9");
  const auto* street = FindRow(rows, {"151", "homeless", "by_situation", "street"});
  ASSERT_NE(street, nullptr);
  EXPECT_EQ((*street)[6], "2");
  const auto* plans = FindRow(rows, {"151", "action_plan_offered", "", ""});
  ASSERT_NE(plans, nullptr);
  EXPECT_EQ((*plans)[4], "3");
  EXPECT_EQ((*plans)[5], "7");
  EXPECT_NEAR(std::stod((*plans)[6]), 3.0 / 7.0, 1e-12);
  const auto* median = FindRow(rows, {"730", "days_to_housing_median", "", ""});
  ASSERT_NE(median, nullptr);
  EXPECT_EQ((*median)[6], "");  // null
  const auto* load = FindRow(rows, {"151", "caseload", "by_method", "w151-a/ICM"});
  ASSERT_NE(load, nullptr);
  EXPECT_EQ((*load)[6], "1");
  EXPECT_EQ(csv, StatusReportCsv(report));
}

TEST(StatusReportCsvTest, QuotesFieldsAndMarksSuppressed) {
  json report = {{"as_of", "2024-06-30"},
                 {"total", {{"homeless", {{"value", 12}, {"by_age", {{"18-24", 3}}}}}}},
                 {"municipalities",
                  {{"151",
                    {{"homeless", {{"suppressed", true}}},
                     {"support_coverage", {{"suppressed", true}}},
                     {"caseload",
                      {{"w \"Ann\", team 2",
                        {{"value", 7}, {"by_method", {{"ACT", 7}}}, {"contacts_30d", 3}}}}}}}}}};
  std::string csv = StatusReportCsv(report);
  EXPECT_NE(csv.find("\"w \"\"Ann\"\", team 2\""), std::string::npos) << csv;
  auto rows = ParseCsv(csv);
  const auto* worker = FindRow(rows, {"151", "caseload", "worker", "w \"Ann\", team 2"});
  ASSERT_NE(worker, nullptr);
  EXPECT_EQ((*worker)[6], "7");
  const auto* contacts = FindRow(rows, {"151", "caseload", "contacts_30d", "w \"Ann\", team 2"});
  ASSERT_NE(contacts, nullptr);
  EXPECT_EQ((*contacts)[6], "3");
  const auto* hidden = FindRow(rows, {"151", "homeless", "", ""});
  ASSERT_NE(hidden, nullptr);
  EXPECT_EQ((*hidden)[6], "suppressed");
  const auto* hidden_rate = FindRow(rows, {"151", "support_coverage", "", ""});
  ASSERT_NE(hidden_rate, nullptr);
  EXPECT_EQ((*hidden_rate)[6], "suppressed");
  const auto* age = FindRow(rows, {"total", "homeless", "by_age", "18-24"});
  ASSERT_NE(age, nullptr);
  EXPECT_EQ((*age)[6], "3");
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
