// The pages of the youth report (/rapporter/unge), the outreach report (/rapporter/opsoegende) and
// the homeless count (/rapporter/taelling), beside the status report's (/rapporter,
// page_reports.cc). Thin adapters: the figures are MakeYouthReport's, MakeOutreachReport's and
// MakeHomelessCount's (src/app/reports.h), which authorise, apply the national audience and write
// the access log; the downloads are the same calls in another format.
#include "app/reports.h"
#include "domain/municipality.h"
#include "report/labels.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using FT = html::Field::Type;

http::Response NoAccess(PageContext& ctx, const std::string& what) {
  return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), what);
}

// The municipality field: every municipality (or none: all) for the roles that see the national
// figures, else one's own.
html::Field MunicipalityField(const PageContext& ctx, bool national) {
  html::Field muni = F(FT::kSelect, "municipality", ctx.T("Kommune", "Municipality"));
  if (national) {
    muni.empty_option = ctx.T("Hele landet", "The whole country");
    for (const auto& m : AllMunicipalities()) muni.options.push_back({m.code, m.name + " (" + m.code + ")"});
  } else {
    muni.options.push_back({ctx.who().municipality, html::MunicipalityName(ctx.who().municipality)});
  }
  return muni;
}

// The municipality asked for: "" (all) for national, one's own for the others; an error otherwise.
std::optional<std::string> MunicipalityAsked(const PageContext& ctx, bool national, html::Values& values,
                                             html::Errors& errors, bool& refused) {
  const Principal& p = ctx.who();
  values["municipality"] = ctx.req.Query("municipality").value_or(national ? "" : p.municipality);
  refused = false;
  if (national) {
    if (values["municipality"].empty()) return std::nullopt;
    if (FindMunicipality(values["municipality"])) return values["municipality"];
    errors["municipality"] = html::FieldReason(ctx.lang, "not_municipality", "is not a municipality code");
    return std::nullopt;
  }
  if (values["municipality"] != p.municipality) refused = true;
  return p.municipality;
}

http::Response Download(std::string body, const char* type, const std::string& filename) {
  http::Response r = http::Response::Text(200, std::move(body));
  r.SetHeader("Content-Type", type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

std::string Query(const std::string& path, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = path;
  char sep = '?';
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += sep + k + "=" + html::UrlEncode(v);
    sep = '&';
  }
  return out;
}

// Week 6 (VIVE's count week) of this year once it has begun, else of last year.
report::IsoWeek DefaultCountWeek(Date today) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W06", today.year());
  auto w = report::ParseIsoWeek(text);
  if (w && w->monday <= today) return *w;
  std::snprintf(text, sizeof text, "%04d-W06", today.year() - 1);
  return *report::ParseIsoWeek(text);
}

}  // namespace

std::string ReportTabs(const PageContext& ctx, const std::string& active) {
  struct Tab {
    const char* href;
    std::string text;
    const char* key;
  };
  const Tab tabs[] = {{"/rapporter", ctx.T("Statusrapport", "Status report"), "status"},
                      {"/rapporter/unge", ctx.T("Ungemodellen", "Youth model"), "youth"},
                      {"/rapporter/opsoegende", ctx.T("Opsøgende arbejde", "Outreach"), "outreach"},
                      {"/rapporter/taelling", ctx.T("Hjemløsetælling", "Homeless count"), "count"}};
  std::string out = "<nav class=\"report-tabs d-print-none\" aria-label=\"" + ctx.T("Rapporter", "Reports") + "\"><ul class=\"nav-links\">";
  for (const Tab& t : tabs)
    out += std::string("<li><a href=\"") + t.href + "\"" + (active == t.key ? " aria-current=\"page\" class=\"active\"" : "") + ">" +
           html::Esc(t.text) + "</a></li>";
  return out + "</ul></nav>";
}

namespace {

// What differs between the pages of the reports of DESIGN §10 that share the status report's shape.
struct StrategyPage {
  const char* path;         // "/rapporter/unge"
  const char* tab;          // ReportTabs key
  std::string title;        // in the page's language
  const char* file_prefix;  // of the downloads: "ungemodellen" → ungemodellen-DATE[-CODE].csv
  const char* id_prefix;    // of the form's ids and the CSV link's data-testid
};

// The page of a §10 report: as-of and municipality, the report's HTML body, print, CSV and JSON
// downloads (?format=csv|json). `make` is the use case (MakeYouthReport, MakeOutreachReport),
// which authorises, applies the national audience and writes the access log.
template <typename Q, typename Make>
http::Response StrategyReportPage(PageContext& ctx, const StrategyPage& page, Make make) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return NoAccess(ctx, ctx.T("Rapporterne er for sagsbehandlere, ledere og rejseholdet.", "The reports are for caseworkers, leaders and the national team."));
  const bool national = Allowed(p.role, Permission::kReadNationalFigures);
  html::Values values{{"as_of", TypedDate(ctx.req.Query("as_of").value_or(ctx.today.ToString()))}};
  html::Errors errors;
  auto as_of = ParseDate(values["as_of"]);
  if (!as_of) errors["as_of"] = html::FieldReason(l, "not_date", "must be a real date written YYYY-MM-DD");
  bool refused = false;
  auto municipality = MunicipalityAsked(ctx, national, values, errors, refused);
  if (refused) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
  const std::string format = ctx.req.Query("format").value_or("");
  if (errors.empty() && (format == "csv" || format == "json")) {
    auto r = make(ctx.web.app(), p, Q{*as_of, std::nullopt, municipality, national},
                  format == "csv" ? ReportFormat::kCsv : ReportFormat::kJson);
    if (!r.ok()) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    const std::string name = page.file_prefix + ("-" + as_of->ToString()) + (municipality ? "-" + *municipality : "");
    if (format == "csv") return Download(r->rendered, "text/csv; charset=utf-8", name + ".csv");
    return Download(r->figures.dump(1) + "\n", "application/json", name + ".json");
  }

  const std::string ids = std::string(page.id_prefix) + "-";
  std::string body = std::string("<div class=\"report-page ") + page.id_prefix + "-report-page\">" + ReportTabs(ctx, page.tab);
  body += errors.empty() ? "<h2 class=\"h3 d-print-none\">" + ctx.T("Vælg dato og kommune", "Choose date and municipality") + "</h2>"
                         : "<h1>" + html::Esc(page.title) + "</h1>";
  body += std::string("<form method=\"get\" action=\"") + page.path + "\" class=\"report-form d-print-none\" novalidate><div class=\"filter-grid\">";
  html::Field date = F(FT::kDate, "as_of", ctx.T("Opgjort pr. dato", "As of"), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."));
  date.input_class = "input-width-s";
  body += html::RenderField(l, date, ids, values, errors);
  body += html::RenderField(l, MunicipalityField(ctx, national), ids, values, errors);
  body += "</div><button type=\"submit\" class=\"button button-primary\">" + ctx.T("Vis rapport", "Show report") + "</button> ";
  body += "<button type=\"button\" class=\"button button-secondary js-print\" hidden>" + ctx.T("Udskriv", "Print") + "</button>";
  body += "</form>";
  if (l == Lang::kEn) body += "<p class=\"muted d-print-none\">The report itself is written in Danish.</p>";
  int status = 200;
  if (!errors.empty()) {
    status = 422;
    body += html::AlertBox(l, "error", ctx.T("Rapporten kunne ikke laves", "The report could not be made"),
                           html::Esc(ctx.T("Ret fejlene ovenfor.", "Correct the errors above.")));
  } else {
    auto r = make(ctx.web.app(), p, Q{*as_of, std::nullopt, municipality, national}, ReportFormat::kHtmlBody);
    if (!r.ok()) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    const std::vector<std::pair<std::string, std::string>> params{{"as_of", as_of->ToString()},
                                                                  {"municipality", municipality.value_or("")}};
    auto with_format = [&](const char* f) {
      auto q = params;
      q.push_back({"format", f});
      return Query(page.path, q);
    };
    body += "<p class=\"d-print-none downloads\"><a class=\"button button-secondary\" data-testid=\"" + ids + "csv\" href=\"" +
            html::Esc(with_format("csv")) + "\" download>" + ctx.T("Hent CSV", "Download CSV") + "</a> <a class=\"button button-secondary\" href=\"" +
            html::Esc(with_format("json")) + "\" download>" + ctx.T("Hent JSON", "Download JSON") + "</a></p>";
    if (national || p.role == Role::kNational)
      body += "<p class=\"muted\">" + ctx.T("Tal fra 1 til 4 er skjult, og så mange flere, at de skjulte ikke kan regnes ud.",
                                            "Figures from 1 to 4 are hidden, and as many more as keep them from being worked out.") + "</p>";
    body += "<div class=\"status-report\" lang=\"da\">" + r->rendered + "</div>";
  }
  body += "</div>";
  return Render(ctx, status, page.title, "reports", body, true);
}

}  // namespace

http::Response YouthReportPage(PageContext& ctx) {
  return StrategyReportPage<YouthQuery>(
      ctx, {"/rapporter/unge", "youth", ctx.T("Ungemodellen", "The youth model"), "ungemodellen", "youth"}, MakeYouthReport);
}

http::Response OutreachReportPage(PageContext& ctx) {
  return StrategyReportPage<OutreachQuery>(
      ctx, {"/rapporter/opsoegende", "outreach", ctx.T("Opsøgende arbejde", "Outreach"), "opsoegende", "outreach"}, MakeOutreachReport);
}

http::Response CountPage(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return NoAccess(ctx, ctx.T("Hjemløsetællingen er for sagsbehandlere, ledere og rejseholdet.", "The homeless count is for caseworkers, leaders and the national team."));
  const bool national = Allowed(p.role, Permission::kReadNationalFigures);
  html::Values values{{"week", ctx.req.Query("week").value_or(DefaultCountWeek(ctx.today).ToString())}};
  html::Errors errors;
  auto week = report::ParseIsoWeek(values["week"]);
  if (!week) errors["week"] = TranslateErrors(ctx, {{"week", report::IsoWeekError(values["week"])}})["week"];
  bool refused = false;
  auto municipality = MunicipalityAsked(ctx, national, values, errors, refused);
  if (refused) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
  const std::string format = ctx.req.Query("format").value_or("");
  if (errors.empty() && (format == "csv" || format == "json")) {
    auto r = MakeHomelessCount(ctx.web.app(), p, {*week, std::nullopt, municipality, national});
    if (!r.ok()) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    const std::string name = "taelling-" + week->ToString() + (municipality ? "-" + *municipality : "");
    if (format == "csv") return Download(r->Csv(), "text/csv; charset=utf-8", name + ".csv");
    return Download(r->Json().dump(1) + "\n", "application/json", name + ".json");
  }

  std::string body = "<div class=\"report-page count-page\">" + ReportTabs(ctx, "count");
  body += "<h1>" + ctx.T("Hjemløsetælling", "Homeless count") + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("Borgere, der er hjemløse på mindst én dag i den valgte uge (mandag til søndag), hver talt én gang i situationen og "
                "kommunen på den første af de dage, som i VIVEs landsdækkende kortlægning (uge 6 hvert andet år).",
                "Citizens homeless on at least one day of the chosen week (Monday to Sunday), each counted once in the situation and "
                "municipality of the first such day, as in VIVE's national count (week 6 every second year).") + "</p>";
  body += "<form method=\"get\" action=\"/rapporter/taelling\" class=\"report-form d-print-none\" novalidate><div class=\"filter-grid\">";
  html::Field w = F(FT::kText, "week", ctx.T("Uge", "Week"), ctx.T("Skrives ÅÅÅÅ-Uuu, fx 2026-W06.", "Written YYYY-Www, e.g. 2026-W06."));
  w.input_class = "input-width-s";
  body += html::RenderField(l, w, "count-", values, errors);
  body += html::RenderField(l, MunicipalityField(ctx, national), "count-", values, errors);
  body += "</div><button type=\"submit\" class=\"button button-primary\">" + ctx.T("Vis tælling", "Show count") + "</button> ";
  body += "<button type=\"button\" class=\"button button-secondary js-print\" hidden>" + ctx.T("Udskriv", "Print") + "</button></form>";
  int status = 200;
  if (!errors.empty()) {
    status = 422;
    body += html::AlertBox(l, "error", ctx.T("Tællingen kunne ikke laves", "The count could not be made"),
                           html::Esc(ctx.T("Ret fejlene ovenfor.", "Correct the errors above.")));
  } else {
    auto r = MakeHomelessCount(ctx.web.app(), p, {*week, std::nullopt, municipality, national});
    if (!r.ok()) return NoAccess(ctx, ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    const std::vector<std::pair<std::string, std::string>> params{{"week", week->ToString()}, {"municipality", municipality.value_or("")}};
    auto with_format = [&](const char* f) {
      auto q = params;
      q.push_back({"format", f});
      return Query("/rapporter/taelling", q);
    };
    body += "<p class=\"d-print-none downloads\"><a class=\"button button-secondary\" data-testid=\"count-csv\" href=\"" +
            html::Esc(with_format("csv")) + "\" download>" + ctx.T("Hent CSV (personskema)", "Download CSV (person form)") +
            "</a> <a class=\"button button-secondary\" data-testid=\"count-json\" href=\"" + html::Esc(with_format("json")) + "\" download>" +
            ctx.T("Hent JSON", "Download JSON") + "</a></p>";
    if (r->pseudonymised)
      body += "<p class=\"muted\">" + ctx.T("Borgerne står med pseudonymer i downloadet.", "The citizens are pseudonymised in the download.") + "</p>";
    body += "<h2 class=\"h3\">" + ctx.T("Uge ", "Week ") + html::Esc(week->ToString()) + ": " + html::FormatDate(l, week->monday) + " – " +
            html::FormatDate(l, week->sunday()) + "</h2>";
    // Municipality × situation, the count's categories (HOMELESS_BASE and the release rule).
    std::vector<std::string> situations;
    for (std::string_view s : kSituationNames) {
      bool any = false;
      for (const auto& [code, persons] : r->persons)
        for (const auto& person : persons) any = any || SituationName(person.situation) == s;
      if (any) situations.emplace_back(s);
    }
    int64_t total = 0;
    for (const auto& [code, persons] : r->persons) total += static_cast<int64_t>(persons.size());
    body += "<p data-testid=\"count-total\">" + ctx.T("I alt ", "In all ") + html::FormatInt(l, total) + ctx.T(" personer.", " people.") + "</p>";
    if (total > 0) {
      body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" id=\"count-table\"><thead><tr><th scope=\"col\">" +
              ctx.T("Kommune", "Municipality") + "</th>";
      for (const auto& s : situations) body += "<th scope=\"col\">" + html::Esc(html::Label(l, "situation", s)) + "</th>";
      body += "<th scope=\"col\">" + ctx.T("I alt", "In all") + "</th></tr></thead><tbody>";
      for (const auto& [code, persons] : r->persons) {
        if (persons.empty()) continue;
        body += "<tr data-municipality=\"" + html::Esc(code) + "\"><th scope=\"row\">" + html::Esc(html::MunicipalityName(code)) + "</th>";
        for (const auto& s : situations) {
          int64_t n = 0;
          for (const auto& person : persons) n += SituationName(person.situation) == s ? 1 : 0;
          body += "<td>" + html::FormatInt(l, n) + "</td>";
        }
        body += "<td>" + html::FormatInt(l, static_cast<int64_t>(persons.size())) + "</td></tr>";
      }
      body += "</tbody></table></div>";
    }
  }
  body += "</div>";
  return Render(ctx, status, ctx.T("Hjemløsetælling", "Homeless count"), "reports", body, true);
}

}  // namespace tov::web::pages
