// The national audience's suppression checked from outside (DESIGN §5): on demo journals of
// several seeds and sizes, on small random journals with 1–4 citizens in their cells and on the
// journals of tests/cases, the national report must show every cell as the municipal report has
// it or hide it; hide every count of 1–4 and every rate on 1–4; give nothing hidden away to the
// attacker of suppression_attacker.h; and hide no cell it does not need to (each secondary cell,
// shown again, would let the attacker work something out).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "demo/demo.h"
#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/status_report.h"
#include "suppression_attacker.h"

namespace tov {
namespace {

using json = nlohmann::json;
using attacker::CellName;
namespace fs = std::filesystem;

std::string LoadAll(const std::vector<json>& lines, Journal& journal) {
  std::vector<Entry> batch;
  ParseOptions po{Timestamp::Max()};
  for (const json& l : lines) {
    auto e = ParseEntry(l, po);
    if (!e.ok()) return e.status().ToString() + " in " + l.dump();
    batch.push_back(std::move(*e));
  }
  if (auto errors = journal.Check(batch); !errors.empty())
    return errors[0].error.field + ": " + errors[0].error.reason + " in " +
           lines[errors[0].index].dump();
  for (Entry& e : batch) {
    e.seq = journal.last_seq() + 1;
    journal.Add(std::move(e));
  }
  return "";
}

// The per-worker caseload of a municipal report, as the national one sums it (for comparing).
json ByMethod(const json& per_worker) {
  json out{{"value", 0}, {"by_method", json::object()}};
  for (const auto& [w, load] : per_worker.items()) {
    out["value"] = out["value"].get<int64_t>() + load["value"].get<int64_t>();
    for (const auto& [m, n] : load["by_method"].items())
      out["by_method"][m] = out["by_method"].value(m, int64_t{0}) + n.get<int64_t>();
  }
  return out;
}

json Truth(json municipal) {
  municipal["total"]["caseload"] = ByMethod(municipal["total"]["caseload"]);
  for (auto& [code, f] : municipal["municipalities"].items())
    f["caseload"] = ByMethod(f["caseload"]);
  return municipal;
}

std::vector<std::string> Areas(const json& report) {
  std::vector<std::string> areas = {"total"};
  for (const auto& [code, f] : report["municipalities"].items()) areas.push_back(code);
  return areas;
}

// Every cell the attacker knows of, once.
std::set<CellName> AllCells(const std::vector<std::string>& areas) {
  std::set<CellName> cells;
  for (const auto& r : attacker::Relations(areas))
    for (const auto& [c, k] : r.terms) cells.insert(c);
  return cells;
}

bool Small(double v) { return v >= 1 && v <= 4; }

// The hidden objects of a national report: (area, id, split, key); split and key empty for a
// whole figure, key a method for a rate's part.
struct HiddenUnit {
  std::string area, id, split, key;
};

std::vector<HiddenUnit> HiddenUnits(const json& national) {
  std::vector<HiddenUnit> out;
  for (const std::string& area : Areas(national)) {
    const json& f = area == "total" ? national["total"] : national["municipalities"][area];
    for (const auto& [id, v] : f.items()) {
      if (attacker::Hidden(v)) {
        out.push_back({area, id, "", ""});
        continue;
      }
      if (!v.is_object()) continue;
      for (const auto& [split, s] : v.items())
        if (s.is_object())
          for (const auto& [key, cell] : s.items())
            if (attacker::Hidden(cell)) out.push_back({area, id, split, key});
    }
  }
  return out;
}

json& FiguresOf(json& report, const std::string& area) {
  return area == "total" ? report["total"] : report["municipalities"][area];
}

// Whether a unit is hidden by the primary rule itself (its own numbers, from the truth).
bool Primary(const json& truth, const json& national, const HiddenUnit& u) {
  const json& t = FiguresOf(const_cast<json&>(truth), u.area)[u.id];
  auto rate_small = [](const json& r) {
    const double n = r.value("numerator", 0.0), d = r.value("denominator", 0.0);
    return Small(n) || Small(d) || Small(d - n);
  };
  // Day counts and medians are hidden on their base, which the report does not show.
  if (u.id == "vacant_unit_days_12m" || u.id == "days_to_housing_median" ||
      u.id == "housing_wait_days_median")
    return true;
  if (u.split.empty()) {
    if (t.contains("numerator")) {
      if (rate_small(t)) return true;
      // A rate on `homeless` goes with its denominator, the homeless count.
      const auto& rates = attacker::HomelessRates();
      return std::find(rates.begin(), rates.end(), u.id) != rates.end() &&
             attacker::Hidden(FiguresOf(const_cast<json&>(national), u.area)["homeless"]);
    }
    return Small(t["value"].get<double>());
  }
  const json& cell = t[u.split][u.key];
  if (cell.is_object()) return rate_small(cell);
  return Small(cell.get<double>());
}

// `national` with one hidden unit shown again as the truth has it (its own small cells hidden).
json Reveal(const json& national, const json& truth, const HiddenUnit& u) {
  json out = national;
  json t = FiguresOf(const_cast<json&>(truth), u.area)[u.id];
  json& f = FiguresOf(out, u.area);
  auto rate_small = [](const json& r) {
    const double n = r.value("numerator", 0.0), d = r.value("denominator", 0.0);
    return Small(n) || Small(d) || Small(d - n);
  };
  if (!u.split.empty()) {
    f[u.id][u.split][u.key] = t[u.split][u.key];
    return out;
  }
  for (auto& [split, s] : t.items()) {
    if (!s.is_object()) continue;
    for (auto& [key, cell] : s.items()) {
      if (cell.is_object() ? rate_small(cell) : Small(cell.get<double>()))
        cell = json{{"suppressed", true}};
    }
  }
  f[u.id] = t;
  // The rates on `homeless` show again with it, unless their own numbers are small.
  if (u.id == "homeless")
    for (const std::string& id : attacker::HomelessRates()) {
      const json& r = FiguresOf(const_cast<json&>(truth), u.area)[id];
      if (attacker::Hidden(f[id]) && !rate_small(r)) f[id] = r;
    }
  return out;
}

struct Tally {
  int reports = 0, hidden = 0, secondary = 0, checked_needed = 0;
};

// All the checks on one journal at one date (and one municipality or all).
void CheckReport(const Journal& journal, Date as_of, std::optional<std::string> municipality,
                 const std::string& label, Tally& tally, size_t needed_sample = 12) {
  SCOPED_TRACE(label);
  report::StatusOptions o;
  o.as_of = as_of;
  o.municipality = municipality;
  const json truth = Truth(report::StatusReport(journal, o));
  o.national = true;
  const json national = report::StatusReport(journal, o);
  ++tally.reports;
  ASSERT_EQ(national["audience"], "national");

  // The same shape: the same figures in the same areas; no worker in the caseload.
  ASSERT_EQ(Areas(national), Areas(truth));
  for (const std::string& area : Areas(truth)) {
    const json& n = FiguresOf(const_cast<json&>(national), area);
    const json& t = FiguresOf(const_cast<json&>(truth), area);
    ASSERT_EQ(n.size(), t.size()) << area;
    for (const auto& [id, v] : t.items()) ASSERT_TRUE(n.contains(id)) << area << " " << id;
    const json& caseload = n["caseload"];
    if (!attacker::Hidden(caseload)) {
      for (const auto& [k, v] : caseload.items())
        EXPECT_TRUE(k == "value" || k == "by_method") << k;
    }
    for (const char* id : {"days_to_housing_median", "housing_wait_days_median"}) {
      const json& m = n[id];
      EXPECT_TRUE(attacker::Hidden(m) || m == t[id]) << area << " " << id << " " << m.dump();
    }
  }

  // Every cell shown as it is; every count of 1–4 hidden; a rate on 1–4 hidden whole.
  const std::vector<std::string> areas = Areas(truth);
  for (const CellName& c : AllCells(areas)) {
    const attacker::Seen shown = attacker::Read(national, c);
    const attacker::Seen real = attacker::Read(truth, c);
    ASSERT_TRUE(real.known) << c.ToString();
    if (shown.known) {
      EXPECT_EQ(shown.value, real.value) << c.ToString();
    }
    const bool rate_cell = c.path.ends_with("numerator") || c.path.ends_with("denominator");
    if (!rate_cell && Small(real.value)) {
      EXPECT_FALSE(shown.known) << c.ToString() << " = " << real.value;
    }
  }
  for (const std::string& area : areas) {
    const json& n = FiguresOf(const_cast<json&>(national), area);
    const json& t = FiguresOf(const_cast<json&>(truth), area);
    for (const auto& [id, v] : t.items()) {
      if (!v.contains("numerator")) continue;
      auto check = [&](const json& real, const json& shown, const std::string& what) {
        const double num = real["numerator"].get<double>(), den = real["denominator"].get<double>();
        if (Small(num) || Small(den) || Small(den - num)) {
          EXPECT_EQ(shown, json({{"suppressed", true}})) << area << " " << what;
        } else if (!attacker::Hidden(shown)) {
          EXPECT_EQ(shown["value"], real["value"]) << area << " " << what;
        }
      };
      check(v, n[id], id);
      if (v.contains("by_method") && !attacker::Hidden(n[id]))
        for (const auto& [m, part] : v["by_method"].items())
          check(part, n[id]["by_method"][m], id + "/" + m);
    }
  }

  // Nothing hidden can be worked out.
  for (const auto& f : attacker::Attack(national))
    ADD_FAILURE() << "worked out " << f.cell << " = " << f.value;

  // Each cell hidden beyond the rule is needed: shown again, it gives something away.
  const std::vector<HiddenUnit> units = HiddenUnits(national);
  tally.hidden += static_cast<int>(units.size());
  std::vector<HiddenUnit> secondary;
  for (const HiddenUnit& u : units)
    if (!Primary(truth, national, u)) secondary.push_back(u);
  tally.secondary += static_cast<int>(secondary.size());
  const size_t step = std::max<size_t>(1, secondary.size() / needed_sample);
  for (size_t i = 0; i < secondary.size(); i += step) {
    const HiddenUnit& u = secondary[i];
    ++tally.checked_needed;
    EXPECT_FALSE(attacker::Attack(Reveal(national, truth, u)).empty())
        << "hidden without need: " << u.area << " " << u.id << " " << u.split << " " << u.key;
  }
}

// ---- Journals ----

std::vector<json> Demo(int citizens, uint64_t seed) {
  demo::DemoOptions o;
  o.citizens = citizens;
  o.seed = seed;
  o.today = "2025-12-31";
  o.years = 3;
  return demo::GenerateAll(o);
}

TEST(NationalSuppression, DemoJournalsGiveNothingAway) {
  Tally tally;
  int journals = 0;
  for (int citizens : {150, 500, 1500}) {
    for (uint64_t seed : {1u, 7u, 2024u}) {
      if (citizens == 1500 && seed != 7) continue;  // the slowest: one seed
      Journal journal;
      ASSERT_EQ(LoadAll(Demo(citizens, seed), journal), "");
      ++journals;
      const std::string label =
          std::to_string(citizens) + " citizens, seed " + std::to_string(seed);
      CheckReport(journal, *ParseDate("2025-12-31"), std::nullopt, label, tally, 8);
      if (citizens == 500) {
        CheckReport(journal, *ParseDate("2025-03-31"), std::nullopt, label + ", 2025-03-31", tally,
                    8);
        CheckReport(journal, *ParseDate("2025-12-31"), "101", label + ", 101 only", tally, 8);
      }
    }
  }
  std::cout << "[ suppression ] demo: " << journals << " journals, " << tally.reports
            << " reports, " << tally.hidden << " hidden cells (" << tally.secondary
            << " secondary, " << tally.checked_needed << " checked as needed)\n";
  EXPECT_GT(tally.secondary, 0);  // the secondary rule was exercised
}

// Three municipalities with 2–13 citizens each, their situations, ages, referrals, plans,
// courses, move-ins and planned releases drawn at random, so that most cells hold 1–4.
std::vector<json> SmallJournal(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  const char* situations[] = {"street",         "night_shelter", "shelter",   "hotel",
                              "friends_family", "transitional",  "makeshift", "prison",
                              "hospital",       "own_home"};
  const char* referrals[] = {"self", "outreach", "shelter", "hospital", "prison"};
  const char* methods[] = {"ACT", "ICM", "CTI", "youth"};
  std::vector<json> lines;
  int n = 0;
  for (const char* m : {"101", "151", "730"}) {
    const int citizens = 2 + pick(12);
    for (int i = 0; i < citizens; ++i) {
      const std::string key = std::string(m) + "-" + std::to_string(1000 + ++n);
      auto e = [&](const char* kind, std::string date, json fields) {
        json j = {{"citizen", key},
                  {"municipality", m},
                  {"kind", kind},
                  {"date", date},
                  {"recorded", date + "T10:00:00Z"}};
        for (auto& [k, v] : fields.items()) j[k] = v;
        lines.push_back(j);
      };
      const int birth_year = 1950 + pick(58);
      e("registered", "2023-0" + std::to_string(1 + pick(9)) + "-10",
        {{"birth_date", std::to_string(birth_year) + "-06-15"},
         {"referred_by", referrals[pick(5)]}});
      const std::string start = lines.back()["date"];
      const char* first = situations[pick(7)];
      json housing = {{"situation", first}};
      if (std::string(first) == "shelter") housing["ready_for_housing"] = pick(2) == 0;
      e("housing", start, housing);
      if (pick(2)) e("action_plan", "2023-11-01", {{"status", "offered"}});
      if (pick(2)) {
        e("course_started", "2023-12-01",
          {{"course", key + "-c"},
           {"method", methods[pick(4)]},
           {"worker", std::string("w") + m + "-" + std::to_string(pick(2))}});
      }
      if (pick(3) == 0) {  // a move-in, kept or lost
        e("housing", "2024-0" + std::to_string(1 + pick(6)) + "-01", {{"situation", "own_home"}});
        if (pick(3) == 0)
          e("housing", "2025-0" + std::to_string(1 + pick(5)) + "-01", {{"situation", "street"}});
      }
      const char* now = situations[pick(10)];
      e("housing", "2025-07-01", {{"situation", now}});
      if (std::string(now) == "prison" || std::string(now) == "hospital")
        e("release_planned", "2025-07-10",
          {{"from", now},
           {"expected", "2025-08-1" + std::to_string(pick(9))},
           {"housing_solution", pick(3) == 0}});
    }
  }
  return lines;
}

TEST(NationalSuppression, SmallJournalsGiveNothingAway) {
  Tally tally;
  int journals = 0;
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    Journal journal;
    ASSERT_EQ(LoadAll(SmallJournal(seed), journal), "");
    ++journals;
    CheckReport(journal, *ParseDate("2025-07-31"), std::nullopt,
                "small journal " + std::to_string(seed), tally);
  }
  std::cout << "[ suppression ] small: " << journals << " journals, " << tally.reports
            << " reports, " << tally.hidden << " hidden cells (" << tally.secondary
            << " secondary, " << tally.checked_needed << " checked as needed)\n";
  EXPECT_GT(tally.secondary, 0);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(NationalSuppression, CaseJournalsGiveNothingAway) {
  Tally tally;
  int journals = 0;
  const fs::path dir = fs::path(TOVHOLDER_SOURCE_DIR) / "tests" / "cases";
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(".jsonl")) continue;
    const std::string name = file.substr(0, file.size() - 6);
    const json spec = json::parse(Slurp(dir / (name + ".case.json")));
    if (!spec.contains("as_of")) continue;  // a case of another report (the count)
    std::vector<json> lines;
    std::istringstream in(Slurp(entry.path()));
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(json::parse(line));
    Journal journal;
    ASSERT_EQ(LoadAll(lines, journal), "") << name;
    ++journals;
    std::optional<std::string> m;
    if (spec.contains("municipality")) m = spec["municipality"].get<std::string>();
    CheckReport(journal, *ParseDate(spec["as_of"].get<std::string>()), m, name, tally);
  }
  std::cout << "[ suppression ] cases: " << journals << " journals, " << tally.hidden
            << " hidden cells (" << tally.secondary << " secondary)\n";
  EXPECT_GT(journals, 20);
}

// The attacker itself can fail: on the primary suppression alone (the counts and rates of 1–4
// hidden, nothing more) it works cells out, and the values it finds are the true ones.
TEST(NationalSuppression, TheAttackerWorksOutWhatPrimarySuppressionAloneLeaves) {
  Journal journal;
  ASSERT_EQ(LoadAll(Demo(300, 5), journal), "");
  report::StatusOptions o;
  o.as_of = *ParseDate("2025-12-31");
  const json truth = Truth(report::StatusReport(journal, o));
  json primary = truth;
  for (const std::string& area : Areas(truth)) {
    for (auto& [id, v] : FiguresOf(primary, area).items()) {
      if (v.contains("numerator")) {
        const double n = v["numerator"].get<double>(), d = v["denominator"].get<double>();
        if (Small(n) || Small(d) || Small(d - n)) v = json{{"suppressed", true}};
      } else if (v.contains("value") && v["value"].is_number() && Small(v["value"].get<double>())) {
        v = json{{"suppressed", true}};
      } else if (v.is_object()) {
        for (auto& [split, s] : v.items())
          if (s.is_object())
            for (auto& [k, cell] : s.items())
              if (cell.is_number() && Small(cell.get<double>())) cell = json{{"suppressed", true}};
      }
    }
  }
  const auto findings = attacker::Attack(primary);
  ASSERT_FALSE(findings.empty());
  for (const auto& f : findings) {
    if (f.cell.starts_with("δ")) continue;
    // "area:id/path" (with " (bound)" for a bound): the true value.
    std::string cell = f.cell.substr(0, f.cell.find(' '));
    const std::string area = cell.substr(0, cell.find(':'));
    const std::string rest = cell.substr(cell.find(':') + 1);
    const CellName c{area, rest.substr(0, rest.find('/')), rest.substr(rest.find('/') + 1)};
    EXPECT_EQ(attacker::Read(truth, c).value, f.value) << f.cell;
  }
}

}  // namespace
}  // namespace tov
