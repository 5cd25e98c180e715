// The reports page: the HTML status report (status_html.h) inside the application, for a
// chosen date and municipality, as known at a chosen time, printable and as CSV
// (/rapporter/status.csv with the same parameters). Municipal users see their own municipality;
// the national team any municipality or the whole country, with small counts suppressed.
#include "app/reports.h"
#include "domain/municipality.h"
#include "report/status_html.h"
#include "report/status_report.h"
#include "web/page_internal.h"

namespace tov::web::pages {

namespace {

// The report page's parameters, read and checked once for the page and its CSV download.
struct ReportParams {
  html::Values values;
  html::Errors errors;
  std::optional<Date> as_of;
  std::optional<Timestamp> known_at;  // absent: now
  std::optional<std::string> municipality;
  bool national = false;
  bool foreign_municipality = false;  // a municipal user asked for another municipality
};

// `known_at` is a date (what was recorded by the end of that UTC day) or an ISO 8601 time.
ReportParams ReadReportParams(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  ReportParams r;
  r.national = Allowed(p.role, Permission::kReadNationalFigures);
  r.values = {{"as_of", ctx.req.Query("as_of").value_or(ctx.today.ToString())},
              {"known_at", ctx.req.Query("known_at").value_or("")},
              {"municipality", ctx.req.Query("municipality").value_or(r.national ? "" : p.municipality)}};
  r.values["as_of"] = TypedDate(r.values["as_of"]);  // 01.12.2026 as well as 2026-12-01
  if (!r.values["known_at"].empty() && ParseTypedDate(r.values["known_at"])) r.values["known_at"] = TypedDate(r.values["known_at"]);
  r.as_of = ParseDate(r.values["as_of"]);
  if (!r.as_of) r.errors["as_of"] = html::FieldReason(l, "not_date", "must be a real date written YYYY-MM-DD");
  if (const std::string& k = r.values["known_at"]; !k.empty()) {
    if (auto t = ParseTimestamp(k, /*allow_date_only=*/true)) {
      r.known_at = *t;
    } else {
      r.errors["known_at"] = html::FieldReason(l, "not_date", "must be a real date written YYYY-MM-DD");
    }
    if (r.known_at && r.known_at->millis() > ctx.web.app().Now().millis()) r.known_at.reset();  // the future is now
  }
  if (r.national) {
    if (!r.values["municipality"].empty()) {
      if (FindMunicipality(r.values["municipality"])) r.municipality = r.values["municipality"];
      else r.errors["municipality"] = html::FieldReason(l, "not_municipality", "is not a municipality code");
    }
  } else {
    r.foreign_municipality = r.values["municipality"] != p.municipality;
    r.municipality = p.municipality;
  }
  return r;
}

http::Response NoAccess(PageContext& ctx, bool foreign) {
  return foreign ? ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."))
                 : ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                             ctx.T("Rapporterne er for sagsbehandlere, ledere og rejseholdet.", "The reports are for caseworkers, leaders and the national team."));
}

// The national report's sections as links: the whole country, then each municipality with citizens.
std::string SectionNav(PageContext& ctx, const nlohmann::json& figures, const html::Values& values) {
  std::string base = "/rapporter?as_of=" + html::UrlEncode(values.at("as_of"));
  if (!values.at("known_at").empty()) base += "&known_at=" + html::UrlEncode(values.at("known_at"));
  const std::string& current = values.at("municipality");
  auto link = [&](const std::string& code, const std::string& text) {
    const std::string href = base + (code.empty() ? "" : "&municipality=" + code);
    return "<li><a href=\"" + html::Esc(href) + "\"" + (code == current ? " aria-current=\"page\"" : "") + ">" + html::Esc(text) + "</a></li>";
  };
  std::string out = "<nav class=\"report-sections d-print-none\" aria-label=\"" + ctx.T("Rapportens afsnit", "The report's sections") +
                    "\"><h2 class=\"h4\">" + ctx.T("Afsnit", "Sections") + "</h2><ul class=\"nobullet-list report-section-list\">";
  out += link("", ctx.T("Hele landet", "The whole country"));
  if (figures.contains("municipalities"))
    for (const auto& [code, f] : figures["municipalities"].items()) out += link(code, html::MunicipalityName(code));
  return out + "</ul></nav>";
}

}  // namespace

// GET /rapporter/status.csv: the report of the page's parameters as CSV (status_csv.h), a download.
http::Response ReportCsv(PageContext& ctx) {
  if (!Allowed(ctx.who().role, Permission::kReadStatusReport)) return NoAccess(ctx, false);
  ReportParams r = ReadReportParams(ctx);
  if (r.foreign_municipality) return NoAccess(ctx, true);
  if (!r.errors.empty()) return Reports(ctx);  // the page, with the errors
  // Nationally the whole country's report, as the page's sections show it.
  auto report = MakeStatusReport(ctx.web.app(), ctx.who(), {*r.as_of, r.known_at, r.national ? std::nullopt : r.municipality, r.national},
                                 ReportFormat::kCsv);
  if (!report.ok()) return NoAccess(ctx, true);
  http::Response resp = http::Response::Text(200, report->rendered);
  resp.SetHeader("Content-Type", "text/csv; charset=utf-8");
  resp.SetHeader("Content-Disposition", "attachment; filename=\"statusrapport-" + (r.national ? std::string("hele-landet") : *r.municipality) + "-" +
                                            r.as_of->ToString() + ".csv\"");
  return resp;
}

http::Response Reports(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  if (!Allowed(p.role, Permission::kReadStatusReport)) return NoAccess(ctx, false);
  ReportParams r = ReadReportParams(ctx);
  if (r.foreign_municipality) return NoAccess(ctx, true);
  const bool national = r.national;
  html::Values& values = r.values;
  html::Errors& errors = r.errors;

  // The report body brings its own h1; the page has one only when there is no report.
  std::string body = "<div class=\"report-page\">" + ReportTabs(ctx, "status");
  body += errors.empty() ? "<h2 class=\"h3 d-print-none\">" + ctx.T("Vælg dato og kommune", "Choose date and municipality") + "</h2>"
                         : "<h1>" + ctx.T("Statusrapport", "Status report") + "</h1>";
  body += "<form method=\"get\" action=\"/rapporter\" class=\"report-form d-print-none\" novalidate><div class=\"filter-grid\">";
  html::Field date;
  date.type = html::Field::Type::kDate;
  date.name = "as_of";
  date.label = ctx.T("Status pr. dato", "Status as of");
  date.hint = ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD.");
  date.input_class = "input-width-s";
  body += html::RenderField(l, date, "report-", values, errors);
  html::Field muni;
  muni.type = html::Field::Type::kSelect;
  muni.name = "municipality";
  muni.label = ctx.T("Kommune", "Municipality");
  if (national) {
    muni.empty_option = ctx.T("Hele landet", "The whole country");
    for (const auto& m : AllMunicipalities()) muni.options.push_back({m.code, m.name + " (" + m.code + ")"});
  } else {
    muni.options.push_back({p.municipality, html::MunicipalityName(p.municipality)});
  }
  body += html::RenderField(l, muni, "report-", values, errors);
  html::Field known;
  known.type = html::Field::Type::kDate;
  known.name = "known_at";
  known.label = ctx.T("Som kendt pr. (valgfri)", "As known at (optional)");
  known.hint = ctx.T("Tom: det, der er registreret nu. Ellers det, der var registreret ved dagens udgang.",
                     "Empty: what is recorded now. Otherwise what had been recorded by the end of that day.");
  known.input_class = "input-width-s";
  body += html::RenderField(l, known, "report-", values, errors);
  body += "</div><button type=\"submit\" class=\"button button-primary\">" + ctx.T("Vis rapport", "Show report") + "</button> ";
  body += "<button type=\"button\" class=\"button button-secondary js-print\" hidden>" + ctx.T("Udskriv", "Print") + "</button>";
  body += "</form>";
  if (l == Lang::kEn) body += "<p class=\"muted d-print-none\">The status report itself is written in Danish.</p>";
  int status = 200;
  if (!errors.empty()) {
    status = 422;
    body += html::AlertBox(l, "error", ctx.T("Rapporten kunne ikke laves", "The report could not be made"), html::Esc(ctx.T("Ret fejlene ovenfor.", "Correct the errors above.")));
  } else {
    // Nationally the page shows one section at a time of the whole country's report (the total,
    // or the municipality chosen), so that every page hides exactly what the whole report hides.
    StatusQuery q{*r.as_of, r.known_at, national ? std::nullopt : r.municipality, national};
    auto report = MakeStatusReport(ctx.web.app(), p, q, ReportFormat::kHtmlBody,
                                   national ? std::optional<std::string>(r.municipality.value_or("")) : std::nullopt);
    if (!report.ok()) return NoAccess(ctx, true);
    const std::string& html_body = report->rendered;
    std::string csv = "/rapporter/status.csv?as_of=" + html::UrlEncode(values["as_of"]);
    if (r.municipality && !national) csv += "&municipality=" + html::UrlEncode(*r.municipality);
    if (!values["known_at"].empty()) csv += "&known_at=" + html::UrlEncode(values["known_at"]);
    body += "<p class=\"d-print-none\"><a class=\"button button-secondary\" href=\"" + html::Esc(csv) + "\" download>" +
            ctx.T("Hent som CSV", "Download as CSV") + "</a>";
    if (national)
      body += " <a class=\"button button-secondary\" href=\"/rapporter/sammenligning?as_of=" + html::UrlEncode(values["as_of"]) + "\">" +
              ctx.T("Sammenlign kommunerne", "Compare the municipalities") + "</a>";
    body += "</p>";
    if (national) body += SectionNav(ctx, report->figures, values);
    body += "<div class=\"status-report\" lang=\"da\">" + html_body + "</div>";
  }
  body += "</div>";
  return Render(ctx, status, ctx.T("Statusrapport", "Status report"), "reports", body, true);
}

}  // namespace tov::web::pages
