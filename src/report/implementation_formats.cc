// The implementation report as CSV and HTML: both read only the report's JSON, so that they show
// what the JSON shows (for the national audience: no worker, hidden cells hidden).
#include "report/implementation_formats.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "common/html_escape.h"
#include "domain/municipality.h"
#include "report/status_csv.h"
#include "report/status_html.h"
#include "report/implementation.h"
#include "report/labels.h"
#include "report/status_report.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

std::string Num(const json* v) {
  if (!v || v->is_null()) return "";
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  if (v->is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v->get<double>());
    return buf;
  }
  if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
  if (v->is_string()) return v->get<std::string>();
  return "";
}

class Csv {
 public:
  Csv() { out_ = "municipality,section,id,split,key,numerator,denominator,value,norm\r\n"; }
  void Row(const std::string& m, const std::string& section, const std::string& id, const std::string& split,
           const std::string& key, const std::string& numerator, const std::string& denominator,
           const std::string& value, const std::string& norm = "") {
    for (const std::string* f : {&m, &section, &id, &split, &key, &numerator, &denominator, &value})
      out_ += CsvField(*f) + ",";
    out_ += CsvField(norm) + "\r\n";
  }
  // One figure: a ratio, a count ({"value"}), a median ({"value", "count"}) or a hidden cell.
  void Figure(const std::string& m, const std::string& id, const std::string& split, const std::string& key,
              const json& f) {
    if (IsSuppressed(f)) return Row(m, "fidelity", id, split, key, "", "", "suppressed");
    if (f.contains("numerator"))
      return Row(m, "fidelity", id, split, key, Num(Field(f, "numerator")), Num(Field(f, "denominator")),
                 Num(Field(f, "value")), Num(Field(f, "norm")));
    if (f.contains("contacts"))
      return Row(m, "fidelity", id, split, key, Num(Field(f, "contacts")), Num(Field(f, "days")), Num(Field(f, "value")));
    if (f.contains("count"))
      return Row(m, "fidelity", id, split, key, "", Num(Field(f, "count")), Num(Field(f, "value")));
    Row(m, "fidelity", id, split, key, "", "", Num(Field(f, "value")), Num(Field(f, "norm")));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string Esc(const std::string& s) { return EscapeHtml(s); }

std::string Heading(const std::string& code) {
  const Municipality* m = FindMunicipality(code);
  return m ? m->name + " Kommune (" + code + ")" : "Kommune " + code;
}

// "0,42" with a Danish decimal comma, "–" for null.
std::string NumDa(const json* v, int decimals = 1) {
  if (!v || v->is_null()) return "–";
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  if (!v->is_number()) return Esc(Num(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v->get<double>());
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string ShareDa(const json& r) {
  if (IsSuppressed(r)) return "skjult";
  const json* v = Field(r, "value");
  if (!v || v->is_null()) return "– (0 af 0)";
  return NumDa(v, 2) + " (" + NumDa(Field(r, "numerator")) + " af " +
         NumDa(Field(r, "denominator")) + ")";
}

const char* const kFidelityDa[][2] = {
    {"caseload", "Sagsstamme: åbne forløb pr. medarbejder på datoen, mod normen (ACT højst 10, ICM og CTI højst 15; normerne er indstillinger)"},
    {"contacts_per_course_30d", "Kontakter pr. åbent forløb de seneste 30 dage (kontakter med forløbets borger ved forløbets medarbejder)"},
    {"cti_contacts_by_phase", "CTI: kontakter pr. 30 dage i fase 1, 2 og 3, over CTI-forløb åbne i de seneste 12 måneder (intensiteten bør falde)"},
    {"cti_completed_share", "CTI-forløb afsluttet de seneste 12 måneder med årsag gennemført eller mål nået"},
    {"dropout_share", "Forløb (alle metoder) afsluttet de seneste 12 måneder med årsag afslog eller ingen kontakt"},
    {"days_to_course_median", "Dage fra registrering til første forløbs start (median), for første starter de seneste 12 måneder"},
};

std::string FidelityRowsHtml(const std::string& id, const json& f) {
  std::string out;
  auto cell_for = [&](const json& x) -> std::string {
    if (IsSuppressed(x)) return "skjult";
    if (id == "caseload") {
      std::string s = NumDa(Field(x, "value"));
      if (x.contains("numerator")) s += " (" + NumDa(Field(x, "numerator")) + " forløb, " + NumDa(Field(x, "denominator")) + " medarbejdere)";
      if (const json* n = Field(x, "norm"); n && !n->is_null()) s += "; norm højst " + NumDa(n);
      if (const json* o = Field(x, "workers_over_norm"); o && !o->is_null()) s += "; over normen: " + NumDa(o);
      if (const json* o = Field(x, "over_norm"); o && o->is_boolean()) s += o->get<bool>() ? " — over normen" : " — inden for normen";
      return s;
    }
    if (id == "cti_contacts_by_phase") {
      std::string s;
      const json* by = Field(x, "by_phase");
      for (const char* p : {"1", "2", "3"}) {
        const json* ph = by ? Field(*by, p) : nullptr;
        s += std::string(s.empty() ? "" : "; ") + "fase " + p + ": " +
             (!ph ? "–" : IsSuppressed(*ph) ? "skjult" : NumDa(Field(*ph, "value")) + " (" + NumDa(Field(*ph, "contacts")) + " kontakter på " + NumDa(Field(*ph, "days")) + " dage)");
      }
      return s + " — " + NumDa(Field(x, "courses")) + " forløb";
    }
    if (id == "days_to_course_median")
      return NumDa(Field(x, "value")) + " dage (" + NumDa(Field(x, "count")) + " borgere)";
    if (id == "contacts_per_course_30d")
      return NumDa(Field(x, "value"), 2) + " (" + NumDa(Field(x, "numerator")) + " kontakter, " + NumDa(Field(x, "denominator")) + " forløb)";
    return ShareDa(x);
  };
  out += "<tr><th scope=\"row\">I alt</th><td>" + cell_for(f) + "</td></tr>";
  for (const char* split : {"by_method", "by_worker"}) {
    const json* by = Field(f, split);
    if (!by || !by->is_object()) continue;
    for (const auto& [k, v] : by->items())
      out += "<tr><th scope=\"row\">" + std::string(split[3] == 'm' ? "Metode " : "Medarbejder ") + Esc(k) + "</th><td>" + cell_for(v) + "</td></tr>";
  }
  return out;
}

}  // namespace

std::string ImplMethodLabel(const std::string& id) { return LabelDa("impl_method", id); }
std::string ImplStageLabel(const std::string& id) { return LabelDa("impl_stage", id); }
std::string SupportKindLabel(const std::string& id) { return LabelDa("support_kind", id); }
std::string SupportTopicLabel(const std::string& id) { return LabelDa("support_topic", id); }

std::string ImplementationFidelityHtml(const json& fidelity, int heading_level, const std::string& id_prefix) {
  const std::string h = "h" + std::to_string(std::clamp(heading_level, 2, 6));
  std::string out;
  for (const auto& [id, text] : kFidelityDa) {
    const json* f = Field(fidelity, id);
    if (!f) continue;
    out += "<" + h + " id=\"" + Esc(id_prefix) + id + "\">" + Esc(text) + "</" + h + "><table class=\"figures\" data-id=\"" +
           id + "\"><tbody>" + FidelityRowsHtml(id, *f) + "</tbody></table>";
  }
  return out;
}

std::string ImplementationCsv(const json& report) {
  Csv w;
  const json* munis = Field(report, "municipalities");
  if (!munis || !munis->is_object()) return w.Take();
  for (const auto& [code, m] : munis->items()) {
    if (const json* methods = Field(m, "methods"))
      for (const auto& [method, s] : methods->items())
        w.Row(code, "methods", "implementation_status", "method", method, "", "", Num(Field(s, "stage")), Num(Field(s, "date")));
    if (const json* sup = Field(m, "support_minutes_12m")) {
      w.Row(code, "support", "support_minutes_12m", "", "", "", "", Num(Field(*sup, "value")));
      for (const char* split : {"by_activity", "by_topic"})
        if (const json* by = Field(*sup, split))
          for (const auto& [k, v] : by->items()) w.Row(code, "support", "support_minutes_12m", split, k, "", "", Num(&v));
    }
    const json* fidelity = Field(m, "fidelity");
    if (!fidelity) continue;
    for (const std::string& id : FidelityIds()) {
      const json* f = Field(*fidelity, id.c_str());
      if (!f) continue;
      // `code` by an init-capture: clang before 16 cannot capture structured bindings.
      auto one = [&, &code = code](const std::string& split, const std::string& key, const json& x) {
        if (id == "cti_contacts_by_phase" && !IsSuppressed(x)) {
          w.Row(code, "fidelity", id, split, key, "", "", Num(Field(x, "courses")));
          if (const json* by = Field(x, "by_phase"))
            for (const auto& [p, v] : by->items()) w.Figure(code, id, split.empty() ? "by_phase" : split + ".by_phase", key.empty() ? p : key + "." + p, v);
          return;
        }
        w.Figure(code, id, split, key, x);
      };
      one("", "", *f);
      for (const char* split : {"by_method", "by_worker"})
        if (const json* by = Field(*f, split))
          for (const auto& [k, v] : by->items()) one(split, k, v);
    }
  }
  return w.Take();
}

std::string ImplementationHtmlBody(const json& report) {
  const json* munis = Field(report, "municipalities");
  const json* as_of = Field(report, "as_of");
  std::string out = "<div class=\"tov-report\"><header><h1>Implementering og metodefidelitet</h1><dl class=\"meta\">";
  out += "<dt>Opgjort pr.</dt><dd>" + Esc(as_of && as_of->is_string() ? as_of->get<std::string>() : "") + "</dd></dl></header>";
  if (!munis || munis->empty()) {
    out += "<p>Ingen kommuner har data på datoen.</p></div>";
    return out;
  }
  for (const auto& [code, m] : munis->items()) {
    out += "<section class=\"municipality\" id=\"k" + Esc(code) + "\"><h2>" + Esc(Heading(code)) + "</h2>";
    out += "<h3>Implementering pr. metode</h3>";
    const json* methods = Field(m, "methods");
    if (!methods || methods->empty()) {
      out += "<p>Ingen implementeringsstatus registreret.</p>";
    } else {
      out += "<table class=\"figures\"><thead><tr><th scope=\"col\">Metode</th><th scope=\"col\">Fase</th><th scope=\"col\">Siden</th></tr></thead><tbody>";
      for (const auto& [method, s] : methods->items())
        out += "<tr><th scope=\"row\">" + Esc(ImplMethodLabel(method)) + "</th><td>" + Esc(ImplStageLabel(Num(Field(s, "stage")))) +
               "</td><td>" + Esc(Num(Field(s, "date"))) + "</td></tr>";
      out += "</tbody></table>";
    }
    out += "<h3>Rejseholdets støtte de seneste 12 måneder</h3>";
    const json* sup = Field(m, "support_minutes_12m");
    out += "<p>I alt " + NumDa(sup ? Field(*sup, "value") : nullptr) + " minutter.</p>";
    if (sup) {
      out += "<table class=\"figures\"><thead><tr><th scope=\"col\">Støtte</th><th scope=\"col\">Minutter</th></tr></thead><tbody>";
      if (const json* by = Field(*sup, "by_activity"))
        for (const auto& [k, v] : by->items()) out += "<tr><th scope=\"row\">" + Esc(SupportKindLabel(k)) + "</th><td>" + NumDa(&v) + "</td></tr>";
      if (const json* by = Field(*sup, "by_topic"))
        for (const auto& [k, v] : by->items()) out += "<tr><th scope=\"row\">Emne: " + Esc(SupportTopicLabel(k)) + "</th><td>" + NumDa(&v) + "</td></tr>";
      out += "</tbody></table>";
    }
    out += "<h3>Metodefidelitet</h3>";
    if (const json* fidelity = Field(m, "fidelity")) out += ImplementationFidelityHtml(*fidelity, 4, "k" + code + "-");
    out += "</section>";
  }
  out += "<footer class=\"about\"><p>Forløb, kontakter, faser og afslutningsårsager følger statusrapportens "
         "definitioner: et forløb er åbent på datoen, når det er startet senest på datoen og ikke afsluttet "
         "senest på datoen; en borger tælles i sin handlekommune på datoen. Et netværksmøde tæller kun for "
         "den kommune, der registrerer det.</p></footer></div>";
  return out;
}

std::string ImplementationHtml(const json& report) {
  const json* as_of = Field(report, "as_of");
  return "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Implementering og "
         "metodefidelitet, " +
         Esc(as_of && as_of->is_string() ? as_of->get<std::string>() : "") + "</title>\n<style>" + StatusReportCss() +
         "</style>\n</head>\n<body>\n" + ImplementationHtmlBody(report) + "\n</body>\n</html>\n";
}

}  // namespace tov::report
