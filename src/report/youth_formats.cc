// The youth report as HTML: only the report's JSON is read (a hidden cell shows as "skjult").
#include "report/youth_formats.h"

#include <cmath>
#include <cstdio>

#include "common/html_escape.h"
#include "domain/municipality.h"
#include "report/labels.h"
#include "report/status_html.h"
#include "report/status_report.h"
#include "report/svg_chart.h"
#include "report/youth_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

struct Words {
  const char* id;
  const char* name;
  const char* definition;
};

// docs/indicators.md, "The youth report".
const Words kWords[] = {
    {"youth_cohort", "Unge i ungemodellen",
     "Unge i et forløb efter ungemodellen, der er åbent på datoen eller afsluttet inden for de seneste 12 måneder, "
     "fordelt på alder på datoen. De unge tælles i deres handlekommune på datoen."},
    {"youth_never_homeless_share", "Aldrig hjemløse",
     "Andelen af de unge, der aldrig har været hjemløse før eller under forløbet (fra første kendte dag til datoen, "
     "eller til dagen før forløbet sluttede)."},
    {"youth_from_other_municipality_share", "Kom fra en anden kommune",
     "Andelen, der er henvist af en anden kommune, eller som er flyttet til kommunen senest den dag, forløbet startede."},
    {"youth_background_share", "Registreret baggrund",
     "Andelen med en registreret baggrund. Fordelingen er af dem med en baggrund: tidligere anbragt, del af en "
     "familiesag, egen familiesag, ingen af delene."},
    {"youth_in_education_or_work_share", "I uddannelse eller beskæftigelse",
     "Andelen, hvis seneste registrering af uddannelse og beskæftigelse senest på datoen er uddannelse eller beskæftigelse."},
    {"youth_with_plan_share", "Udredning og handleplan",
     "Andelen med både en udredning og en handleplan registreret senest på datoen."},
    {"youth_with_goals_share", "Mål sat", "Andelen med mindst ét mål registreret senest på datoen."},
    {"youth_team_complete_share", "Fuldt team",
     "Andelen, hvis team på datoen har en koordinator, den unge selv og mindst to andre roller."},
    {"youth_stays", "Dage i hver boligsituation",
     "Dage i hver boligsituation de seneste 12 måneder op til datoen, summeret over de unge (fra registreringen)."},
};

const char* const kBackgroundDa[][2] = {{"former_placement", "Tidligere anbragt"},
                                        {"family_case", "Del af en familiesag"},
                                        {"own_family_case", "Egen familiesag"},
                                        {"none", "Ingen af delene"}};

const char* const kShareIds[] = {"youth_never_homeless_share", "youth_from_other_municipality_share",
                                 "youth_background_share",     "youth_in_education_or_work_share",
                                 "youth_with_plan_share",      "youth_with_goals_share",
                                 "youth_team_complete_share"};

std::string Esc(const std::string& s) { return EscapeHtml(s); }

std::string Text(const json* v) { return v && v->is_string() ? v->get<std::string>() : ""; }

std::string Count(const json* v) {
  if (!v || !v->is_number_integer()) return "–";
  return svg::FormatNumberDa(static_cast<double>(v->get<int64_t>()), 0);
}

// "57 % (4 af 7)", "– (0 af 0)", or "skjult".
std::string Share(const json* r) {
  if (!r) return "–";
  if (IsSuppressed(*r)) return "skjult";
  const json* v = Field(*r, "value");
  std::string out = v && v->is_number() ? svg::FormatPercentDa(v->get<double>()) : "–";
  return out + " (" + Count(Field(*r, "numerator")) + " af " + Count(Field(*r, "denominator")) + ")";
}

double ShareValue(const json* r) {
  if (!r || IsSuppressed(*r)) return std::nan("");
  const json* v = Field(*r, "value");
  return v && v->is_number() ? v->get<double>() : std::nan("");
}

std::string Row(const std::string& label, const std::string& value) {
  return "<tr><th scope=\"row\">" + Esc(label) + "</th><td>" + value + "</td></tr>";
}

std::string Figure(const std::string& anchor, const std::string& id, const std::string& rows) {
  return "<div class=\"figure\" id=\"" + Esc(anchor) + "-" + id + "\" data-id=\"" + id + "\"><h3>" +
         Esc(YouthIndicatorNameDa(id)) + "</h3><p class=\"definition\">" + Esc(YouthIndicatorDefinitionDa(id)) +
         "</p><table class=\"figures\"><tbody>" + rows + "</tbody></table></div>";
}

std::string Section(const std::string& anchor, const std::string& heading, const json& f) {
  std::string out = "<section class=\"municipality\" id=\"" + Esc(anchor) + "\"><h2>" + Esc(heading) + "</h2>";
  // The cohort by age band.
  const json* cohort = Field(f, "youth_cohort");
  std::string rows;
  if (cohort && IsSuppressed(*cohort)) {
    rows = Row("I alt", "skjult");
  } else {
    rows = Row("I alt", Count(cohort ? Field(*cohort, "value") : nullptr));
    const json* by = cohort ? Field(*cohort, "by_age") : nullptr;
    if (by && by->is_object())
      for (const std::string& band : LabelIds("age_band"))
        if (const json* n = Field(*by, band.c_str()))
          rows += Row(LabelDa("age_band", band) + " år", IsSuppressed(*n) ? "skjult" : Count(n));
  }
  out += Figure(anchor, "youth_cohort", rows);

  // The shares, with a chart.
  std::vector<svg::Bar> bars;
  for (const char* id : kShareIds) {
    const json* r = Field(f, id);
    rows = Row("Andel", Share(r));
    if (std::string(id) == "youth_background_share" && r && !IsSuppressed(*r))
      if (const json* by = Field(*r, "by_background"))
        for (const auto& [key, label] : kBackgroundDa) rows += Row(label, Share(Field(*by, key)));
    out += Figure(anchor, id, rows);
    const std::string name = YouthIndicatorNameDa(id);
    bars.push_back({r && IsSuppressed(*r) ? name + " (skjult)" : name, ShareValue(r)});
  }
  svg::ChartOptions o;
  o.title = "De unges forløb (andel af de unge)";
  o.percent = true;
  o.width = 560;
  o.id = anchor + "-shares";
  out += "<div class=\"chart\">" + svg::HorizontalBarChart(bars, o) + "</div>";

  // The stays by situation, with a chart.
  const json* stays = Field(f, "youth_stays");
  bars.clear();
  if (stays && IsSuppressed(*stays)) {
    rows = Row("I alt", "skjult");
  } else {
    rows = Row("I alt", Count(stays ? Field(*stays, "value") : nullptr) + " dage");
    const json* by = stays ? Field(*stays, "by_situation") : nullptr;
    for (std::string_view s : kSituationNames) {
      const json* n = by ? Field(*by, std::string(s).c_str()) : nullptr;
      if (!n) continue;
      const std::string label = LabelDa("situation", s);
      rows += Row(label, IsSuppressed(*n) ? "skjult" : Count(n) + " dage");
      bars.push_back({IsSuppressed(*n) ? label + " (skjult)" : label,
                      IsSuppressed(*n) ? std::nan("") : static_cast<double>(n->get<int64_t>())});
    }
  }
  out += Figure(anchor, "youth_stays", rows);
  o = {};
  o.title = "Dage i hver boligsituation de seneste 12 måneder";
  o.unit = "dage";
  o.width = 560;
  o.id = anchor + "-stays";
  out += "<div class=\"chart\">" + svg::HorizontalBarChart(bars, o) + "</div>";
  return out + "</section>";
}

std::string Heading(const std::string& code) {
  const Municipality* m = FindMunicipality(code);
  return m ? m->name + " Kommune (" + code + ")" : "Kommune " + code;
}

}  // namespace

std::string YouthIndicatorNameDa(const std::string& id) {
  for (const Words& w : kWords)
    if (id == w.id) return w.name;
  return id;
}

std::string YouthIndicatorDefinitionDa(const std::string& id) {
  for (const Words& w : kWords)
    if (id == w.id) return w.definition;
  return "";
}

std::string YouthReportHtmlBody(const json& report) {
  const std::string as_of = Text(Field(report, "as_of"));
  std::string out = "<div class=\"tov-report youth-report\"><header><h1>Ungemodellen: Vejen til uddannelse og "
                    "beskæftigelse</h1><dl class=\"meta\"><dt>Opgjort pr.</dt><dd>" + Esc(as_of) + "</dd>";
  if (const std::string known = Text(Field(report, "known_at")); !known.empty())
    out += "<dt>Data kendt pr.</dt><dd>" + Esc(known) + "</dd>";
  out += "</dl></header>";
  const json* munis = Field(report, "municipalities");
  const json* total = Field(report, "total");
  if (munis && munis->size() == 1) {  // one municipality: its section is the total
    const auto it = munis->begin();
    out += Section("k" + it.key(), Heading(it.key()), *it);
  } else {
    if (total) out += Section("total", "Alle kommuner i alt", *total);
    if (munis)
      for (const auto& [code, f] : munis->items()) out += Section("k" + code, Heading(code), f);
  }
  out += "<footer class=\"about\"><p>De unge er borgere med et forløb efter ungemodellen (Samarbejdsmodellen), "
         "der er åbent på datoen eller afsluttet inden for de seneste 12 måneder. Registreringer tæller, når de er "
         "dateret senest på datoen. For det nationale publikum er tal fra 1 til 4 skjult, og så mange flere, at de "
         "skjulte ikke kan regnes ud.</p></footer></div>";
  return out;
}

std::string YouthReportHtml(const json& report) {
  return "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Ungemodellen, " +
         Esc(Text(Field(report, "as_of"))) + "</title>\n<style>" + StatusReportCss() + "</style>\n</head>\n<body>\n" +
         YouthReportHtmlBody(report) + "\n</body>\n</html>\n";
}

}  // namespace tov::report
