// The youth report's national audience checked from outside (DESIGN §5 on the §10 youth
// figures): on demo journals, the national report shows every cell as the municipal report has
// it or hides it, shows no count of 1–4 and no share on 1–4, and gives nothing hidden away to an
// attacker written from the report's shape alone (not from report/suppression.cc): it lists the
// sums that hold (age bands to the cohort, situations to the stays, municipalities to the total,
// a share's cohort less its numerator), solves them over the hidden cells (Gaussian elimination
// in doubles) with the bound that a listed split key is at least 1, and reports every hidden
// cell, and every hidden share's difference, other than 0, that follows.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "demo/demo.h"
#include "domain/entry_json.h"
#include "domain/journal.h"
#include "report/youth_report.h"

namespace tov {
namespace {

using json = nlohmann::json;

const char* const kShares[] = {"youth_never_homeless_share", "youth_from_other_municipality_share", "youth_background_share",
                               "youth_in_education_or_work_share", "youth_with_plan_share", "youth_with_goals_share",
                               "youth_team_complete_share"};
const char* const kBackgrounds[] = {"former_placement", "family_case", "own_family_case", "none"};

bool Hidden(const json& j) { return j.is_object() && j.value("suppressed", false); }

struct Seen {
  bool known = false;
  double value = 0;
  bool listed = false;  // a hidden split key that is listed: at least 1
};

class Attacker {
 public:
  explicit Attacker(const json& report) : r_(report) {
    areas_ = {"total"};
    for (const auto& [code, f] : r_["municipalities"].items()) areas_.push_back(code);
    for (const auto& a : areas_) {
      const json& f = Area(a);
      for (const char* split : {"by_age", "by_situation"}) {
        const char* id = split[3] == 'a' ? "youth_cohort" : "youth_stays";
        if (f.contains(id) && f[id].contains(split))
          for (const auto& [k, v] : f[id][split].items()) keys_[split].insert(k);
      }
    }
  }

  // Every hidden cell (or hidden share's difference) worked out, other than 0.
  std::vector<std::string> Attack() {
    std::vector<std::vector<std::pair<std::string, double>>> sums;  // Σ k × cell = 0
    auto sum = [&](const std::string& whole, const std::vector<std::string>& parts) {
      std::vector<std::pair<std::string, double>> s{{whole, 1}};
      for (const auto& p : parts) s.push_back({p, -1});
      sums.push_back(s);
    };
    std::vector<std::string> types = {"youth_cohort|value", "youth_stays|value"};
    for (const auto& k : keys_["by_age"]) types.push_back("youth_cohort|by_age/" + k);
    for (const auto& k : keys_["by_situation"]) types.push_back("youth_stays|by_situation/" + k);
    for (const char* s : kShares) types.push_back(std::string(s) + "|numerator");
    for (const char* b : kBackgrounds) types.push_back(std::string("youth_background_share|by_background/") + b);
    for (const auto& a : areas_) {
      std::vector<std::string> parts;
      for (const auto& k : keys_["by_age"]) parts.push_back(a + "|youth_cohort|by_age/" + k);
      sum(a + "|youth_cohort|value", parts);
      parts.clear();
      for (const auto& k : keys_["by_situation"]) parts.push_back(a + "|youth_stays|by_situation/" + k);
      sum(a + "|youth_stays|value", parts);
      // δ = cohort − numerator of each share; δ = base − numerator of each background split.
      for (const char* s : kShares) {
        const std::string d = "δ|" + a + "|" + s;
        sums.push_back({{d, 1}, {a + "|youth_cohort|value", -1}, {a + "|" + s + "|numerator", 1}});
        if (HiddenShare(a, s, nullptr)) deltas_.insert(d);
      }
      for (const char* b : kBackgrounds) {
        const std::string d = std::string("δ|") + a + "|background/" + b;
        sums.push_back({{d, 1}, {a + "|youth_background_share|numerator", -1}, {a + "|youth_background_share|by_background/" + b, 1}});
        if (HiddenShare(a, "youth_background_share", b)) deltas_.insert(d);
      }
    }
    if (areas_.size() > 1)
      for (const auto& t : types) {
        std::vector<std::string> parts;
        for (size_t i = 1; i < areas_.size(); ++i) parts.push_back(areas_[i] + "|" + t);
        sum("total|" + t, parts);
      }

    std::map<std::string, Seen> seen;
    auto look = [&](const std::string& c) -> Seen& {
      auto it = seen.find(c);
      if (it == seen.end()) it = seen.emplace(c, c.rfind("δ|", 0) == 0 ? Seen{} : Read(c)).first;
      return it->second;
    };
    std::vector<std::string> found;
    for (bool progress = true; progress;) {
      progress = false;
      // Columns: the unknown cells.
      std::map<std::string, int> col;
      std::vector<std::string> names;
      for (const auto& s : sums)
        for (const auto& [c, k] : s)
          if (!look(c).known && col.emplace(c, static_cast<int>(names.size())).second) names.push_back(c);
      const size_t n = names.size();
      std::vector<std::vector<double>> rows;
      for (const auto& s : sums) {
        std::vector<double> row(n + 1, 0);
        bool any = false;
        for (const auto& [c, k] : s) {
          const Seen& x = look(c);
          if (x.known) row[n] -= k * x.value;
          else row[static_cast<size_t>(col[c])] += k, any = true;
        }
        if (any) rows.push_back(row);
      }
      // Reduced row echelon form.
      std::vector<int> pivot_of_row;
      size_t r = 0;
      for (size_t j = 0; j < n && r < rows.size(); ++j) {
        size_t best = r;
        for (size_t i = r; i < rows.size(); ++i)
          if (std::fabs(rows[i][j]) > std::fabs(rows[best][j])) best = i;
        if (std::fabs(rows[best][j]) < 1e-9) continue;
        std::swap(rows[r], rows[best]);
        const double p = rows[r][j];
        for (double& v : rows[r]) v /= p;
        for (size_t i = 0; i < rows.size(); ++i) {
          if (i == r || std::fabs(rows[i][j]) < 1e-12) continue;
          const double f = rows[i][j];
          for (size_t k = 0; k <= n; ++k) rows[i][k] -= f * rows[r][k];
        }
        pivot_of_row.push_back(static_cast<int>(j));
        ++r;
      }
      for (size_t i = 0; i < pivot_of_row.size(); ++i) {
        bool alone = true;
        for (size_t k = 0; k < n && alone; ++k)
          if (static_cast<int>(k) != pivot_of_row[i] && std::fabs(rows[i][k]) > 1e-9) alone = false;
        if (!alone) continue;
        Seen& x = look(names[static_cast<size_t>(pivot_of_row[i])]);
        x.known = true;
        x.value = std::round(rows[i][n]);
        const std::string& name = names[static_cast<size_t>(pivot_of_row[i])];
        // A difference counts only for a hidden share (a shown one shows it).
        if (x.value != 0 && (name.rfind("δ|", 0) != 0 || deltas_.count(name))) found.push_back(name + " = " + std::to_string(x.value));
        progress = true;
      }
      // The bound: the unknown parts of a known whole that must all be at their least.
      for (const auto& s : sums) {
        if (s.front().first.rfind("δ|", 0) == 0 || !look(s.front().first).known) continue;
        double rest = look(s.front().first).value, least = 0;
        std::vector<std::string> open;
        for (size_t i = 1; i < s.size(); ++i) {
          const Seen& x = look(s[i].first);
          if (x.known) rest -= x.value;
          else open.push_back(s[i].first), least += x.listed ? 1 : 0;
        }
        if (open.size() < 2 || std::fabs(rest - least) > 1e-9) continue;
        for (const auto& c : open) {
          Seen& x = look(c);
          x.known = true;
          x.value = x.listed ? 1 : 0;
          if (x.value != 0) found.push_back(c + " = 1 (bound)");
        }
        progress = true;
      }
    }
    return found;
  }

 private:
  bool HiddenShare(const std::string& a, const char* id, const char* background) const {
    const json& f = Area(a);
    if (!f.contains(id) || Hidden(f[id])) return true;
    if (!background) return false;
    const json& by = f[id].contains("by_background") ? f[id]["by_background"] : json::object();
    return !by.contains(background) || Hidden(by[background]);
  }
  const json& Area(const std::string& a) const { return a == "total" ? r_["total"] : r_["municipalities"][a]; }

  // "area|id|path": path is value, numerator, by_age/k, by_situation/k or by_background/k (its numerator).
  Seen Read(const std::string& c) const {
    const size_t p1 = c.find('|'), p2 = c.find('|', p1 + 1);
    const json& f = Area(c.substr(0, p1));
    const std::string id = c.substr(p1 + 1, p2 - p1 - 1), path = c.substr(p2 + 1);
    if (!f.contains(id) || Hidden(f[id])) return {};
    const json& fig = f[id];
    if (path == "value" || path == "numerator") return {true, fig[path].get<double>(), false};
    const size_t slash = path.find('/');
    const std::string split = path.substr(0, slash), key = path.substr(slash + 1);
    if (!fig.contains(split) || !fig[split].contains(key)) return {true, 0, false};
    const json& cell = fig[split][key];
    if (Hidden(cell)) return {false, 0, split != "by_background"};
    return {true, cell.is_number() ? cell.get<double>() : cell["numerator"].get<double>(), false};
  }

  const json& r_;
  std::vector<std::string> areas_;
  std::map<std::string, std::set<std::string>> keys_;
  std::set<std::string> deltas_;
};

std::string LoadAll(const std::vector<json>& lines, Journal& journal) {
  std::vector<Entry> batch;
  ParseOptions po{Timestamp::Max()};
  for (const json& l : lines) {
    auto e = ParseEntry(l, po);
    if (!e.ok()) return e.status().ToString();
    batch.push_back(std::move(*e));
  }
  if (auto errors = journal.Check(batch); !errors.empty()) return errors[0].error.reason;
  for (Entry& e : batch) {
    e.seq = journal.last_seq() + 1;
    journal.Add(std::move(e));
  }
  return "";
}

bool Small(double v) { return v >= 1 && v <= 4; }

// Every shown cell as the municipal report has it, and no count or share on 1–4 shown.
void CheckPrimary(const json& truth, const json& nat, const std::string& area, std::vector<std::string>& problems) {
  auto bad = [&](const std::string& what) { problems.push_back(area + ": " + what); };
  const json& c = nat["youth_cohort"];
  if (!Hidden(c)) {
    if (c["value"] != truth["youth_cohort"]["value"] || Small(c["value"].get<double>())) bad("youth_cohort " + c.dump());
    for (const auto& [k, v] : c["by_age"].items())
      if (!Hidden(v) && (v != truth["youth_cohort"]["by_age"][k] || Small(v.get<double>()))) bad("by_age " + k);
  }
  for (const char* s : kShares) {
    const json& x = nat[s];
    if (Hidden(x)) continue;
    const double n = x["numerator"].get<double>(), d = x["denominator"].get<double>();
    if (x["numerator"] != truth[s]["numerator"] || Small(n) || Small(d) || Small(d - n)) bad(std::string(s) + " " + x.dump());
  }
  const json& st = nat["youth_stays"];
  if (!Hidden(st) && st["value"] != truth["youth_stays"]["value"]) bad("youth_stays");
}

TEST(YouthNationalSuppression, DemoJournalsGiveNothingAway) {
  int reports = 0;
  for (int citizens : {300, 1000}) {
    for (uint64_t seed : {1u, 7u}) {
      demo::DemoOptions o;
      o.citizens = citizens;
      o.seed = seed;
      o.today = "2025-12-31";
      o.years = 3;
      Journal journal;
      ASSERT_EQ(LoadAll(demo::GenerateAll(o), journal), "");
      for (const char* as_of : {"2025-12-31", "2025-06-30"}) {
        const std::string label = std::to_string(citizens) + " citizens, seed " + std::to_string(seed) + ", " + as_of;
        SCOPED_TRACE(label);
        report::YouthOptions yo{*ParseDate(as_of), Timestamp::Max(), std::nullopt, false};
        const json truth = report::YouthReport(journal, yo);
        yo.national = true;
        const json nat = report::YouthReport(journal, yo);
        ++reports;
        std::vector<std::string> problems;
        CheckPrimary(truth["total"], nat["total"], "total", problems);
        for (const auto& [code, f] : nat["municipalities"].items()) CheckPrimary(truth["municipalities"][code], f, code, problems);
        EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
        const std::vector<std::string> found = Attacker(nat).Attack();
        EXPECT_TRUE(found.empty()) << ::testing::PrintToString(found);
        EXPECT_NE(nat.dump().find("\"suppressed\":true"), std::string::npos) << "the demo has small cells to hide";
      }
    }
  }
  EXPECT_EQ(reports, 8);
}

}  // namespace
}  // namespace tov
