// The status report as a printable Danish HTML page. It reads the report JSON made by
// StatusReport (so it shows exactly its figures, suppression included) and folds the journal
// once more for the 24-month trend. Every string that comes from the data (municipality codes
// and names, worker ids, split keys, dates) is HTML-escaped.
#include "report/status_html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "common/html_escape.h"
#include "domain/entry.h"
#include "domain/municipality.h"
#include "report/housing.h"
#include "report/labels.h"
#include "report/status_report.h"
#include "report/suppression.h"
#include "report/svg_chart.h"
#include "report/trend.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 12> kMonthsDa = {
    "januar", "februar", "marts",     "april",   "maj",      "juni",
    "juli",   "august",  "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthsShortDa = {
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};

// ---- Small helpers ----

std::string Esc(std::string_view s) { return EscapeHtml(s); }


// "2024-06-30" → "30. juni 2024"; anything else is returned as it is.
std::string DateDa(const std::string& iso) {
  auto d = ParseDate(iso.substr(0, 10));
  if (!d) return iso;
  return std::to_string(d->day()) + ". " + std::string(kMonthsDa[d->month() - 1]) + " " +
         std::to_string(d->year());
}

std::string DateDa(const json* v) {
  if (!v || !v->is_string()) return "";
  return DateDa(v->get<std::string>());
}

// "2024-03-01T23:59:59Z" → "2. marts 2024 kl. 00.59.59", in Danish local time (Europe/Copenhagen,
// summer time included) as readers of a Danish report expect it.
std::string TimestampDa(const std::string& iso) {
  auto t = ParseTimestamp(iso);
  if (!t) return iso;
  const int64_t local_ms = t->millis() + int64_t{DanishUtcOffsetMinutes(*t)} * 60'000;
  const int64_t seconds = ((local_ms / 1000) % 86400 + 86400) % 86400;
  char hms[16];
  std::snprintf(hms, sizeof hms, "%02d.%02d.%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return DateDa(DanishDate(*t).ToString()) + " kl. " + hms;
}

double Number(const json& v) { return v.is_number() ? v.get<double>() : std::nan(""); }

std::string CountDa(const json& v) {
  if (!v.is_number()) return "–";
  return svg::FormatNumberDa(v.get<double>(), v.is_number_integer() ? 0 : 1);
}

// Not "< 5": a cell hidden so that another cannot be worked out may be any size.
constexpr std::string_view kSuppressedHtml = "<span class=\"suppressed\">skjult</span>";

// Whether a caseload is the national one ({"value", "by_method"}) rather than per worker.
bool CaseloadByMethod(const json& v) {
  const json* open = Field(v, "value");
  return open && (open->is_number() || IsSuppressed(*open));
}

// A rate {"numerator","denominator","value"} as "57 % (4 af 7)".
std::string RateHtml(const json& r) {
  if (IsSuppressed(r)) return std::string(kSuppressedHtml);
  const json* num = Field(r, "numerator");
  const json* den = Field(r, "denominator");
  const json* val = Field(r, "value");
  std::string n = num ? CountDa(*num) : "–";
  std::string d = den ? CountDa(*den) : "–";
  if (!val || !val->is_number())
    return "<span class=\"value\">–</span> <span class=\"basis\">(ingen i grundlaget)</span>";
  return "<span class=\"value\">" + Esc(svg::FormatPercentDa(val->get<double>())) +
         "</span> <span class=\"basis\">(" + Esc(n) + " af " + Esc(d) + ")</span>";
}

// A split {key: count or {"suppressed": true}} as a list, names from the label table `table`.
std::string SplitListHtml(const json& split, std::string_view table) {
  if (!split.is_object() || split.empty()) return "";
  std::string out = "<ul class=\"splits\">";
  for (const auto& [k, v] : split.items()) {
    out += "<li>" + Esc(LabelDa(table, k)) + ": ";
    if (IsSuppressed(v)) {
      out += kSuppressedHtml;
    } else if (Field(v, "numerator")) {
      out += RateHtml(v);
    } else {
      out += Esc(CountDa(v));
    }
    out += "</li>";
  }
  return out + "</ul>";
}

// The value cell of one indicator.
std::string ValueHtml(const std::string& id, const json& v) {
  if (IsSuppressed(v)) return std::string(kSuppressedHtml);
  if (id == "caseload" && !CaseloadByMethod(v)) {
    if (!v.is_object() || v.empty()) return "<span class=\"value\">0</span> åbne forløb";
    int64_t open = 0;
    bool hidden = false;
    for (const auto& [worker, load] : v.items()) {
      const json* n = Field(load, "value");
      if (IsSuppressed(load) || !n || !n->is_number_integer()) {
        hidden = true;
      } else {
        open += n->get<int64_t>();
      }
    }
    std::string workers = svg::FormatNumberDa(static_cast<double>(v.size()), 0);
    if (hidden)
      return "<span class=\"value\">" + workers + "</span> medarbejdere (enkelte tal skjult)";
    return "<span class=\"value\">" + svg::FormatNumberDa(static_cast<double>(open), 0) +
           "</span> åbne forløb hos " + workers +
           (v.size() == 1 ? " medarbejder" : " medarbejdere");
  }
  if (Field(v, "numerator")) {
    std::string out = RateHtml(v);
    if (const json* by = Field(v, "by_method")) out += SplitListHtml(*by, "method");
    return out;
  }
  const json* val = Field(v, "value");
  if (id == "days_to_housing_median" || id == "housing_wait_days_median") {
    if (!val || !val->is_number()) return "<span class=\"value\">–</span> (ingen indflytninger)";
    return "<span class=\"value\">" + Esc(CountDa(*val)) + "</span> dage";
  }
  std::string out = "<span class=\"value\">" + Esc(val ? CountDa(*val) : "–") + "</span>";
  if (id == "vacant_unit_days_12m") out += " dage";
  if (id == "caseload") {
    out += " åbne forløb";
    if (const json* by = Field(v, "by_method")) out += SplitListHtml(*by, "method");
  }
  if (const json* by = Field(v, "by_referral")) out += SplitListHtml(*by, "referral");
  if (const json* by = Field(v, "by_unit_kind")) out += SplitListHtml(*by, "unit_kind");
  if (const json* by = Field(v, "by_reason")) out += SplitListHtml(*by, "decline_reason");
  return out;
}

// A count from a split as a chart value: suppressed → missing.
double SplitValue(const json* split, const std::string& key) {
  if (!split) return 0;
  const json* v = Field(*split, key.c_str());
  if (!v) return 0;
  if (IsSuppressed(*v)) return std::nan("");
  return Number(*v);
}

// ---- Sections ----

struct SectionInput {
  std::string anchor;    // id of the <section>, [a-z0-9-]
  std::string heading;   // plain text
  std::string subtitle;  // plain text, may be empty
  const json* figures;
  const std::vector<TrendPoint>* trend;  // nullptr: no citizen at any point
  bool hide_small;  // national audience: trend counts 1–4 are hidden like the figures
  const std::vector<AllocationPeriod>* allocation = nullptr;  // nullptr: no dwelling at any point
  // National audience: the months hidden in each series (secondary suppression included).
  std::vector<bool> hide_homeless, hide_youth, hide_vacant;
};

bool At(const std::vector<bool>& v, size_t i) { return i < v.size() && v[i]; }

std::string ChartSituations(const SectionInput& s) {
  const json* homeless = Field(*s.figures, "homeless");
  const json* split = homeless ? Field(*homeless, "by_situation") : nullptr;
  std::vector<svg::Bar> bars;
  for (size_t i = 0; i < kSituationNames.size(); ++i) {
    const std::string key(kSituationNames[i]);
    const bool base = IsHomelessBase(static_cast<Situation>(i));
    if (!base && !(split && Field(*split, key.c_str()))) continue;  // institutions only if any
    bars.push_back({LabelDa("situation", key), SplitValue(split, key)});
  }
  svg::ChartOptions o;
  o.title = "Hjemløse efter situation (antal personer)";
  o.width = 520;
  o.id = s.anchor + "-situation";
  return svg::HorizontalBarChart(bars, o);
}

std::string ChartAges(const SectionInput& s) {
  const json* homeless = Field(*s.figures, "homeless");
  const json* split = homeless ? Field(*homeless, "by_age") : nullptr;
  std::vector<svg::Bar> bars;
  for (const std::string& band : LabelIds("age_band"))
    bars.push_back({LabelDa("age_band", band), SplitValue(split, band)});
  svg::ChartOptions o;
  o.title = "Hjemløse efter alder i år (antal personer)";
  o.width = 520;
  o.id = s.anchor + "-age";
  return svg::BarChart(bars, o);
}

std::string ChartRetention(const SectionInput& s) {
  const json* retention = Field(*s.figures, "housing_retention_12m");
  const json* by = retention ? Field(*retention, "by_method") : nullptr;
  std::vector<svg::Bar> bars;
  if (by && by->is_object()) {
    for (const char* method : {"ACT", "ICM", "CTI", "other", "none"}) {
      const json* r = Field(*by, method);
      if (!r) continue;
      std::string label = LabelDa("method", method);
      if (IsSuppressed(*r)) {
        bars.push_back({label + " (skjult)", std::nan("")});
        continue;
      }
      const json* den = Field(*r, "denominator");
      const json* val = Field(*r, "value");
      if (den) label += " (n=" + CountDa(*den) + ")";
      bars.push_back({label, val ? Number(*val) : std::nan("")});
    }
  }
  svg::ChartOptions o;
  o.title = "Fastholdt bolig i 12 måneder efter metode";
  o.percent = true;
  o.width = 520;
  o.id = s.anchor + "-retention";
  return svg::BarChart(bars, o);
}

std::string ChartTrend(const SectionInput& s, const std::vector<Date>& dates) {
  std::vector<std::string> labels;
  for (Date d : dates) {
    char year[8];
    std::snprintf(year, sizeof year, "%02d", d.year() % 100);
    labels.push_back(std::string(kMonthsShortDa[d.month() - 1]) + " " + year);
  }
  svg::Series homeless{"Hjemløse", {}}, youth{"Unge under 30 år på herberg", {}};
  auto shown = [&](int64_t n, bool hidden) {
    if (hidden || (s.hide_small && n >= 1 && n <= 4)) return std::nan("");
    return static_cast<double>(n);
  };
  for (size_t i = 0; i < dates.size(); ++i) {
    const TrendPoint* p = s.trend && i < s.trend->size() ? &(*s.trend)[i] : nullptr;
    homeless.values.push_back(shown(p ? p->homeless : 0, At(s.hide_homeless, i)));
    youth.values.push_back(shown(p ? p->youth_in_shelter : 0, At(s.hide_youth, i)));
  }
  svg::ChartOptions o;
  o.title =
      "Udvikling de seneste " + std::to_string(dates.size()) + " måneder (månedens sidste dag)";
  o.width = 1100;
  o.height = 280;
  o.id = s.anchor + "-trend";
  return svg::LineChart(labels, {homeless, youth}, o);
}

// Vacant days and the median wait for a home, month by month (DESIGN §9). Nationally, a month
// built on 1–4 dwellings or move-ins is left out, like the report's own figures.
std::string ChartAllocation(const SectionInput& s, const std::vector<Date>& dates) {
  std::vector<std::string> labels;
  svg::Series vacant{"Tomgangsdage i måneden", {}}, wait{"Ventetid til bolig, median (dage)", {}};
  for (size_t i = 0; i < dates.size(); ++i) {
    char year[8];
    std::snprintf(year, sizeof year, "%02d", dates[i].year() % 100);
    labels.push_back(std::string(kMonthsShortDa[dates[i].month() - 1]) + " " + year);
    const AllocationPeriod* p = i < s.allocation->size() ? &(*s.allocation)[i] : nullptr;
    const bool few_dwellings =
        At(s.hide_vacant, i) || (s.hide_small && p && p->dwellings >= 1 && p->dwellings <= 4);
    vacant.values.push_back(few_dwellings ? std::nan("") : p ? static_cast<double>(p->vacant_days) : 0.0);
    std::vector<int> w = p ? p->wait_days : std::vector<int>();
    const bool few_moves = s.hide_small && w.size() >= 1 && w.size() <= 4;
    if (w.empty() || few_moves) {
      wait.values.push_back(std::nan(""));
    } else {
      std::sort(w.begin(), w.end());
      const size_t n = w.size();
      wait.values.push_back(n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2.0);
    }
  }
  svg::ChartOptions o;
  o.title = "Tomgang og ventetid de seneste " + std::to_string(dates.size()) + " måneder";
  o.width = 1100;
  o.height = 260;
  o.id = s.anchor + "-allocation";
  return svg::LineChart(labels, {vacant, wait}, o);
}

std::string CaseloadTable(const json& caseload) {
  if (!caseload.is_object() || caseload.empty()) return "";
  std::string out =
      "<table class=\"caseload\"><caption>Sagsstamme pr. medarbejder</caption><thead><tr>"
      "<th scope=\"col\">Medarbejder</th><th scope=\"col\" class=\"num\">Åbne forløb</th>"
      "<th scope=\"col\">Fordelt på metode</th><th scope=\"col\" class=\"num\">Kontakter "
      "(30 dage)</th></tr></thead><tbody>";
  for (const auto& [worker, load] : caseload.items()) {
    out += "<tr><th scope=\"row\">" + Esc(worker) + "</th>";
    if (IsSuppressed(load)) {
      out += "<td class=\"num\">" + std::string(kSuppressedHtml) + "</td><td></td><td></td></tr>";
      continue;
    }
    const json* n = Field(load, "value");
    const json* by = Field(load, "by_method");
    const json* contacts = Field(load, "contacts_30d");
    out += "<td class=\"num\">" + Esc(n ? CountDa(*n) : "–") + "</td><td>";
    if (by && by->is_object()) {
      bool first = true;
      for (const auto& [m, k] : by->items()) {
        if (!first) out += ", ";
        first = false;
        out += Esc(LabelDa("method", m)) + " " +
               (IsSuppressed(k) ? std::string(kSuppressedHtml) : Esc(CountDa(k)));
      }
    }
    out += "</td><td class=\"num\">" + Esc(contacts ? CountDa(*contacts) : "–") + "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string SectionHtml(const SectionInput& s, const std::vector<Date>& dates) {
  std::string out = "<section class=\"municipality\" id=\"" + Esc(s.anchor) + "\">";
  out += "<h2>" + Esc(s.heading) + "</h2>";
  if (!s.subtitle.empty()) out += "<p class=\"subtitle\">" + Esc(s.subtitle) + "</p>";
  out +=
      "<table class=\"figures\"><caption>Nøgletal</caption><thead><tr>"
      "<th scope=\"col\">Indikator</th><th scope=\"col\">Værdi</th>"
      "<th scope=\"col\">Definition</th></tr></thead><tbody>";
  std::vector<std::string> ids = IndicatorIds();
  for (const auto& [id, v] : s.figures->items())  // figures the list does not know yet
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  for (const std::string& id : ids) {
    const json* v = Field(*s.figures, id.c_str());
    if (!v) continue;
    // Nationally the caseload is by method, never per worker (DESIGN §5).
    const bool by_method =
        id == "caseload" && (CaseloadByMethod(*v) || (s.hide_small && IsSuppressed(*v)));
    const std::string name = by_method ? "Sagsstamme (åbne forløb)" : IndicatorNameDa(id);
    const std::string definition = by_method ? "Antal åbne forløb på datoen fordelt på metode, for "
                                               "hele området (ikke pr. medarbejder)."
                                             : IndicatorDefinitionDa(id);
    out += "<tr id=\"" + Esc(s.anchor + "-" + id) + "\"><th scope=\"row\">" + Esc(name) +
           "</th><td class=\"val\">" + ValueHtml(id, *v) + "</td><td class=\"def\">" +
           Esc(definition) + "</td></tr>";
  }
  out += "</tbody></table>";
  if (const json* caseload = Field(*s.figures, "caseload");
      caseload && !IsSuppressed(*caseload) && !CaseloadByMethod(*caseload))
    out += CaseloadTable(*caseload);
  out += "<div class=\"charts\">";
  out += "<figure class=\"chart\">" + ChartSituations(s) + "</figure>";
  out += "<figure class=\"chart\">" + ChartAges(s) + "</figure>";
  const json* retention = Field(*s.figures, "housing_retention_12m");
  if (retention && IsSuppressed(*retention)) {
    out +=
        "<figure class=\"chart note\"><figcaption>Fastholdt bolig i 12 måneder efter metode: "
        "tallene er skjult (små tal, eller tal, der ellers ville afsløre skjulte tal)."
        "</figcaption></figure>";
  } else {
    out += "<figure class=\"chart\">" + ChartRetention(s) + "</figure>";
  }
  out += "<figure class=\"chart wide\">" + ChartTrend(s, dates);
  if (s.hide_small)
    out +=
        "<figcaption>Måneder med 1–4 borgere er udeladt af kurven (skjulte små tal), og så mange "
        "flere, at de ikke kan regnes ud af de viste.</figcaption>";
  out += "</figure>";
  if (s.allocation) {
    out += "<figure class=\"chart wide\">" + ChartAllocation(s, dates);
    if (s.hide_small)
      out +=
          "<figcaption>Måneder med 1–4 boliger eller indflytninger er udeladt (skjulte små tal), "
          "og så mange flere, at de ikke kan regnes ud af de viste.</figcaption>";
    out += "</figure>";
  }
  out += "</div></section>";
  return out;
}

std::string MunicipalityHeading(const std::string& code) {
  if (const Municipality* m = FindMunicipality(code)) return m->name + " (" + code + ")";
  return "Kommune " + code;
}

std::string AnchorFor(const std::string& code) {
  std::string a = "kommune-";
  for (char ch : code) a += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '-');
  return a;
}

const char* kCss = R"css(
.tov-report{font-family:"IBM Plex Sans",Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.45;max-width:1180px;margin:0 auto;padding:24px}
.tov-report h1{font-size:1.9rem;margin:0 0 .5rem}
.tov-report h2{font-size:1.45rem;margin:0 0 .25rem;border-bottom:3px solid #004993;padding-bottom:.25rem}
.tov-report .meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
.tov-report .meta dt{font-weight:600}
.tov-report .meta dd{margin:0}
.tov-report nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.tov-report a{color:#004993}
.tov-report section.municipality{margin:2rem 0}
.tov-report .subtitle{color:#454545;margin:.25rem 0 1rem}
.tov-report table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
.tov-report caption{text-align:left;font-weight:600;padding:.25rem 0}
.tov-report th,.tov-report td{border-bottom:1px solid #bfbfbf;padding:.35rem .5rem;text-align:left;vertical-align:top}
.tov-report thead th{background:#f0f4f8;border-bottom:2px solid #747474}
.tov-report tbody th{font-weight:600;width:22%}
.tov-report td.val{width:22%;white-space:nowrap}
.tov-report td.val .value{font-weight:700;font-size:1.05rem}
.tov-report td.def{color:#333;font-size:.9rem}
.tov-report .num{text-align:right}
.tov-report ul.splits{margin:.25rem 0 0;padding-left:1.1rem;font-size:.85rem;white-space:normal}
.tov-report .suppressed{font-style:italic;color:#454545}
.tov-report .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem 2rem;margin-top:1rem}
.tov-report figure{margin:0;break-inside:avoid;page-break-inside:avoid}
.tov-report figure.wide{grid-column:1/-1}
.tov-report figcaption{font-size:.85rem;color:#454545}
.tov-report .about{font-size:.9rem;color:#333;border-top:1px solid #bfbfbf;margin-top:2rem;padding-top:.5rem}
@media print{
 @page{size:A4;margin:14mm}
 .tov-report{max-width:none;padding:0;font-size:10pt}
 .tov-report nav{display:none}
 .tov-report section.municipality{margin:0}
 .tov-report section.municipality+section.municipality{break-before:page;page-break-before:always}
 .tov-report tr{break-inside:avoid;page-break-inside:avoid}
 .tov-report thead{display:table-header-group}
 .tov-report h2{break-after:avoid;page-break-after:avoid}
 .tov-report .charts{grid-template-columns:1fr 1fr}
 .tov-report a{color:inherit;text-decoration:none}
}
)css";

}  // namespace

const std::string& StatusReportCss() {
  static const std::string css(kCss);
  return css;
}

std::string StatusReportHtmlBody(const json& report, const Journal& journal,
                                 const StatusOptions& options,
                                 const std::optional<std::string>& section) {
  const bool national =
      options.national || (Field(report, "audience") && report["audience"] == "national");
  const json* munis = Field(report, "municipalities");
  const json empty = json::object();
  const json* total = Field(report, "total");
  if (!total) total = &empty;

  const TrendSet trends =
      MonthlyTrends(journal, options.as_of, options.known_at, options.municipality);
  const std::vector<Date> dates = TrendDates(options.as_of, 24);
  const AllocationTrendSet allocation = AllocationTrend(journal, dates, options.known_at, options.municipality);
  const bool any_dwelling = !allocation.municipalities.empty();

  std::string out = "<div class=\"tov-report\"><header>";
  out += "<h1>Statusrapport — Hjemløsestrategien</h1><dl class=\"meta\">";
  const json* as_of = Field(report, "as_of");
  out += "<dt>Opgjort pr.</dt><dd>" +
         Esc(as_of ? DateDa(as_of) : DateDa(options.as_of.ToString())) + "</dd>";
  const json* known = Field(report, "known_at");
  out += "<dt>Data kendt pr.</dt><dd>" +
         (known && known->is_string() ? Esc(TimestampDa(known->get<std::string>()))
                                      : std::string("Alt registreret, da rapporten blev dannet")) +
         "</dd>";
  // The national audience by the glossary's name of the role that reads it.
  std::string audience = "Kommunal: alle tal vises";
  if (national) {
    audience = "National (";
    audience += LabelDa("role", "national");
    audience += "): tal fra 1 til 4 er skjult, i alt og i kommunernes tal, og så mange flere, at de "
                "skjulte ikke kan regnes ud af de viste, så ingen kan genkendes";
  }
  out += "<dt>Målgruppe</dt><dd>" + Esc(audience) + "</dd>";
  if (options.municipality)
    out +=
        "<dt>Afgrænsning</dt><dd>Kun " + Esc(MunicipalityHeading(*options.municipality)) + "</dd>";
  out += "</dl>";

  // Table of contents (internal links only); a single section has none.
  if (!section) {
    out += "<nav aria-label=\"Indhold\"><ul><li><a href=\"#i-alt\">I alt</a></li>";
    if (munis && munis->is_object())
      for (const auto& [code, f] : munis->items())
        out += "<li><a href=\"#" + Esc(AnchorFor(code)) + "\">" + Esc(MunicipalityHeading(code)) +
               "</a></li>";
    out += "</ul></nav>";
  }
  out += "</header>";

  SectionInput t{"i-alt",
                 "I alt",
                 options.municipality ? "Tallene for " + MunicipalityHeading(*options.municipality)
                                      : "Alle kommuner tilsammen",
                 total,
                 &trends.total,
                 national,
                 any_dwelling ? &allocation.total : nullptr,
                 {},
                 {},
                 {}};
  // Nationally, each month's municipalities sum to its total: hide as the report does.
  std::map<std::string, std::vector<bool>> hide_homeless, hide_youth, hide_vacant;
  if (national) {
    std::vector<std::string> codes = {""};
    if (munis && munis->is_object())
      for (const auto& [code, f] : munis->items()) codes.push_back(code);
    auto figures_of = [&](const std::string& code) -> const json& {
      return code.empty() ? *total : (*munis)[code];
    };
    auto point = [&](const std::string& code, size_t i) -> const TrendPoint* {
      const std::vector<TrendPoint>* series = &trends.total;
      if (!code.empty()) {
        auto it = trends.municipalities.find(code);
        series = it == trends.municipalities.end() ? nullptr : &it->second;
      }
      return series && i < series->size() ? &(*series)[i] : nullptr;
    };
    auto period = [&](const std::string& code, size_t i) -> const AllocationPeriod* {
      const std::vector<AllocationPeriod>* series = &allocation.total;
      if (!code.empty()) {
        auto it = allocation.municipalities.find(code);
        series = it == allocation.municipalities.end() ? nullptr : &it->second;
      }
      return series && i < series->size() ? &(*series)[i] : nullptr;
    };
    auto small = [](int64_t n) { return n >= 1 && n <= 4; };
    for (size_t i = 0; i < dates.size(); ++i) {
      // The last point is the as-of date itself: hidden at least where the report hides it.
      const bool last = i + 1 == dates.size();
      std::vector<int64_t> homeless, youth, vacant;
      std::vector<bool> homeless_hidden, youth_hidden, vacant_hidden;
      for (const std::string& code : codes) {
        const TrendPoint* p = point(code, i);
        const AllocationPeriod* a = period(code, i);
        const json* h = Field(figures_of(code), "homeless");
        const json* y = Field(figures_of(code), "youth_in_shelter");
        homeless.push_back(p ? p->homeless : 0);
        youth.push_back(p ? p->youth_in_shelter : 0);
        vacant.push_back(a ? a->vacant_days : 0);
        homeless_hidden.push_back(small(homeless.back()) || (last && h && IsSuppressed(*h)));
        youth_hidden.push_back(small(youth.back()) || (last && y && IsSuppressed(*y)));
        vacant_hidden.push_back(a && small(a->dwellings));
      }
      homeless_hidden = SuppressSum(homeless, homeless_hidden);
      youth_hidden = SuppressSum(youth, youth_hidden);
      vacant_hidden = SuppressSum(vacant, vacant_hidden);
      for (size_t c = 0; c < codes.size(); ++c) {
        hide_homeless[codes[c]].push_back(homeless_hidden[c]);
        hide_youth[codes[c]].push_back(youth_hidden[c]);
        hide_vacant[codes[c]].push_back(vacant_hidden[c]);
      }
    }
    t.hide_homeless = hide_homeless[""];
    t.hide_youth = hide_youth[""];
    t.hide_vacant = hide_vacant[""];
  }
  if (!section || section->empty()) out += SectionHtml(t, dates);
  if (section && !section->empty() && !(munis && munis->is_object() && munis->contains(*section)))
    out += "<section class=\"municipality\"><h2>" + Esc(MunicipalityHeading(*section)) +
           "</h2><p>Ingen borgere er registreret i kommunen på datoen.</p></section>";
  if (munis && munis->is_object()) {
    for (const auto& [code, figures] : munis->items()) {
      if (section && code != *section) continue;
      auto it = trends.municipalities.find(code);
      std::string subtitle;
      if (const Municipality* m = FindMunicipality(code)) subtitle = "Region " + m->region;
      SectionInput s{AnchorFor(code),
                     MunicipalityHeading(code),
                     subtitle,
                     &figures,
                     it == trends.municipalities.end() ? nullptr : &it->second,
                     national,
                     nullptr,
                     {},
                     {},
                     {}};
      if (auto a = allocation.municipalities.find(code); a != allocation.municipalities.end()) s.allocation = &a->second;
      if (national) {
        s.hide_homeless = hide_homeless[code];
        s.hide_youth = hide_youth[code];
        s.hide_vacant = hide_vacant[code];
      }
      out += SectionHtml(s, dates);
    }
  }
  out +=
      "<footer class=\"about\"><p>Tallene følger definitionerne i tovholders statusrapport. "
      "Borgere tælles kun med, hvis de er registreret senest på datoen; borgere, der er døde "
      "senest på datoen, indgår ikke i tal om situationen på datoen. En borger tælles i den "
      "kommune, der er handlekommune på datoen.</p></footer></div>";
  return out;
}

std::string StatusReportHtml(const json& report, const Journal& journal,
                             const StatusOptions& options) {
  const json* as_of = Field(report, "as_of");
  std::string out =
      "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      "Statusrapport — Hjemløsestrategien, " +
      Esc(as_of ? DateDa(as_of) : DateDa(options.as_of.ToString())) + "</title>\n<style>" +
      StatusReportCss() + "</style>\n</head>\n<body>\n";
  out += StatusReportHtmlBody(report, journal, options);
  out += "\n</body>\n</html>\n";
  return out;
}

}  // namespace tov::report
