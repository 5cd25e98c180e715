// Tests for the CSV form of the status report: it parses back (RFC 4180) with the report's
// values, quotes fields and marks suppressed figures.
#include "report/status_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "report/status_formats_test_util.h"

namespace tov::report {
namespace {

using json = nlohmann::json;
using testdata::Build;
using testdata::Options;

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

TEST(StatusReportCsvTest, NationalCaseloadByMethodAndHiddenRatesWithoutBasis) {
  Journal j;
  Build(j);
  const json report = StatusReport(j, Options(true));
  const auto rows = ParseCsv(StatusReportCsv(report));
  // Ballerup's one ICM course: hidden as a whole, and no worker anywhere.
  const auto* caseload = FindRow(rows, {"151", "caseload", "", ""});
  ASSERT_NE(caseload, nullptr);
  EXPECT_EQ((*caseload)[6], "suppressed");
  for (const auto& r : rows) {
    EXPECT_NE(r[2], "worker");
    EXPECT_NE(r[2], "contacts_30d");
  }
  // A hidden rate has no numerator or denominator beside it.
  const auto* plans = FindRow(rows, {"151", "action_plan_offered", "", ""});
  ASSERT_NE(plans, nullptr);
  EXPECT_EQ(*plans,
            (std::vector<std::string>{"151", "action_plan_offered", "", "", "", "", "suppressed"}));
  // Randers' 730 has no course: its caseload is 0 by method.
  const auto* randers = FindRow(rows, {"730", "caseload", "", ""});
  ASSERT_NE(randers, nullptr);
  EXPECT_EQ((*randers)[6], "0");
}

}  // namespace
}  // namespace tov::report
