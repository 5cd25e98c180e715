// The outreach report: one pass over the citizens, each folded as known at T; then, for the
// national audience, primary and secondary suppression over the report's sums.
#include "report/outreach_report.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "common/html_escape.h"
#include "report/status_report.h"
#include "report/suppression.h"
#include "report/svg_chart.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

struct Figures {
  int64_t contacts = 0;
  std::map<std::string, int64_t> by_place;
  Rate anonymous;  // of the people met, those met while anonymous
  int64_t identified = 0;
  Rate off_street;  // of the people met in street whose 90th day is ≤ X
};

bool Small(int64_t n) { return n >= 1 && n <= 4; }

// What one citizen adds to the figures of one municipality (or of the total).
struct Part {
  int64_t contacts = 0;
  std::map<std::string, int64_t> by_place;
  bool met = false, met_anonymous = false;
  bool identified = false;
  std::optional<bool> off_street;  // in the denominator: whether off the street on day 90
};

void AddPart(const Part& p, Figures& f) {
  f.contacts += p.contacts;
  for (const auto& [k, v] : p.by_place) f.by_place[k] += v;
  if (p.met) f.anonymous.Add(p.met_anonymous);
  if (p.identified) ++f.identified;
  if (p.off_street) f.off_street.Add(*p.off_street);
}

json ToJson(const Figures& f) {
  json j;
  json places = json::object();
  for (const auto& [k, v] : f.by_place) places[k] = v;
  j["outreach_contacts"] = json{{"value", f.contacts}, {"by_place", places}};
  j["outreach_people"] = json{{"value", f.anonymous.denominator}};
  j["outreach_anonymous_share"] = f.anonymous.ToJson();
  j["outreach_identified"] = json{{"value", f.identified}};
  j["outreach_off_street_90d"] = f.off_street.ToJson();
  return j;
}

// ---- National suppression ----
// Cells: every count (a figure's value, a place's count) and every rate's numerator,
// denominator and difference. Sums: a figure's places sum to its value; the municipalities'
// cells sum to the total's (people and places counted in several municipalities make the sums
// bounds rather than equalities; treating them as equalities hides at least as much). A rate is
// hidden whole when any of its three cells is; the people met are the anonymous share's
// denominator, so hidden people hide the share (a hidden share beside the people shown tells
// only its denominator).
class Suppressor {
 public:
  size_t Cell(int64_t v, bool hidden) {
    values_.push_back(v);
    hidden_.push_back(hidden);
    return values_.size() - 1;
  }
  void Sum(size_t whole, std::vector<size_t> parts) {
    parts.insert(parts.begin(), whole);
    sums_.push_back(std::move(parts));
  }
  // Hidden together: one hidden hides all.
  void Same(std::vector<size_t> cells) { ties_.push_back(std::move(cells)); }
  // `a` hidden hides `b` (not the other way round).
  void Implies(size_t a, size_t b) { implies_.emplace_back(a, b); }
  bool hidden(size_t i) const { return hidden_[i]; }
  void Run() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& [a, b] : implies_)
        if (hidden_[a] && !hidden_[b]) {
          hidden_[b] = true;
          changed = true;
        }
      for (const auto& tie : ties_) {
        bool any = false;
        for (size_t i : tie) any = any || hidden_[i];
        if (!any) continue;
        for (size_t i : tie) {
          if (!hidden_[i]) changed = true;
          hidden_[i] = true;
        }
      }
      for (const auto& sum : sums_) {
        std::vector<int64_t> v;
        std::vector<bool> h;
        for (size_t i : sum) {
          v.push_back(values_[i]);
          h.push_back(hidden_[i]);
        }
        h = SuppressSum(v, h);
        for (size_t k = 0; k < sum.size(); ++k)
          if (h[k] && !hidden_[sum[k]]) {
            hidden_[sum[k]] = true;
            changed = true;
          }
      }
    }
  }

 private:
  std::vector<int64_t> values_;
  std::vector<bool> hidden_;
  std::vector<std::vector<size_t>> sums_, ties_;
  std::vector<std::pair<size_t, size_t>> implies_;
};

struct RateCells {
  size_t num, den, diff;
};

struct ScopeCells {
  size_t contacts, people, identified;
  std::map<std::string, size_t> places;
  RateCells anonymous, off_street;
};

void Suppress(json& out, const Figures& total, const std::map<std::string, Figures>& munis) {
  Suppressor s;
  auto rate = [&](const Rate& r) {
    const bool hide = Small(r.numerator) || Small(r.denominator) || Small(r.denominator - r.numerator);
    RateCells c{s.Cell(r.numerator, hide), s.Cell(r.denominator, hide), s.Cell(r.denominator - r.numerator, hide)};
    s.Same({c.num, c.den, c.diff});
    return c;
  };
  auto scope = [&](const Figures& f) {
    ScopeCells c;
    c.contacts = s.Cell(f.contacts, Small(f.contacts));
    std::vector<size_t> parts;
    for (const auto& [k, v] : f.by_place) parts.push_back(c.places[k] = s.Cell(v, Small(v)));
    s.Sum(c.contacts, parts);
    c.people = s.Cell(f.anonymous.denominator, Small(f.anonymous.denominator));
    c.identified = s.Cell(f.identified, Small(f.identified));
    c.anonymous = rate(f.anonymous);
    c.off_street = rate(f.off_street);
    s.Implies(c.people, c.anonymous.den);  // the share's denominator is the people met
    return c;
  };
  ScopeCells t = scope(total);
  std::map<std::string, ScopeCells> m;
  for (const auto& [code, f] : munis) m[code] = scope(f);
  if (m.size() > 1) {
    auto across = [&](size_t whole, auto member) {
      std::vector<size_t> parts;
      for (auto& [code, c] : m) parts.push_back(member(c));
      s.Sum(whole, parts);
    };
    across(t.contacts, [](ScopeCells& c) { return c.contacts; });
    across(t.people, [](ScopeCells& c) { return c.people; });
    across(t.identified, [](ScopeCells& c) { return c.identified; });
    for (RateCells ScopeCells::*r : {&ScopeCells::anonymous, &ScopeCells::off_street}) {
      across((t.*r).num, [r](ScopeCells& c) { return (c.*r).num; });
      across((t.*r).den, [r](ScopeCells& c) { return (c.*r).den; });
      across((t.*r).diff, [r](ScopeCells& c) { return (c.*r).diff; });
    }
    for (const auto& [place, cell] : t.places) {
      std::vector<size_t> parts;
      for (auto& [code, c] : m)
        if (auto it = c.places.find(place); it != c.places.end()) parts.push_back(it->second);
      s.Sum(cell, parts);
    }
  }
  s.Run();
  const json hidden{{"suppressed", true}};
  auto write = [&](json& figures, const ScopeCells& c) {
    if (s.hidden(c.contacts)) {
      figures["outreach_contacts"] = hidden;
    } else {
      for (const auto& [k, cell] : c.places)
        if (s.hidden(cell)) figures["outreach_contacts"]["by_place"][k] = hidden;
    }
    if (s.hidden(c.people)) figures["outreach_people"] = hidden;
    if (s.hidden(c.identified)) figures["outreach_identified"] = hidden;
    if (s.hidden(c.anonymous.num)) figures["outreach_anonymous_share"] = hidden;
    if (s.hidden(c.off_street.num)) figures["outreach_off_street_90d"] = hidden;
  };
  write(out["total"], t);
  for (const auto& [code, c] : m) write(out["municipalities"][code], c);
}

}  // namespace

const std::vector<std::string>& OutreachIndicatorIds() {
  static const std::vector<std::string> ids = {"outreach_contacts", "outreach_people",
                                               "outreach_anonymous_share", "outreach_identified",
                                               "outreach_off_street_90d"};
  return ids;
}

json OutreachReport(const Journal& journal, const OutreachOptions& o) {
  const Date x = o.as_of;
  const Date year_ago = x.AddMonths(-12);  // the period is (X − 12 months, X]
  Figures total;
  std::map<std::string, Figures> by_municipality;
  if (o.municipality) by_municipality[*o.municipality];
  auto in_period = [&](Date d) { return d > year_ago && d <= x; };
  for (size_t i = 0; i < journal.citizens().size(); ++i) {
    CitizenCourse scratch;
    const CitizenCourse& c = journal.CourseAt(i, o.known_at, scratch);
    if (!c.registered || c.registered_on > x) continue;
    std::map<std::string, Part> parts;  // municipality → what the citizen adds there
    Part all;
    std::optional<Date> first_street;   // the first outreach contact in the period in `street`
    std::string first_street_municipality;
    for (const Entry* e : c.entries) {
      if (e->date > x) break;
      const auto* k = e->As<Contact>();
      if (!k || k->mode != ContactMode::kOutreach || !in_period(e->date)) continue;
      const std::string& m = c.MunicipalityOn(e->date);
      if (o.municipality && m != *o.municipality) continue;
      const std::string place = k->place.value_or(kNoPlace);
      const bool anonymous = c.AnonymousOn(e->date);
      for (Part* p : {&all, &parts[m]}) {
        ++p->contacts;
        ++p->by_place[place];
        p->met = true;
        p->met_anonymous = p->met_anonymous || anonymous;
      }
      if (!first_street && c.SituationOn(e->date) == Situation::kStreet) {
        first_street = e->date;
        first_street_municipality = m;
      }
    }
    if (first_street && first_street->AddDays(90) <= x) {
      auto s = c.SituationOn(first_street->AddDays(90));
      const bool off = s && *s != Situation::kStreet && *s != Situation::kNightShelter && *s != Situation::kUnknown;
      all.off_street = off;
      parts[first_street_municipality].off_street = off;
    }
    if (c.anonymous && c.identified_on && in_period(*c.identified_on)) {
      const std::string& m = c.MunicipalityOn(*c.identified_on);
      if (!o.municipality || m == *o.municipality) {
        all.identified = true;
        parts[m].identified = true;
      }
    }
    if (parts.empty()) continue;
    AddPart(all, total);
    for (const auto& [m, p] : parts) AddPart(p, by_municipality[m]);
  }
  json out;
  out["as_of"] = x.ToString();
  out["known_at"] = o.known_at == Timestamp::Max() ? json(nullptr) : json(o.known_at.ToString());
  out["total"] = ToJson(total);
  json munis = json::object();
  for (const auto& [code, f] : by_municipality) munis[code] = ToJson(f);
  out["municipalities"] = munis;
  if (o.national) Suppress(out, total, by_municipality);
  return out;
}

namespace {

std::string NumDa(const json& v) {
  if (IsSuppressed(v)) return "<span class=\"suppressed\">skjult</span>";
  if (v.is_null()) return "–";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) {
    // A share as a percentage with one decimal, built by appending (GCC 12 -O3 reports a false
    // -Wrestrict for insert and for "0" + s: GCC bug 105329).
    const int tenths = static_cast<int>(v.get<double>() * 1000.0 + 0.5);
    std::string s = std::to_string(tenths / 10);
    s.append(1, ',').append(std::to_string(tenths % 10)).append(" %");
    return s;
  }
  return EscapeHtml(v.dump());
}

// `anchor` names the section ("i-alt", a municipality code) for the chart's ids.
std::string FiguresHtml(const json& f, const std::string& anchor) {
  struct Row {
    const char* id;
    const char* label;
    const char* definition;
  };
  static const Row rows[] = {
      {"outreach_contacts", "Opsøgende kontakter", "Kontakter med form opsøgende i de 12 måneder til og med datoen."},
      {"outreach_people", "Personer mødt", "Forskellige borgere med mindst én opsøgende kontakt i perioden."},
      {"outreach_anonymous_share", "Andel mødt anonymt", "Af personerne mødt: de, der var anonyme på en kontakts dato."},
      {"outreach_identified", "Identificeret", "Anonyme personer, der gav deres identitet (med samtykke) i perioden."},
      {"outreach_off_street_90d", "Væk fra gaden efter 90 dage",
       "Af personerne mødt på gaden: de, der 90 dage efter første sådanne kontakt var i en anden situation end gade, natvarmestue eller ukendt (talt, når dagen er senest datoen)."},
  };
  std::string out = "<table class=\"table\"><thead><tr><th scope=\"col\">Nøgletal</th><th scope=\"col\" class=\"num\">Værdi</th><th scope=\"col\">Definition</th></tr></thead><tbody>";
  for (const Row& r : rows) {
    const json* v = Field(f, r.id);
    std::string value = "–";
    if (v && IsSuppressed(*v)) {
      value = NumDa(*v);
    } else if (v && Field(*v, "numerator")) {
      value = NumDa((*v)["value"]);
      if (!(*v)["value"].is_null())
        value += " (" + NumDa((*v)["numerator"]) + " af " + NumDa((*v)["denominator"]) + ")";
    } else if (v) {
      value = NumDa((*v)["value"]);
    }
    out += "<tr><th scope=\"row\">" + std::string(r.label) + "</th><td class=\"num\">" + value + "</td><td>" + r.definition + "</td></tr>";
  }
  out += "</tbody></table>";
  if (const json* c = Field(f, "outreach_contacts"); c && !IsSuppressed(*c)) {
    if (const json* places = Field(*c, "by_place"); places && !places->empty()) {
      out += "<table class=\"table\"><caption>Kontakter efter sted</caption><thead><tr><th scope=\"col\">Sted</th><th scope=\"col\" class=\"num\">Kontakter</th></tr></thead><tbody>";
      std::vector<svg::Bar> bars;
      for (const auto& [place, n] : places->items()) {
        out += "<tr><th scope=\"row\">" + (place == kNoPlace ? std::string("Intet sted angivet") : EscapeHtml(place)) +
               "</th><td class=\"num\">" + NumDa(n) + "</td></tr>";
        // A hidden cell draws no bar (NaN: "missing").
        bars.push_back({place == kNoPlace ? std::string("Intet sted angivet") : place,
                        n.is_number() ? n.get<double>() : std::numeric_limits<double>::quiet_NaN()});
      }
      out += "</tbody></table>";
      svg::ChartOptions o;
      o.title = "Opsøgende kontakter efter sted";
      o.width = 560;
      o.unit = "kontakter";
      o.id = "outreach-places-" + anchor;
      out += "<div class=\"chart\">" + svg::HorizontalBarChart(bars, o) + "</div>";
    }
  }
  return out;
}

}  // namespace

std::string OutreachReportHtml(const json& report) {
  std::string out =
      "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Opsøgende arbejde</title>"
      "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
      "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}.num{text-align:right}"
      "@media print{a{color:inherit}}</style></head><body>";
  return out + OutreachReportHtmlBody(report) + "</body></html>\n";
}

std::string OutreachReportHtmlBody(const json& report) {
  std::string out = "<h1>Opsøgende arbejde pr. " + EscapeHtml(report.value("as_of", "")) + "</h1>";
  out += "<p>De 12 måneder til og med datoen. Tal fra 1 til 4 er skjult for det nationale publikum.</p>";
  if (const json* t = Field(report, "total")) out += "<section><h2>I alt</h2>" + FiguresHtml(*t, "i-alt") + "</section>";
  if (const json* m = Field(report, "municipalities"))
    for (const auto& [code, f] : m->items())
      out += "<section><h2>Kommune " + EscapeHtml(code) + "</h2>" + FiguresHtml(f, code) + "</section>";
  return out;
}

}  // namespace tov::report
