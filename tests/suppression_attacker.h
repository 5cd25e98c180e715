// A test-side attacker on the national status report (DESIGN §5: "a held-back check recomputes
// every hidden cell it can from what is shown"). It is written from the report's JSON shape and
// the definitions alone, not from report/suppression.cc: it names every cell the report can
// have, lists the additive relations that hold between them, reads which cells a national report
// shows, and works out every hidden cell it can: Gaussian elimination (doubles, partial
// pivoting) over the relations with the shown cells as constants, and the bound that a listed
// split key is at least 1 (a split lists only non-zero keys), repeated until nothing new follows.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/entry.h"

namespace tov::attacker {

using json = nlohmann::json;

// One cell: area ("total" or a municipality code), figure id, and the path inside the figure
// ("value", "numerator", "by_age/<18", "by_method/ACT/denominator", …).
struct CellName {
  std::string area, id, path;
  std::string ToString() const { return area + ":" + id + "/" + path; }
  bool operator<(const CellName& o) const {
    return std::tie(area, id, path) < std::tie(o.area, o.id, o.path);
  }
};

struct Finding {
  std::string cell;  // the hidden cell (or "δ …" for a rate's denominator − numerator)
  double value;
};

inline std::vector<std::string> Names(auto const& table) { return {table.begin(), table.end()}; }

// The split keys every figure can have (the domain's lists, so that a key hidden everywhere is
// still an unknown).
inline const std::map<std::string, std::pair<std::string, std::vector<std::string>>>& Splits() {
  static const auto* splits = [] {
    auto* m = new std::map<std::string, std::pair<std::string, std::vector<std::string>>>;
    std::vector<std::string> referral = Names(kReferralNames);
    referral.push_back("unknown");
    (*m)["homeless/by_situation"] = {"by_situation", Names(kSituationNames)};
    (*m)["homeless/by_age"] = {"by_age",
                               {"<18", "18-24", "25-29", "30-39", "40-49", "50-59", "60+"}};
    (*m)["new_citizens_12m/by_referral"] = {"by_referral", referral};
    (*m)["caseload/by_method"] = {"by_method", Names(kMethodNames)};
    (*m)["units_vacant/by_unit_kind"] = {"by_unit_kind", Names(kUnitKindNames)};
    (*m)["offers_declined_12m/by_reason"] = {"by_reason", Names(kDeclineReasonNames)};
    return m;
  }();
  return *splits;
}

inline const std::vector<std::string>& RetentionMethods() {
  static const std::vector<std::string> m = {"ACT", "ICM", "CTI", "other", "none"};
  return m;
}

inline const std::vector<std::string>& PlainCounts() {
  static const std::vector<std::string> ids = {
      "street_sleepers",           "youth_in_shelter",        "shelter_over_6_months",
      "shelter_over_6_months_all", "release_without_housing", "cti_over_9_months",
      "housing_waiting",           "quota_moved_in_12m",      "vacant_unit_days_12m"};
  return ids;
}

inline const std::vector<std::string>& HomelessRates() {
  static const std::vector<std::string> ids = {"homeless_under_25_share", "action_plan_offered",
                                               "support_coverage"};
  return ids;
}

inline bool Hidden(const json& j) {
  return j.is_object() && j.contains("suppressed") && j["suppressed"] == true;
}

// A linear relation Σ coefficient × cell = 0; `whole` is the cell with +1 whose parts are the −1s.
struct Relation {
  std::vector<std::pair<CellName, double>> terms;
};

// The relations of one area's cells (within) and, across areas, total = Σ municipalities.
inline std::vector<Relation> Relations(const std::vector<std::string>& areas) {
  std::vector<Relation> out;
  std::vector<std::pair<std::string, std::string>> cells;  // (id, path) of one area
  auto sum = [&](const std::string& area, std::pair<std::string, std::string> whole,
                 const std::vector<std::pair<std::string, std::string>>& parts) {
    Relation r;
    r.terms.push_back({{area, whole.first, whole.second}, 1});
    for (const auto& p : parts) r.terms.push_back({{area, p.first, p.second}, -1});
    out.push_back(r);
  };
  for (const std::string& id : PlainCounts()) cells.push_back({id, "value"});
  for (const auto& [name, split] : Splits()) {
    const std::string id = name.substr(0, name.find('/'));
    if (std::find(cells.begin(), cells.end(), std::make_pair(id, std::string("value"))) ==
        cells.end())
      cells.push_back({id, "value"});
    for (const auto& key : split.second) cells.push_back({id, split.first + "/" + key});
  }
  for (const std::string& id : HomelessRates()) {
    cells.push_back({id, "numerator"});
    cells.push_back({id, "denominator"});
  }
  cells.push_back({"housing_retention_12m", "numerator"});
  cells.push_back({"housing_retention_12m", "denominator"});
  for (const auto& m : RetentionMethods())
    for (const char* f : {"numerator", "denominator"})
      cells.push_back({"housing_retention_12m", "by_method/" + m + "/" + f});

  for (const std::string& area : areas) {
    for (const auto& [name, split] : Splits()) {
      const std::string id = name.substr(0, name.find('/'));
      std::vector<std::pair<std::string, std::string>> parts;
      for (const auto& key : split.second) parts.push_back({id, split.first + "/" + key});
      sum(area, {id, "value"}, parts);
    }
    sum(area, {"street_sleepers", "value"}, {{"homeless", "by_situation/street"}});
    sum(area, {"release_without_housing", "value"},
        {{"homeless", "by_situation/hospital"},
         {"homeless", "by_situation/treatment"},
         {"homeless", "by_situation/prison"}});
    sum(area, {"homeless_under_25_share", "numerator"},
        {{"homeless", "by_age/<18"}, {"homeless", "by_age/18-24"}});
    for (const std::string& id : HomelessRates())
      sum(area, {id, "denominator"}, {{"homeless", "value"}});
    for (const char* f : {"numerator", "denominator"}) {
      std::vector<std::pair<std::string, std::string>> parts;
      for (const auto& m : RetentionMethods())
        parts.push_back({"housing_retention_12m", "by_method/" + m + "/" + f});
      sum(area, {"housing_retention_12m", f}, parts);
    }
  }
  if (areas.size() > 1) {
    for (const auto& [id, path] : cells) {
      Relation r;
      r.terms.push_back({{areas[0], id, path}, 1});
      for (size_t a = 1; a < areas.size(); ++a) r.terms.push_back({{areas[a], id, path}, -1});
      out.push_back(r);
    }
  }
  return out;
}

// What the report shows of a cell: known (with its value) or hidden; `listed` when hidden but
// seen to be ≥ 1 (a split key listed as {"suppressed": true}; a rate's method, its denominator).
struct Seen {
  bool known = false;
  double value = 0;
  bool listed = false;
};

inline Seen Read(const json& report, const CellName& c) {
  const json& figures = c.area == "total" ? report["total"] : report["municipalities"][c.area];
  if (!figures.contains(c.id)) return {true, 0, false};
  const json* cur = &figures[c.id];
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t slash = c.path.find('/', start);
    parts.push_back(c.path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (Hidden(*cur)) {
      // Hidden with its figure or rate part: a listed key only if the cell itself was listed.
      return {false, 0, false};
    }
    if (!cur->is_object() || !cur->contains(parts[i])) return {true, 0, false};  // absent: 0
    cur = &(*cur)[parts[i]];
    if (Hidden(*cur)) {
      const bool split_key = i == 1;  // <split>/<key> or by_method/<m>
      const bool count_key = parts.size() == 2 && split_key;
      const bool method_denominator = parts.size() == 3 && split_key && parts[2] == "denominator";
      return {false, 0, count_key || method_denominator};
    }
  }
  if (cur->is_number()) return {true, cur->get<double>(), false};
  return {false, 0, false};  // a number replaced by something else counts as hidden
}

// Every hidden cell (and every hidden rate's denominator − numerator) the attacker can work
// out, other than zeros (a 0 is never hidden for itself, so a hidden cell found to be 0 names no
// small group). A hidden denominator of a rate on `homeless` is not reported: it is the
// `homeless` count, shown beside it.
inline std::vector<Finding> Attack(const json& report) {
  std::vector<std::string> areas = {"total"};
  if (report.contains("municipalities"))
    for (const auto& [code, f] : report["municipalities"].items()) areas.push_back(code);
  std::vector<Relation> relations = Relations(areas);
  // Seen to hold: where every homeless citizen is in a shelter, the young in a shelter are the
  // homeless of the first three age bands.
  for (const std::string& area : areas) {
    const json& f = area == "total" ? report["total"] : report["municipalities"][area];
    const json& h = f["homeless"];
    if (Hidden(h) || !h.contains("by_situation") || h["by_situation"].size() != 1) continue;
    const json& shelter = h["by_situation"].begin().value();
    if (h["by_situation"].begin().key() != "shelter" || !shelter.is_number() ||
        shelter != h["value"])
      continue;
    Relation r;
    r.terms.push_back({{area, "youth_in_shelter", "value"}, 1});
    for (const char* band : {"<18", "18-24", "25-29"})
      r.terms.push_back({{area, "homeless", std::string("by_age/") + band}, -1});
    relations.push_back(r);
  }

  // Columns: the hidden cells, then the differences of hidden rates.
  std::map<CellName, int> column;
  std::vector<std::string> names;
  std::vector<double> lower;
  std::map<CellName, Seen> seen;
  auto look = [&](const CellName& c) -> const Seen& {
    auto it = seen.find(c);
    if (it == seen.end()) it = seen.emplace(c, Read(report, c)).first;
    return it->second;
  };
  auto col = [&](const CellName& c) {
    auto [it, fresh] = column.try_emplace(c, static_cast<int>(names.size()));
    if (fresh) {
      names.push_back(c.ToString());
      lower.push_back(look(c).listed ? 1 : 0);
    }
    return it->second;
  };
  std::set<int> exempt;  // hidden denominators of rates on homeless
  for (const Relation& r : relations)
    for (const auto& [c, k] : r.terms)
      if (!look(c).known) {
        const int j = col(c);
        if (c.path == "denominator" && std::find(HomelessRates().begin(), HomelessRates().end(),
                                                 c.id) != HomelessRates().end())
          exempt.insert(j);
      }
  // δ = denominator − numerator of each hidden rate and rate part.
  std::vector<std::pair<std::vector<std::pair<int, double>>, double>> extra;  // row, rhs
  for (const std::string& area : areas) {
    std::vector<std::pair<std::string, std::string>> rates;  // (id, prefix)
    for (const std::string& id : HomelessRates()) rates.push_back({id, ""});
    rates.push_back({"housing_retention_12m", ""});
    for (const auto& m : RetentionMethods())
      rates.push_back({"housing_retention_12m", "by_method/" + m + "/"});
    for (const auto& [id, prefix] : rates) {
      CellName num{area, id, prefix + "numerator"}, den{area, id, prefix + "denominator"};
      if (look(num).known && look(den).known) continue;
      const int delta = static_cast<int>(names.size());
      names.push_back("δ " + den.ToString() + " − numerator");
      lower.push_back(0);
      std::vector<std::pair<int, double>> row = {{delta, 1}};
      double rhs = 0;
      if (look(den).known)
        rhs += look(den).value;
      else
        row.push_back({col(den), -1});
      if (look(num).known)
        rhs -= look(num).value;
      else
        row.push_back({col(num), 1});
      extra.push_back({row, rhs});
    }
  }
  const size_t n = names.size();
  // Each relation once as (column or -1 when shown, coefficient, shown value).
  struct Term {
    int column;
    double k, shown;
  };
  std::vector<std::vector<Term>> terms_of;
  for (const Relation& r : relations) {
    std::vector<Term> terms;
    for (const auto& [c, k] : r.terms) {
      const Seen& s = look(c);
      terms.push_back({s.known ? -1 : column.at(c), k, s.known ? s.value : 0});
    }
    terms_of.push_back(std::move(terms));
  }
  std::vector<bool> known(n, false);
  std::vector<double> value(n, 0);
  std::vector<Finding> findings;

  for (bool progress = true; progress;) {
    progress = false;
    // Rows over the unknown columns: Σ k × x = rhs.
    std::vector<std::vector<double>> rows;
    std::vector<double> rhs;
    auto add_row = [&](const std::vector<std::pair<int, double>>& terms, double b) {
      std::vector<double> row(n, 0);
      bool any = false;
      for (const auto& [j, k] : terms) {
        if (known[static_cast<size_t>(j)]) {
          b -= k * value[static_cast<size_t>(j)];
        } else {
          row[static_cast<size_t>(j)] += k;
          any = true;
        }
      }
      if (any) rows.push_back(std::move(row)), rhs.push_back(b);
    };
    for (const auto& relation : terms_of) {
      std::vector<std::pair<int, double>> terms;
      double b = 0;
      for (const Term& t : relation) {
        if (t.column < 0)
          b -= t.k * t.shown;
        else
          terms.push_back({t.column, t.k});
      }
      if (!terms.empty()) add_row(terms, b);
    }
    for (const auto& [row, b] : extra) add_row(row, b);
    // Reduced row echelon form with partial pivoting.
    std::vector<int> pivot_of_row;
    size_t rank = 0;
    for (size_t j = 0; j < n && rank < rows.size(); ++j) {
      if (known[j]) continue;
      size_t best = rank;
      for (size_t i = rank; i < rows.size(); ++i)
        if (std::fabs(rows[i][j]) > std::fabs(rows[best][j])) best = i;
      if (std::fabs(rows[best][j]) < 1e-9) continue;
      std::swap(rows[best], rows[rank]);
      std::swap(rhs[best], rhs[rank]);
      const double p = rows[rank][j];
      std::vector<size_t> nonzero;
      for (size_t k = 0; k < n; ++k) {
        if (rows[rank][k] == 0) continue;
        rows[rank][k] /= p;
        nonzero.push_back(k);
      }
      rhs[rank] /= p;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (i == rank || std::fabs(rows[i][j]) < 1e-12) continue;
        const double f = rows[i][j];
        for (size_t k : nonzero) rows[i][k] -= f * rows[rank][k];
        rows[i][j] = 0;
        rhs[i] -= f * rhs[rank];
      }
      pivot_of_row.push_back(static_cast<int>(j));
      ++rank;
    }
    for (size_t i = 0; i < rank; ++i) {
      const size_t j = static_cast<size_t>(pivot_of_row[i]);
      bool alone = true;
      for (size_t k = 0; k < n && alone; ++k)
        if (k != j && std::fabs(rows[i][k]) > 1e-9) alone = false;
      if (!alone) continue;
      known[j] = true;
      value[j] = rhs[i];
      progress = true;
      if (!exempt.count(static_cast<int>(j)) && std::fabs(rhs[i]) > 0.5)
        findings.push_back({names[j], std::round(rhs[i])});
    }
    // Bounds: hidden parts of a known whole that must all sit at their lower bound.
    for (const auto& relation : terms_of) {
      auto known_value = [&](const Term& t, double* v) {
        if (t.column < 0) return *v = t.shown, true;
        const size_t j = static_cast<size_t>(t.column);
        if (known[j]) return *v = value[j], true;
        return false;
      };
      double rest = 0;
      if (!known_value(relation[0], &rest)) continue;
      std::vector<size_t> unknown;
      double floor = 0;
      for (size_t t = 1; t < relation.size(); ++t) {
        double v;
        if (known_value(relation[t], &v)) {
          rest -= v;
        } else {
          const size_t j = static_cast<size_t>(relation[t].column);
          unknown.push_back(j);
          floor += lower[j];
        }
      }
      if (unknown.size() < 2 || std::fabs(rest - floor) > 1e-9) continue;
      for (size_t j : unknown) {
        known[j] = true;
        value[j] = lower[j];
        progress = true;
        if (!exempt.count(static_cast<int>(j)) && lower[j] > 0)
          findings.push_back({names[j] + " (bound)", lower[j]});
      }
    }
  }
  return findings;
}

}  // namespace tov::attacker
