// The reports page: the HTML status report (status_html.h) inside the application, for a
// chosen date and municipality, printable. Municipal users see their own municipality; the
// national team any municipality or the whole country, with small counts suppressed.
#include "app/reports.h"
#include "domain/municipality.h"
#include "report/status_html.h"
#include "report/status_report.h"
#include "web/page_internal.h"

namespace tov::web::pages {

http::Response Reports(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Rapporterne er for sagsbehandlere, ledere og rejseholdet.", "The reports are for caseworkers, leaders and the national team."));
  const bool national = Allowed(p.role, Permission::kReadNationalFigures);
  html::Values values{{"as_of", ctx.req.Query("as_of").value_or(ctx.today.ToString())},
                      {"municipality", ctx.req.Query("municipality").value_or(national ? "" : p.municipality)}};
  html::Errors errors;
  values["as_of"] = TypedDate(values["as_of"]);
  auto as_of = ParseDate(values["as_of"]);
  if (!as_of) errors["as_of"] = html::FieldReason(l, "not_date", "must be a real date written YYYY-MM-DD");
  std::optional<std::string> municipality;
  if (national) {
    if (!values["municipality"].empty()) {
      if (FindMunicipality(values["municipality"])) municipality = values["municipality"];
      else errors["municipality"] = html::FieldReason(l, "not_municipality", "is not a municipality code");
    }
  } else {
    if (values["municipality"] != p.municipality)
      return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    municipality = p.municipality;
  }

  // The report body brings its own h1; the page has one only when there is no report.
  std::string body = "<div class=\"report-page\">";
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
  body += "</div><button type=\"submit\" class=\"button button-primary\">" + ctx.T("Vis rapport", "Show report") + "</button> ";
  body += "<button type=\"button\" class=\"button button-secondary js-print\" hidden>" + ctx.T("Udskriv", "Print") + "</button>";
  body += "</form>";
  if (l == Lang::kEn) body += "<p class=\"muted d-print-none\">The status report itself is written in Danish.</p>";
  int status = 200;
  if (!errors.empty()) {
    status = 422;
    body += html::AlertBox(l, "error", ctx.T("Rapporten kunne ikke laves", "The report could not be made"), html::Esc(ctx.T("Ret fejlene ovenfor.", "Correct the errors above.")));
  } else {
    auto report = MakeStatusReport(ctx.web.app(), p, {*as_of, std::nullopt, municipality, national}, ReportFormat::kHtmlBody);
    if (!report.ok())
      return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Du kan kun se din egen kommune.", "You can only see your own municipality."));
    const std::string& html_body = report->rendered;
    body += "<div class=\"status-report\" lang=\"da\">" + html_body + "</div>";
  }
  body += "</div>";
  return Render(ctx, status, ctx.T("Statusrapport", "Status report"), "reports", body, true);
}

}  // namespace tov::web::pages
