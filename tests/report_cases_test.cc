// Data-driven report and alert cases (DuckDB style). Each tests/cases/<name>.jsonl is a journal
// (docs/journal-format.md) and tests/cases/<name>.case.json says what docs/indicators.md gives for it:
//
//   {"description": "…", "as_of": "YYYY-MM-DD", "known_at": "ISO time" (optional),
//    "municipality": "151" (optional), "national": true (optional),
//    "report": {expected subset of `report status --format json`} (optional),
//    "alerts": [{"rule", "citizen", "municipality", "since"}, …] (optional),
//    "queue": {"municipality": "151", "list": [{"citizen", "points", "parts", "approved"}, …]} (optional),
//    "candidates": {"UNIT": {"vacant", "candidates": […], "ineligible": […]}, …} (optional),
//    "count": {"week": "YYYY-Www", "municipality"?, "national"?: true,
//              "expected": {the whole JSON of `tovholder count`}} (optional),
//    "youth": {expected subset of `report youth --format json`} (optional),
//    "outreach": {expected subset of `report outreach --format json`} (optional; with
//                 "national", the national audience's),
//    "implementation": {expected subset of `report implementation --format json`} (optional;
//                       with "national", the national audience's),
//    "settings": {key: value} (optional: the thresholds and norms of every municipality, for
//                "implementation")}
//
// "count" (DESIGN §10, the homeless count) must equal the count's JSON exactly. With "national",
// the count is made with keyed pseudonyms (fresh keys): the expected "citizen"s are keys, each
// replaced by its pseudonym and each list sorted anew before the comparison. "as_of" is not
// needed for a case with only "count".
//
// "queue" and "candidates" (DESIGN §9) compare with `housing queue` and `housing candidates` in
// the same way as "report" (lists: same length, each element a subset), with the default weights.
//
// "report" is a recursive subset: every key given must match the actual report, numbers exactly;
// an expected 0 also matches an absent key, an expected {} means "empty or absent", and an object
// with "suppressed" (national audience) must match exactly, both ways. "alerts"
// is the complete list, in order (rule, then citizen). Expectations are computed by hand from the
// definitions, never copied from the program's output.
//
// One test per case file, named after it: `--gtest_filter='*Case*/shelter_6_months*'`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/alerts.h"
#include "report/homeless_count.h"
#include "report/implementation.h"
#include "report/housing.h"
#include "security/crypto.h"
#include "report/status_report.h"
#include "report/outreach_report.h"
#include "report/youth_report.h"

namespace tov {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

fs::path CasesDir() { return fs::path(TOVHOLDER_SOURCE_DIR) / "tests" / "cases"; }

// The case names: every tests/cases/<name>.jsonl, sorted.
std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(CasesDir(), ec)) {
    const std::string file = e.path().filename().string();
    if (e.is_regular_file() && file.size() > 6 && file.ends_with(".jsonl"))
      names.push_back(file.substr(0, file.size() - 6));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Loads a journal file as `tovholder import` would: parse every line, check the whole batch,
// number the entries in line order and add them. Returns "" or the problems found.
std::string LoadJournal(const fs::path& file, Journal& journal) {
  std::ifstream in(file);
  if (!in) return "cannot open " + file.string();
  ParseOptions options{.now = Timestamp::Max()};
  std::vector<Entry> batch;
  std::string problems, line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto e = ParseEntryLine(line, options);
    if (!e.ok()) {
      problems += "line " + std::to_string(n) + ": " + e.status().message() + "\n";
      continue;
    }
    batch.push_back(std::move(*e));
  }
  if (!problems.empty()) return problems;
  for (const BatchError& err : journal.Check(batch))
    problems += "entry " + std::to_string(err.index + 1) + " (" + batch[err.index].id + "): " +
                err.error.field + ": " + err.error.reason + "\n";
  if (!problems.empty()) return problems;
  for (size_t i = 0; i < batch.size(); ++i) {
    batch[i].seq = static_cast<int64_t>(i + 1);
    journal.Add(std::move(batch[i]));
  }
  return "";
}

bool IsZero(const json& v) { return v.is_number() && v.get<double>() == 0.0; }

// Whether an expectation is met by an absent key: 0, {}, or an object of such.
bool AllZero(const json& v) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.items())
      if (!AllZero(x)) return false;
    return true;
  }
  return IsZero(v);
}

bool SameNumber(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) return a.get<int64_t>() == b.get<int64_t>();
  return a.get<double>() == b.get<double>();
}

// Collects "path: expected …, actual …" for every way `actual` fails to match `expected`.
void Match(const json& expected, const json* actual, const std::string& path,
           std::vector<std::string>& diffs) {
  auto show = [](const json* v) { return v ? v->dump() : std::string("(absent)"); };
  auto fail = [&] { diffs.push_back(path + ": expected " + expected.dump() + ", actual " + show(actual)); };
  if (expected.is_object()) {
    if (expected.empty()) {  // {} means: nothing there
      if (actual && !(actual->is_object() && actual->empty())) fail();
      return;
    }
    if (!actual) {
      if (!AllZero(expected)) fail();
      return;
    }
    if (!actual->is_object()) return fail();
    // Small-cell suppression is all or nothing: {"suppressed": true} must be exactly that, and a
    // suppressed figure must be expected as such (else {"value": 0} would match it).
    if (expected.contains("suppressed") || actual->contains("suppressed")) {
      if (*actual != expected) fail();
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      auto it = actual->find(key);
      Match(value, it == actual->end() ? nullptr : &*it, path + "." + key, diffs);
    }
    return;
  }
  if (expected.is_number()) {
    if (!actual) {
      if (!IsZero(expected)) fail();
      return;
    }
    if (!actual->is_number() || !SameNumber(expected, *actual)) fail();
    return;
  }
  if (expected.is_array()) {
    if (!actual || !actual->is_array() || actual->size() != expected.size()) return fail();
    for (size_t i = 0; i < expected.size(); ++i)
      Match(expected[i], &(*actual)[i], path + "[" + std::to_string(i) + "]", diffs);
    return;
  }
  if (!actual || *actual != expected) fail();  // strings, booleans, null
}

std::string AlertLine(const json& a) {
  auto field = [&](const char* k) { return a.contains(k) ? a[k].dump() : std::string("?"); };
  return field("rule") + " " + field("citizen") + " " + field("municipality") + " since " +
         field("since");
}

// A line diff of two alert lists (longest common subsequence), "-" expected only, "+" actual only.
std::string AlertDiff(const json& expected, const json& actual) {
  std::vector<std::string> a, b;
  for (const auto& x : expected) a.push_back(AlertLine(x));
  for (const auto& x : actual) b.push_back(AlertLine(x));
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "    " + a[i++] + "\n";
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "  - " + a[i++] + "   (expected only)\n";
    } else {
      out += "  + " + b[j++] + "   (actual only)\n";
    }
  }
  return out;
}

class ReportCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportCaseTest, MatchesDefinitions) {
  const std::string name = GetParam();
  const fs::path journal_file = CasesDir() / (name + ".jsonl");
  const fs::path case_file = CasesDir() / (name + ".case.json");
  ASSERT_TRUE(fs::exists(case_file)) << case_file << " is missing";

  json spec = json::parse(ReadFile(case_file), nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(spec.is_discarded()) << case_file << " is not valid JSON";
  ASSERT_TRUE(spec.is_object());
  for (const auto& [key, value] : spec.items()) {
    static const std::vector<std::string> kKeys = {"description", "as_of",  "known_at", "municipality",
                                                   "national",    "report", "alerts",
                                                   "queue",       "candidates", "count", "youth",
                                                   "implementation", "settings", "outreach"};
    ASSERT_NE(std::find(kKeys.begin(), kKeys.end(), key), kKeys.end())
        << case_file << ": unknown key \"" << key << "\"";
  }
  ASSERT_TRUE(spec.contains("report") || spec.contains("alerts") || spec.contains("queue") ||
              spec.contains("candidates") || spec.contains("count") || spec.contains("youth") ||
              spec.contains("implementation") || spec.contains("outreach"))
      << case_file << ": give \"report\", \"alerts\", \"queue\", \"candidates\" and/or \"count\"";
  const std::string description = spec.value("description", "");
  SCOPED_TRACE("case " + name + ": " + description);

  const bool count_only = spec.contains("count") && !spec.contains("report") && !spec.contains("alerts") &&
                          !spec.contains("queue") && !spec.contains("candidates");
  if (count_only && !spec.contains("as_of")) spec["as_of"] = "2000-01-01";  // unused
  ASSERT_TRUE(spec.contains("as_of") && spec["as_of"].is_string()) << "as_of is required";
  auto as_of = ParseDate(spec["as_of"].get<std::string>());
  ASSERT_TRUE(as_of) << "as_of: not a date";
  Timestamp known_at = Timestamp::Max();
  if (spec.contains("known_at")) {
    auto t = ParseTimestamp(spec["known_at"].get<std::string>(), /*allow_date_only=*/true);
    ASSERT_TRUE(t) << "known_at: not an ISO time";
    known_at = *t;
  }
  std::optional<std::string> municipality;
  if (spec.contains("municipality")) municipality = spec["municipality"].get<std::string>();

  Journal journal;
  const std::string problems = LoadJournal(journal_file, journal);
  ASSERT_EQ(problems, "") << journal_file << " does not load";

  if (spec.contains("report")) {
    report::StatusOptions options;
    options.as_of = *as_of;
    options.known_at = known_at;
    options.municipality = municipality;
    options.national = spec.value("national", false);
    const json actual = report::StatusReport(journal, options);
    std::vector<std::string> diffs;
    Match(spec["report"], &actual, "report", diffs);
    std::string message;
    for (const auto& d : diffs) message += "  " + d + "\n";
    EXPECT_TRUE(diffs.empty()) << diffs.size() << " figure(s) differ from " << case_file.filename()
                               << ":\n"
                               << message << "actual report:\n"
                               << actual.dump(1);
  }

  auto expect_match = [&](const json& expected, const json& actual, const std::string& what) {
    std::vector<std::string> diffs;
    Match(expected, &actual, what, diffs);
    std::string message;
    for (const auto& d : diffs) message += "  " + d + "\n";
    EXPECT_TRUE(diffs.empty()) << what << " differs from " << case_file.filename() << ":\n"
                               << message << "actual:\n"
                               << actual.dump(1);
  };
  if (spec.contains("queue")) {
    const json& q = spec["queue"];
    ASSERT_TRUE(q.is_object() && q.contains("municipality") && q.contains("list"))
        << "queue: {\"municipality\", \"list\"}";
    const auto list = report::WaitingList(journal, *as_of, known_at, q["municipality"].get<std::string>(), {});
    expect_match(q["list"], report::QueueJson(*as_of, q["municipality"], list)["queue"], "queue");
  }
  if (spec.contains("candidates")) {
    ASSERT_TRUE(spec["candidates"].is_object()) << "candidates: {unit: expected}";
    for (const auto& [unit, expected] : spec["candidates"].items()) {
      auto split = report::Candidates(journal, unit, *as_of, known_at, {});
      ASSERT_TRUE(split.ok()) << unit << ": " << split.status().ToString();
      expect_match(expected, report::CandidatesJson(*split), "candidates of " + unit);
    }
  }

  if (spec.contains("youth")) {
    report::YouthOptions options{*as_of, known_at, municipality};
    expect_match(spec["youth"], report::YouthReport(journal, options), "youth report");
  }
  if (spec.contains("outreach")) {
    report::OutreachOptions options{*as_of, known_at, municipality, spec.value("national", false)};
    expect_match(spec["outreach"], report::OutreachReport(journal, options), "outreach report");
  }
  if (spec.contains("implementation")) {
    report::ImplementationOptions options;
    options.as_of = *as_of;
    options.known_at = known_at;
    options.municipality = municipality;
    options.national = spec.value("national", false);
    const json settings = spec.value("settings", json::object());
    for (const auto& [key, value] : settings.items())
      ASSERT_TRUE(report::SetThreshold(options.defaults, key, value.get<std::string>())) << "settings." << key;
    expect_match(spec["implementation"], report::ImplementationReport(journal, options), "implementation report");
  }
  if (spec.contains("count")) {
    const json& c = spec["count"];
    ASSERT_TRUE(c.is_object() && c.contains("week") && c.contains("expected"))
        << "count: {\"week\", \"expected\"}";
    auto week = report::ParseIsoWeek(c["week"].get<std::string>());
    ASSERT_TRUE(week) << "count.week: " << report::IsoWeekError(c["week"].get<std::string>());
    report::CountOptions options{*week, known_at, std::nullopt, nullptr};
    if (c.contains("municipality")) options.municipality = c["municipality"].get<std::string>();
    json expected = c["expected"];
    std::optional<crypto::Keys> keys;
    if (c.value("national", false)) {
      auto generated = crypto::GenerateKeys();
      ASSERT_TRUE(generated.ok());
      keys.emplace(std::move(*generated));
      options.pseudonym = [&](const std::string& key) { return crypto::Pseudonym(*keys, key); };
      for (auto& [m, list] : expected["municipalities"].items()) {
        for (auto& person : list) person["citizen"] = options.pseudonym(person["citizen"].get<std::string>());
        std::sort(list.begin(), list.end(),
                  [](const json& a, const json& b) { return a["citizen"] < b["citizen"]; });
      }
    }
    const json actual = report::CountJson(*week, report::HomelessCount(journal, options));
    EXPECT_EQ(actual, expected) << "count differs from " << case_file.filename() << ":\nexpected:\n"
                                << expected.dump(1) << "\nactual:\n" << actual.dump(1);
  }

  if (spec.contains("alerts")) {
    ASSERT_TRUE(spec["alerts"].is_array()) << "alerts must be a list";
    report::AlertOptions options;
    options.as_of = *as_of;
    options.known_at = known_at;
    options.municipality = municipality;
    const json actual = report::AlertsJson(*as_of, report::Alerts(journal, options));
    EXPECT_EQ(actual["as_of"], spec["as_of"]);
    EXPECT_TRUE(actual["alerts"] == spec["alerts"])
        << "alerts differ from " << case_file.filename() << ":\n"
        << AlertDiff(spec["alerts"], actual["alerts"]);
  }
}

std::string CaseTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(ReportCases, ReportCaseTest, ::testing::ValuesIn(CaseNames()), CaseTestName);

// Every journal has its case file and every case file its journal, so none is silently skipped.
TEST(ReportCasesDir, EveryCaseHasBothFiles) {
  const auto names = CaseNames();
  EXPECT_FALSE(names.empty()) << "no cases in " << CasesDir();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(CasesDir(), ec)) {
    const std::string file = e.path().filename().string();
    if (file.ends_with(".case.json")) {
      const std::string name = file.substr(0, file.size() - 10);
      EXPECT_TRUE(fs::exists(CasesDir() / (name + ".jsonl"))) << file << " has no journal";
    } else if (!file.ends_with(".jsonl")) {
      ADD_FAILURE() << "unexpected file in tests/cases: " << file;
    }
  }
  for (const auto& name : names)
    EXPECT_TRUE(fs::exists(CasesDir() / (name + ".case.json"))) << name << ".jsonl has no case file";
}

}  // namespace
}  // namespace tov

// The same journal and dates always give byte-identical JSON, also from a journal loaded anew.
TEST(ReportDeterminism, SameJournalSameBytes) {
  const std::string path = std::string(TOVHOLDER_SOURCE_DIR) + "/tests/cases/move_between_municipalities.jsonl";
  auto load = [&](tov::Journal& j) {
    std::ifstream in(path);
    std::string line;
    std::vector<tov::Entry> batch;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto e = tov::ParseEntryLine(line, {tov::Timestamp::Max(), true});
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      batch.push_back(std::move(*e));
    }
    ASSERT_TRUE(j.Check(batch).empty());
    int64_t seq = 0;
    for (auto& e : batch) {
      e.seq = ++seq;
      j.Add(std::move(e));
    }
  };
  tov::Journal a, b;
  load(a);
  load(b);
  tov::report::StatusOptions o{*tov::ParseDate("2024-06-30"), *tov::ParseTimestamp("2024-07-01T00:00:00Z"),
                               std::nullopt, false};
  std::string first = tov::report::StatusReport(a, o).dump(1);
  EXPECT_EQ(first, tov::report::StatusReport(a, o).dump(1));
  EXPECT_EQ(first, tov::report::StatusReport(b, o).dump(1));
  tov::report::AlertOptions ao;
  ao.as_of = o.as_of;
  ao.known_at = o.known_at;
  EXPECT_EQ(tov::report::AlertsJson(ao.as_of, tov::report::Alerts(a, ao)).dump(),
            tov::report::AlertsJson(ao.as_of, tov::report::Alerts(b, ao)).dump());
}
