// National small-cell suppression (suppression.h). A report becomes a table of cells (each count,
// split cell, rate numerator and denominator of every area) and additive relations between them;
// a hidden cell is safe when the shown cells and the relations leave it undetermined. The check is
// Gaussian elimination modulo a large prime over the hidden cells alone (the shown ones are
// constants), after peeling off the relations that hold a cell no other relation holds.
#include "report/suppression.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "report/status_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

bool Small(int64_t n) { return n >= 1 && n <= 4; }

// ---- Linear algebra modulo p = 2^31 − 1 ----
// The relations have coefficients ±1 over few cells, so the rank modulo this prime is the rank
// over the rationals (a minor divisible by p would need thousands of cells in one dependency).

constexpr uint64_t kP = 2147483647;

uint64_t Inverse(uint64_t a) {
  uint64_t result = 1, e = kP - 2;
  while (e) {
    if (e & 1) result = result * a % kP;
    a = a * a % kP;
    e >>= 1;
  }
  return result;
}

using Vec = std::map<int, uint64_t>;  // column → non-zero coefficient

void AddTo(Vec& v, int column, uint64_t delta) {
  auto [it, fresh] = v.try_emplace(column, 0);
  it->second = (it->second + delta) % kP;
  if (it->second == 0) v.erase(it);
}

// The span of the vectors inserted so far, kept in reduced row echelon form: each row has its
// pivot with coefficient 1 and no other row's pivot column.
class Basis {
 public:
  void Reduce(Vec& v) const {
    std::vector<int> pivots;
    for (const auto& [c, x] : v)
      if (rows_.count(c)) pivots.push_back(c);
    for (int p : pivots) {  // rows hold no other pivot, so each pivot is cleared once
      const uint64_t f = v.at(p);
      for (const auto& [c, x] : rows_.at(p)) AddTo(v, c, kP - x * f % kP);
    }
  }

  void Insert(Vec v) {
    Reduce(v);
    if (v.empty()) return;
    const int pivot = v.begin()->first;
    const uint64_t inverse = Inverse(v.begin()->second);
    for (auto& [c, x] : v) x = x * inverse % kP;
    const std::set<int> users = columns_[pivot];
    for (int q : users) {
      Vec& row = rows_[q];
      const uint64_t f = row.at(pivot);
      for (const auto& [c, x] : v) {
        const bool had = row.count(c);
        AddTo(row, c, kP - x * f % kP);
        const bool has = row.count(c);
        if (had && !has) columns_[c].erase(q);
        if (!had && has) columns_[c].insert(q);
      }
    }
    for (const auto& [c, x] : v) columns_[c].insert(pivot);
    rows_[pivot] = std::move(v);
  }

  // Whether the unit vector of `column` is in the span (its value is determined).
  bool HasUnit(int column) const {
    auto it = rows_.find(column);
    return it != rows_.end() && it->second.size() == 1;
  }

 private:
  std::map<int, Vec> rows_;               // by pivot
  std::map<int, std::set<int>> columns_;  // column → pivots of the rows holding it
};

// The columns determined by `rows` (each row a linear relation among unknowns whose other terms
// are known). Rows that hold a column no other row holds cannot help determine any other column;
// they are set aside (and that column checked last, against all the rest), which keeps the
// elimination small.
std::set<int> Determined(std::vector<Vec> rows) {
  std::set<int> determined;
  Basis basis;
  std::map<int, std::set<size_t>> holders;  // column → rows holding it
  std::vector<bool> alive(rows.size(), true);
  for (size_t r = 0; r < rows.size(); ++r)
    for (const auto& [c, x] : rows[r]) holders[c].insert(r);
  std::vector<std::pair<size_t, int>> set_aside;  // (row, its private column), in order
  auto drop = [&](size_t r) {
    alive[r] = false;
    for (const auto& [c, x] : rows[r]) holders[c].erase(r);
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (!alive[r]) continue;
      if (rows[r].empty()) {
        drop(r);
      } else if (rows[r].size() == 1) {  // one unknown: determined, and known from now on
        const int c = rows[r].begin()->first;
        drop(r);
        determined.insert(c);
        basis.Insert(Vec{{c, 1}});
        for (size_t q : std::set<size_t>(holders[c])) {
          rows[q].erase(c);
          holders[c].erase(q);
        }
        changed = true;
      }
    }
    for (auto& [c, held] : holders) {
      if (held.size() != 1 || determined.count(c)) continue;
      const size_t r = *held.begin();
      set_aside.emplace_back(r, c);
      drop(r);
      changed = true;
    }
  }
  std::set<int> core;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!alive[r]) continue;
    for (const auto& [c, x] : rows[r]) core.insert(c);
    basis.Insert(rows[r]);
  }
  for (int c : core)
    if (basis.HasUnit(c)) determined.insert(c);
  for (auto it = set_aside.rbegin(); it != set_aside.rend(); ++it) {
    Vec rest = rows[it->first];
    rest.erase(it->second);
    basis.Reduce(rest);
    if (rest.empty()) determined.insert(it->second);
    basis.Insert(rows[it->first]);
  }
  return determined;
}

// ---- The table of cells ----

// A place in the report that can be hidden: a figure (`key` empty) or a split cell.
struct Unit {
  size_t area = 0;  // 0 the total, then the municipalities in order
  std::string id, split, key;
  bool primary = false, secondary = false;
  std::vector<int> hidden_with;  // units whose hiding hides this one too
};

struct Var {
  int64_t value = 0;
  int own = -1;  // the unit that shows it (-1: an absent split key, 0 as long as its figure shows)
  int parent = -1;  // the figure it belongs to, for a split cell
  // A reader knows it is ≥ 1 even when hidden, as long as its figure shows: a split key is listed
  // only when its count is not 0, a rate's method only when its denominator is not 0.
  bool at_least_1 = false;
  std::vector<int> relations;
};

struct Relation {
  int whole;
  std::vector<int> parts;  // whole = Σ parts
};

struct Difference {  // a hidden rate must not give away denominator − numerator either
  int numerator, denominator, unit;
};

struct Exposure {
  int var;            // a hidden cell that can be worked out (or the numerator of a difference)
  int relation = -1;  // the relation to hide one more cell in, when only that one helps
  const Difference* difference = nullptr;
};

class Table {
 public:
  int AddUnit(Unit u) {
    units_.push_back(std::move(u));
    return static_cast<int>(units_.size()) - 1;
  }
  Unit& unit(int u) { return units_[static_cast<size_t>(u)]; }
  const std::vector<Unit>& units() const { return units_; }

  int AddVar(int64_t value, int own, int parent, bool at_least_1) {
    vars_.push_back({value, own, parent, at_least_1, {}});
    return static_cast<int>(vars_.size()) - 1;
  }
  const Var& var(int v) const { return vars_[static_cast<size_t>(v)]; }

  void AddRelation(int whole, std::vector<int> parts) {
    std::erase(parts, -1);
    const int r = static_cast<int>(relations_.size());
    vars_[static_cast<size_t>(whole)].relations.push_back(r);
    for (int p : parts) vars_[static_cast<size_t>(p)].relations.push_back(r);
    relations_.push_back({whole, std::move(parts)});
  }
  void AddDifference(int numerator, int denominator, int unit) {
    differences_.push_back({numerator, denominator, unit});
  }

  bool UnitHidden(int u) const {
    const Unit& x = units_[static_cast<size_t>(u)];
    if (x.primary || x.secondary) return true;
    return std::any_of(x.hidden_with.begin(), x.hidden_with.end(),
                       [&](int w) { return UnitHidden(w); });
  }
  bool Hidden(int v) const {
    const Var& x = var(v);
    return (x.own >= 0 && UnitHidden(x.own)) || (x.parent >= 0 && UnitHidden(x.parent));
  }

  // Hides cells until no exposure is left, then shows again, latest first, each secondary cell
  // that is not needed (so every cell hidden beyond the primary ones is needed by itself).
  void Protect() {
    std::vector<int> order;  // secondary units in the order they were hidden
    for (;;) {
      const std::vector<Exposure> exposures = Exposures();
      if (exposures.empty()) break;
      // Relations in which a cell was hidden in this round: an exposure in one of them may be
      // settled already (a rate part hides its numerator and its denominator at once), so it
      // waits for the next round.
      std::set<int> touched;
      bool hid = false;
      for (const Exposure& e : exposures) {
        const std::vector<int> relations = RelationsOf(e);
        if (std::any_of(relations.begin(), relations.end(),
                        [&](int r) { return touched.count(r); }))
          continue;
        const int best = Complement(relations);
        if (best < 0) continue;
        std::vector<bool> before(vars_.size());
        for (size_t v = 0; v < vars_.size(); ++v) before[v] = Hidden(static_cast<int>(v));
        unit(var(best).own).secondary = true;
        order.push_back(var(best).own);
        for (size_t v = 0; v < vars_.size(); ++v)
          if (!before[v] && Hidden(static_cast<int>(v)))
            touched.insert(vars_[v].relations.begin(), vars_[v].relations.end());
        touched.insert(relations.begin(), relations.end());
        hid = true;
      }
      if (!hid) break;  // nothing left to hide near the exposed cells
    }
    // What is still exposed when nothing more could be hidden (none in the tests' reports).
    std::set<int> left;
    for (const Exposure& e : Exposures()) left.insert(e.var);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      unit(*it).secondary = false;
      for (const Exposure& e : Exposures()) {
        if (left.count(e.var)) continue;
        unit(*it).secondary = true;
        break;
      }
    }
  }

  // The hidden cells that can be worked out from the shown ones, other than zeros (a 0 is never
  // hidden for itself: working out that a hidden cell is 0 names no small group).
  std::vector<Exposure> Exposures() const {
    const int base = static_cast<int>(vars_.size());
    std::set<int> determined, bounded;  // by the relations; by a bound (then known too)
    std::vector<Exposure> by_bound;
    for (;;) {
      auto unknown = [&](int v) { return Hidden(v) && !bounded.count(v); };
      // Columns: the hidden cells, then one per hidden rate's difference.
      std::vector<Vec> rows;
      for (const Relation& r : relations_) {
        Vec row;
        if (unknown(r.whole)) AddTo(row, r.whole, 1);
        for (int p : r.parts)
          if (unknown(p)) AddTo(row, p, kP - 1);
        if (!row.empty()) rows.push_back(std::move(row));
      }
      for (size_t d = 0; d < differences_.size(); ++d) {
        const Difference& x = differences_[d];
        if (!UnitHidden(x.unit)) continue;
        Vec row{{base + static_cast<int>(d), 1}};  // δ − denominator + numerator = 0
        if (unknown(x.denominator)) AddTo(row, x.denominator, kP - 1);
        if (unknown(x.numerator)) AddTo(row, x.numerator, 1);
        rows.push_back(std::move(row));
      }
      determined = Determined(std::move(rows));
      // A listed split key is at least 1, every cell at least 0: hidden parts of a known whole
      // that must all sit at their bound are worked out too.
      bool more = false;
      for (size_t r = 0; r < relations_.size(); ++r) {
        const Relation& rel = relations_[r];
        auto known = [&](int v) { return !unknown(v) || determined.count(v); };
        if (!known(rel.whole)) continue;
        int64_t rest = var(rel.whole).value, floor = 0;
        std::vector<int> open;
        for (int p : rel.parts) {
          if (known(p)) {
            rest -= var(p).value;
          } else {
            // A split cell is seen to be listed only while its figure shows.
            const Var& x = var(p);
            floor += x.at_least_1 && (x.parent < 0 || !UnitHidden(x.parent)) ? 1 : 0;
            open.push_back(p);
          }
        }
        if (open.size() < 2 || rest != floor) continue;
        for (int p : open) {
          bounded.insert(p);
          if (var(p).value != 0) by_bound.push_back({p, static_cast<int>(r)});
        }
        more = true;
      }
      if (!more) break;
    }
    std::vector<Exposure> out;
    for (int c : determined) {
      if (c < base) {
        if (var(c).value != 0) out.push_back({c});
      } else {
        const Difference* d = &differences_[static_cast<size_t>(c - base)];
        if (var(d->denominator).value != var(d->numerator).value)
          out.push_back({d->numerator, -1, d});
      }
    }
    out.insert(out.end(), by_bound.begin(), by_bound.end());
    return out;
  }

 private:
  std::vector<int> RelationsOf(const Exposure& e) const {
    if (e.relation >= 0) return {e.relation};
    std::vector<int> out = var(e.var).relations;
    if (e.difference) {
      const auto& more = var(e.difference->denominator).relations;
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }

  // The cell to hide for an exposure in `relations`: the first shown one there in the order of
  // Key, or, when only zeros are there, in the relations one hidden cell further away (a
  // derivation may run through them: a total found from a sum of hidden parts that another
  // relation gives away).
  int Complement(const std::vector<int>& relations) const {
    int zero = -1;
    std::vector<int> layer = relations;
    std::set<int> seen(layer.begin(), layer.end());
    for (int depth = 0; depth < 4 && !layer.empty(); ++depth) {
      int best = -1;
      std::vector<int> next;
      for (int r : layer) {
        const Relation& rel = relations_[static_cast<size_t>(r)];
        std::vector<int> cells = rel.parts;
        cells.push_back(rel.whole);
        for (int v : cells) {
          if (Hidden(v)) {
            for (int q : var(v).relations)
              if (seen.insert(q).second) next.push_back(q);
          } else if (var(v).own >= 0 && (best < 0 || Key(v) < Key(best))) {
            best = v;
          }
        }
      }
      if (best >= 0 && var(best).value != 0) return best;
      if (zero < 0) zero = best;
      std::sort(next.begin(), next.end());
      layer = std::move(next);
    }
    return zero;
  }

  // The order in which shown cells are hidden: the smallest non-zero value (a zero only when no
  // other is left), then a municipality before the total, then the earlier area, then the earlier
  // cell in the order of the table.
  using CandidateKey = std::tuple<bool, int64_t, bool, size_t, int>;
  CandidateKey Key(int v) const {
    const Var& x = var(v);
    const size_t area = units_[static_cast<size_t>(x.own)].area;
    return {x.value == 0, x.value, area == 0, area, v};
  }

  std::vector<Unit> units_;
  std::vector<Var> vars_;
  std::vector<Relation> relations_;
  std::vector<Difference> differences_;
};

// ---- The report as a table ----

const json* Get(const json& j, const std::string& key) { return Field(j, key.c_str()); }

int64_t IntOr0(const json* v) { return v && v->is_number_integer() ? v->get<int64_t>() : 0; }

// The national caseload: open courses and their methods, summed over the workers.
json NationalCaseload(const json& per_worker) {
  int64_t open = 0;
  std::map<std::string, int64_t> by_method;
  if (per_worker.is_object()) {
    for (const auto& [worker, load] : per_worker.items()) {
      open += IntOr0(Get(load, "value"));
      if (const json* by = Get(load, "by_method"); by && by->is_object())
        for (const auto& [m, n] : by->items()) by_method[m] += IntOr0(&n);
    }
  }
  json split = json::object();
  for (const auto& [m, n] : by_method)
    if (n != 0) split[m] = n;
  return json{{"value", open}, {"by_method", split}};
}

class ReportTable {
 public:
  ReportTable(std::vector<json*> areas, std::vector<SuppressionBases> bases)
      : areas_(std::move(areas)), bases_(std::move(bases)) {}
  ReportTable(std::vector<json*> areas, std::vector<YouthSuppressionBases> bases)
      : areas_(std::move(areas)), youth_bases_(std::move(bases)), youth_(true) {}

  void Build() {
    for (size_t a = 0; a < areas_.size(); ++a) youth_ ? BuildYouthArea(a) : BuildArea(a);
    if (areas_.size() < 2) return;
    for (const auto& [type, vars] : by_type_) {  // the municipalities sum to the total
      if (vars[0] < 0) continue;
      table_.AddRelation(vars[0], std::vector<int>(vars.begin() + 1, vars.end()));
    }
  }

  void Protect() { table_.Protect(); }

  // Writes {"suppressed": true} for every hidden unit (the figure when it is hidden as a whole).
  void Write() {
    for (size_t u = 0; u < table_.units().size(); ++u) {
      const Unit& x = table_.units()[u];
      if (!table_.UnitHidden(static_cast<int>(u))) continue;
      json& figures = *areas_[x.area];
      if (IsSuppressed(figures[x.id])) continue;  // its figure is hidden whole already
      if (x.key.empty()) {
        figures[x.id] = json{{"suppressed", true}};
      } else {
        figures[x.id][x.split][x.key] = json{{"suppressed", true}};
      }
    }
  }

 private:
  // The keys of a split in any area (a hidden figure hides which of them it has).
  std::vector<std::string> Keys(const std::string& id, const std::string& split) const {
    std::set<std::string> keys;
    for (const json* f : areas_)
      if (const json* fig = Get(*f, id))
        if (const json* s = Get(*fig, split); s && s->is_object())
          for (const auto& [k, v] : s->items()) keys.insert(k);
    return {keys.begin(), keys.end()};
  }

  int Var(size_t area, const std::string& type, int64_t value, int own, int parent,
          bool at_least_1) {
    const int v = table_.AddVar(value, own, parent, at_least_1);
    auto& slot = by_type_[type];
    slot.resize(areas_.size(), -1);
    slot[area] = v;
    return v;
  }
  int Find(size_t area, const std::string& type) const {
    auto it = by_type_.find(type);
    return it == by_type_.end() ? -1 : it->second[area];
  }

  // A count {"value": N, split: {key: n}} with its splits; returns the unit.
  int Count(size_t area, const std::string& id, const std::vector<std::string>& splits) {
    const json* f = Get(*areas_[area], id);
    if (!f || !Get(*f, "value") || !Get(*f, "value")->is_number_integer()) return -1;
    const int unit = table_.AddUnit({area, id, "", "", false, false, {}});
    const int64_t n = IntOr0(Get(*f, "value"));
    table_.unit(unit).primary = Small(n);
    const int whole = Var(area, id, n, unit, -1, false);
    for (const std::string& split : splits) {
      std::vector<int> parts;
      const json* s = Get(*f, split);
      for (const std::string& key : Keys(id, split)) {
        const std::string type = id + "/" + split + "/" + key;
        const json* cell = s ? Get(*s, key) : nullptr;
        if (cell && cell->is_number_integer()) {
          const int own = table_.AddUnit({area, id, split, key, Small(IntOr0(cell)), false, {}});
          parts.push_back(Var(area, type, IntOr0(cell), own, unit, true));
        } else {
          parts.push_back(Var(area, type, 0, -1, unit, false));
        }
      }
      table_.AddRelation(whole, parts);
    }
    return unit;
  }

  // A rate {"numerator", "denominator", "value"} (with `by_method` parts, themselves rates). With
  // `denominator_of`, the denominator is that count (the same cell, shown or hidden with it).
  void Rate(size_t area, const std::string& id, int denominator_of) {
    const json* f = Get(*areas_[area], id);
    if (!f || !Get(*f, "numerator")) return;
    const int unit = table_.AddUnit({area, id, "", "", false, false, {}});
    const int64_t n = IntOr0(Get(*f, "numerator")), d = IntOr0(Get(*f, "denominator"));
    table_.unit(unit).primary = Small(n) || Small(d) || Small(d - n);
    const int num = Var(area, id + "/numerator", n, unit, -1, false);
    int den = -1;
    if (denominator_of >= 0) {
      table_.unit(unit).hidden_with.push_back(denominator_of);
    } else {
      den = Var(area, id + "/denominator", d, unit, -1, false);
      table_.AddDifference(num, den, unit);
    }
    if (!Get(*f, "by_method")) return;
    const json* by = Get(*f, "by_method");
    std::vector<int> nums, dens;
    for (const std::string& key : Keys(id, "by_method")) {
      const std::string type = id + "/by_method/" + key;
      const json* part = Get(*by, key);
      if (part && Get(*part, "numerator")) {
        const int64_t pn = IntOr0(Get(*part, "numerator")), pd = IntOr0(Get(*part, "denominator"));
        const int own = table_.AddUnit(
            {area, id, "by_method", key, Small(pn) || Small(pd) || Small(pd - pn), false, {}});
        nums.push_back(Var(area, type + "/numerator", pn, own, unit, false));
        dens.push_back(Var(area, type + "/denominator", pd, own, unit, true));
        table_.AddDifference(nums.back(), dens.back(), own);
      } else {
        nums.push_back(Var(area, type + "/numerator", 0, -1, unit, false));
        dens.push_back(Var(area, type + "/denominator", 0, -1, unit, false));
      }
    }
    table_.AddRelation(num, nums);
    if (den >= 0) table_.AddRelation(den, dens);
  }

  // A median or day count {"value": x} hidden when built on 1–4; `additive` for a day count
  // (it sums over the municipalities).
  void Built(size_t area, const std::string& id, int64_t base, bool additive) {
    const json* f = Get(*areas_[area], id);
    if (!f) return;
    const int unit = table_.AddUnit({area, id, "", "", Small(base), false, {}});
    if (additive) Var(area, id, IntOr0(Get(*f, "value")), unit, -1, false);
  }

  void BuildArea(size_t a) {
    json& figures = *areas_[a];
    if (const json* c = Get(figures, "caseload")) figures["caseload"] = NationalCaseload(*c);
    const SuppressionBases& b = bases_[a];
    const int homeless = Count(a, "homeless", {"by_situation", "by_age"});
    for (const char* id : {"homeless_under_25_share", "action_plan_offered", "support_coverage"})
      Rate(a, id, homeless);
    for (const char* id : {"street_sleepers", "youth_in_shelter", "shelter_over_6_months",
                           "shelter_over_6_months_all", "release_without_housing",
                           "cti_over_9_months", "housing_waiting", "quota_moved_in_12m"})
      Count(a, id, {});
    Rate(a, "housing_retention_12m", -1);
    Built(a, "days_to_housing_median", b.days_to_housing, false);
    Count(a, "new_citizens_12m", {"by_referral"});
    Count(a, "caseload", {"by_method"});
    Built(a, "housing_wait_days_median", b.wait_days, false);
    Count(a, "units_vacant", {"by_unit_kind"});
    Built(a, "vacant_unit_days_12m", b.vacant_dwellings, true);
    Count(a, "offers_declined_12m", {"by_reason"});

    // Relations between figures (DESIGN §5): street sleepers are the homeless in `street`; the
    // citizens due out without housing are the homeless in an institution; the under-25s are
    // the homeless of the first two age bands.
    auto find = [&](const char* type) { return Find(a, type); };
    if (int s = find("street_sleepers"); s >= 0)
      table_.AddRelation(s, {find("homeless/by_situation/street")});
    if (int r = find("release_without_housing"); r >= 0)
      table_.AddRelation(
          r, {find("homeless/by_situation/hospital"), find("homeless/by_situation/treatment"),
              find("homeless/by_situation/prison")});
    if (int u = find("homeless_under_25_share/numerator"); u >= 0)
      table_.AddRelation(u, {find("homeless/by_age/<18"), find("homeless/by_age/18-24")});
    // When every homeless citizen is in a shelter (a reader may see that), the young in a
    // shelter are the homeless of the first three age bands.
    const int h = find("homeless"), shelter = find("homeless/by_situation/shelter");
    if (int y = find("youth_in_shelter"); y >= 0 && h >= 0 && shelter >= 0 &&
                                          table_.var(h).value > 0 &&
                                          table_.var(shelter).value == table_.var(h).value)
      table_.AddRelation(y, {find("homeless/by_age/<18"), find("homeless/by_age/18-24"),
                             find("homeless/by_age/25-29")});
  }

  // The youth report (SuppressNationalYouth): every share has the cohort as its denominator;
  // the background shares have the citizens with a background (the numerator of
  // youth_background_share); the days of the stays rest on the citizens behind them.
  void BuildYouthArea(size_t a) {
    json& figures = *areas_[a];
    const YouthSuppressionBases& b = youth_bases_[a];
    const int cohort = Count(a, "youth_cohort", {"by_age"});
    for (const char* id : {"youth_never_homeless_share", "youth_from_other_municipality_share", "youth_background_share",
                           "youth_in_education_or_work_share", "youth_with_plan_share", "youth_with_goals_share",
                           "youth_team_complete_share"})
      Rate(a, id, cohort);
    const int background = Find(a, "youth_background_share/numerator");
    int background_unit = -1;
    for (size_t u = 0; u < table_.units().size(); ++u) {
      const Unit& x = table_.units()[u];
      if (x.area == a && x.id == "youth_background_share" && x.key.empty()) background_unit = static_cast<int>(u);
    }
    if (const json* share = Get(figures, "youth_background_share"); share && background >= 0 && background_unit >= 0)
      if (const json* by = Get(*share, "by_background"); by && by->is_object())
        for (const auto& [key, part] : by->items()) {
          if (!Get(part, "numerator")) continue;
          const int64_t n = IntOr0(Get(part, "numerator")), d = IntOr0(Get(part, "denominator"));
          const int own = table_.AddUnit({a, "youth_background_share", "by_background", key,
                                          Small(n) || Small(d) || Small(d - n), false, {background_unit}});
          const int num = Var(a, "youth_background_share/by_background/" + key, n, own, -1, false);
          table_.AddDifference(num, background, own);
        }
    // The stays: days, hidden by the citizens they rest on; the situations sum to the whole.
    const json* stays = Get(figures, "youth_stays");
    if (!stays || !Get(*stays, "value")) return;
    const int unit = table_.AddUnit({a, "youth_stays", "", "", Small(b.stay_citizens), false, {}});
    if (cohort >= 0) table_.unit(unit).hidden_with.push_back(cohort);
    const int whole = Var(a, "youth_stays", IntOr0(Get(*stays, "value")), unit, -1, false);
    std::vector<int> parts;
    const json* s = Get(*stays, "by_situation");
    for (const std::string& key : Keys("youth_stays", "by_situation")) {
      const std::string type = "youth_stays/by_situation/" + key;
      const json* cell = s ? Get(*s, key) : nullptr;
      if (cell && cell->is_number_integer()) {
        auto it = b.stay_citizens_by_situation.find(key);
        const int64_t base = it == b.stay_citizens_by_situation.end() ? 0 : it->second;
        const int own = table_.AddUnit({a, "youth_stays", "by_situation", key, Small(base), false, {}});
        parts.push_back(Var(a, type, IntOr0(cell), own, unit, true));
      } else {
        parts.push_back(Var(a, type, 0, -1, unit, false));
      }
    }
    table_.AddRelation(whole, parts);
  }

  std::vector<json*> areas_;
  std::vector<SuppressionBases> bases_;
  std::vector<YouthSuppressionBases> youth_bases_;
  bool youth_ = false;
  Table table_;
  std::map<std::string, std::vector<int>> by_type_;  // cell type → its cell in each area (-1: none)
};

}  // namespace

namespace {

// The total and each municipality as the areas of one ReportTable, each with its bases (the
// status report's or the youth report's), then primary and secondary suppression written back.
template <typename Bases>
void SuppressAreas(json& report, const std::map<std::string, Bases>& bases) {
  std::vector<json*> areas;
  std::vector<Bases> area_bases;
  auto base_of = [&](const std::string& code) {
    auto it = bases.find(code);
    return it == bases.end() ? Bases{} : it->second;
  };
  if (!report.contains("total") || !report["total"].is_object()) report["total"] = json::object();
  areas.push_back(&report["total"]);
  area_bases.push_back(base_of(""));
  if (report.contains("municipalities") && report["municipalities"].is_object()) {
    for (auto& [code, figures] : report["municipalities"].items()) {
      areas.push_back(&figures);
      area_bases.push_back(base_of(code));
    }
  }
  ReportTable table(std::move(areas), std::move(area_bases));
  table.Build();
  table.Protect();
  table.Write();
}

}  // namespace

void SuppressNational(json& report, const std::map<std::string, SuppressionBases>& bases) {
  SuppressAreas(report, bases);
}

void SuppressNationalYouth(json& report, const std::map<std::string, YouthSuppressionBases>& bases) {
  SuppressAreas(report, bases);
}

std::vector<bool> SuppressSum(const std::vector<int64_t>& values, std::vector<bool> hidden) {
  if (values.empty()) return hidden;
  hidden.resize(values.size(), false);
  Table table;
  std::vector<int> vars;
  for (size_t i = 0; i < values.size(); ++i) {
    const int unit = table.AddUnit({i, "", "", "", hidden[i], false, {}});
    vars.push_back(table.AddVar(values[i], unit, -1, false));
  }
  if (values.size() > 1) table.AddRelation(vars[0], std::vector<int>(vars.begin() + 1, vars.end()));
  table.Protect();
  for (size_t i = 0; i < values.size(); ++i) hidden[i] = table.Hidden(vars[i]);
  return hidden;
}

}  // namespace tov::report
