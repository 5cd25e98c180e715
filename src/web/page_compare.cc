// The national comparison of municipalities (/rapporter/sammenligning) for the national team:
// the key figures of the status report side by side, one row per municipality with citizens,
// sortable by any column, and as small multiples (one bar chart per figure, the municipalities in
// the same order in each). The figures are those of the national report (MakeStatusReport with
// the national audience): what it hides is hidden here ("skjult") and drawn as no bar.
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/reports.h"
#include "report/svg_chart.h"
#include "web/page_internal.h"

namespace tov::web::pages {

namespace {

using json = nlohmann::json;

struct Column {
  const char* id;
  const char* da;
  const char* en;
  bool rate;
};

constexpr Column kColumns[] = {
    {"homeless", "Hjemløse", "Homeless", false},
    {"street_sleepers", "Gadesovere", "Street sleepers", false},
    {"youth_in_shelter", "Unge under 30 på herberg", "Young people in shelters", false},
    {"shelter_over_6_months", "Over 6 mdr. på herberg, klar til bolig", "Over 6 months in a shelter, ready", false},
    {"action_plan_offered", "Tilbudt § 141-handleplan", "Offered a §141 plan", true},
    {"support_coverage", "Har støtte (ACT, ICM, CTI)", "Supported (ACT, ICM, CTI)", true},
    {"housing_retention_12m", "Har beholdt boligen efter 12 mdr.", "Kept their home after 12 months", true},
    {"days_to_housing_median", "Dage til bolig (median)", "Days to housing (median)", false},
    {"new_citizens_12m", "Nye borgere, 12 mdr.", "New citizens, 12 months", false},
};

// A figure's value; NaN when hidden or without a value (a rate over no one).
double ValueOf(const json& figures, const char* id, bool* hidden) {
  *hidden = false;
  if (!figures.contains(id)) return std::numeric_limits<double>::quiet_NaN();
  const json& f = figures[id];
  if (f.is_object() && f.value("suppressed", false)) {
    *hidden = true;
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!f.is_object() || !f.contains("value") || !f["value"].is_number()) return std::numeric_limits<double>::quiet_NaN();
  return f["value"].get<double>();
}

std::string Cell(const PageContext& ctx, double v, bool hidden, bool rate) {
  if (hidden) return "<span class=\"muted\">" + ctx.T("skjult", "hidden") + "</span>";
  if (std::isnan(v)) return "–";
  return rate ? html::FormatPercent(ctx.lang, v) : html::FormatInt(ctx.lang, std::llround(v));
}

}  // namespace

http::Response ComparePage(PageContext& ctx) {
  const Principal& p = ctx.who();
  if (!Allowed(p.role, Permission::kReadNationalFigures))
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Sammenligningen af kommunerne er for rejseholdet.", "The comparison of municipalities is for the national team."));
  const std::string as_of_text = ctx.req.Query("as_of").value_or(ctx.today.ToString());
  auto as_of = ParseDate(as_of_text);
  if (!as_of)
    return ErrorPage(ctx, 422, ctx.T("Ugyldig dato", "Invalid date"),
                     ctx.T("Datoen skal skrives ÅÅÅÅ-MM-DD.", "The date must be written YYYY-MM-DD."));
  std::string sort = ctx.req.Query("sorter").value_or("homeless");
  const Column* sort_column = &kColumns[0];
  for (const Column& c : kColumns)
    if (sort == c.id) sort_column = &c;
  sort = sort_column->id;

  auto report = MakeStatusReport(ctx.web.app(), p, {*as_of, std::nullopt, std::nullopt, true});
  if (!report.ok()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");
  const json munis = report->figures.value("municipalities", json::object());

  struct Row {
    std::string code;
    std::vector<double> values;
    std::vector<bool> hidden;
  };
  std::vector<Row> rows;
  for (const auto& [code, figures] : munis.items()) {
    Row r{code, {}, {}};
    for (const Column& c : kColumns) {
      bool hidden = false;
      r.values.push_back(ValueOf(figures, c.id, &hidden));
      r.hidden.push_back(hidden);
    }
    rows.push_back(std::move(r));
  }
  const size_t k = static_cast<size_t>(sort_column - kColumns);
  // Largest first; hidden and missing values last, then by name.
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    const bool an = std::isnan(a.values[k]), bn = std::isnan(b.values[k]);
    if (an != bn) return bn;
    if (!an && a.values[k] != b.values[k]) return a.values[k] > b.values[k];
    return html::MunicipalityName(a.code) < html::MunicipalityName(b.code);
  });

  const std::string base = "/rapporter/sammenligning?as_of=" + html::UrlEncode(as_of->ToString());
  std::string body = "<p class=\"d-print-none\"><a href=\"/rapporter?as_of=" + html::UrlEncode(as_of->ToString()) + "\">" +
                     ctx.T("Tilbage til statusrapporten", "Back to the status report") + "</a></p>";
  body += "<h1>" + ctx.T("Kommunerne side om side", "The municipalities side by side") + "</h1>";
  body += "<p class=\"font-lead\">" + ctx.T("Status pr. ", "Status as of ") + html::FormatDate(ctx.lang, *as_of) + "</p>";
  body += "<p>" + ctx.T("Tallene er den nationale statusrapports: tal fra 1 til 4 er skjult, og så mange flere, at de skjulte ikke kan regnes ud. "
                        "Klik på en kolonne for at sortere efter den.",
                        "The figures are the national status report's: figures from 1 to 4 are hidden, and enough others that the hidden cannot be worked out. "
                        "Choose a column to sort by it.") + "</p>";
  body += "<form method=\"get\" action=\"/rapporter/sammenligning\" class=\"d-print-none\" novalidate>" + html::HiddenInput("sorter", sort);
  html::Field date = F(html::Field::Type::kDate, "as_of", ctx.T("Status pr. dato", "Status as of"), ctx.T("Skrives ÅÅÅÅ-MM-DD.", "Written YYYY-MM-DD."));
  date.input_class = "input-width-s";
  body += html::RenderField(ctx.lang, date, "compare-", {{"as_of", as_of->ToString()}}, {});
  body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Vis", "Show") + "</button></form>";

  if (rows.empty()) {
    body += "<p>" + ctx.T("Ingen kommuner har registrerede borgere på datoen.", "No municipality has citizens registered on the date.") + "</p>";
    return Render(ctx, 200, ctx.T("Sammenligning af kommuner", "Comparison of municipalities"), "reports", body, true);
  }
  body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" data-testid=\"comparison\"><caption>" +
          ctx.T("Nøgletal pr. kommune", "Key figures per municipality") + "</caption><thead><tr><th scope=\"col\">" + ctx.T("Kommune", "Municipality") + "</th>";
  for (const Column& c : kColumns) {
    const bool sorted = sort == c.id;
    body += std::string("<th scope=\"col\" class=\"text-align-right\"") + (sorted ? " aria-sort=\"descending\"" : "") + "><a href=\"" +
            html::Esc(base + "&sorter=" + c.id) + "\">" + html::Esc(ctx.T(c.da, c.en)) + "</a></th>";
  }
  body += "</tr></thead><tbody>";
  for (const Row& r : rows) {
    body += "<tr data-municipality=\"" + html::Esc(r.code) + "\"><th scope=\"row\"><a href=\"/rapporter?as_of=" + html::UrlEncode(as_of->ToString()) +
            "&amp;municipality=" + html::Esc(r.code) + "\">" + html::Esc(html::MunicipalityName(r.code)) + "</a></th>";
    for (size_t i = 0; i < std::size(kColumns); ++i)
      body += "<td class=\"text-align-right\" data-figure=\"" + std::string(kColumns[i].id) + "\">" + Cell(ctx, r.values[i], r.hidden[i], kColumns[i].rate) + "</td>";
    body += "</tr>";
  }
  body += "</tbody></table></div>";

  // Small multiples: one chart per figure, the municipalities in the table's order.
  body += "<h2>" + ctx.T("Små diagrammer", "Small multiples") + "</h2><div class=\"row small-multiples\">";
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    std::vector<svg::Bar> bars;
    for (const Row& r : rows) bars.push_back({html::MunicipalityName(r.code), r.values[i]});
    svg::ChartOptions o;
    o.title = ctx.T(kColumns[i].da, kColumns[i].en);
    o.width = 360;
    o.height = static_cast<int>(24 * rows.size() + 60);
    o.percent = kColumns[i].rate;
    o.id = std::string("compare-") + kColumns[i].id;
    body += "<div class=\"col-12 col-md-6 col-xl-4 chart\">" + svg::HorizontalBarChart(bars, o) + "</div>";
  }
  body += "</div>";
  return Render(ctx, 200, ctx.T("Sammenligning af kommuner", "Comparison of municipalities"), "reports", body, true);
}

}  // namespace tov::web::pages
