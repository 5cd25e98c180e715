// Test data shared by the report tests: loading a hand-made journal (Load), and for the status
// report's formats (status_csv_test.cc, status_html_test.cc) a small journal of two municipalities
// and the report options.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/status_report.h"

namespace tov::report::testdata {

using json = nlohmann::json;

inline Date D(const char* s) { return *ParseDate(s); }

inline void Load(Journal& journal, const std::vector<json>& lines) {
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

inline json E(const std::string& citizen, const char* m, const char* kind, const char* date,
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
inline void Build(Journal& j) {
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

inline StatusOptions Options(bool national = false) {
  StatusOptions o;
  o.as_of = D("2024-06-30");
  o.national = national;
  return o;
}

}  // namespace tov::report::testdata
