// The front page (forside). Caseworkers and leaders: today's alerts by rule with counts and
// links to the citizens, and the key figures of the status report for their municipality with
// small SVG charts. Workers: the citizens whose course they hold and their alerts. The housing
// role: a way into the list of homeless citizens.
#include <algorithm>
#include <cmath>

#include "app/administration.h"
#include "app/citizens.h"
#include "app/reports.h"
#include "report/alerts.h"
#include "report/status_report.h"
#include "report/svg_chart.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;

std::optional<long long> CountOf(const json& figures, const char* id) {
  if (!figures.contains(id)) return std::nullopt;
  const json& f = figures[id];
  if (!f.is_object() || !f.contains("value") || !f["value"].is_number()) return std::nullopt;
  return f["value"].get<long long>();
}

struct RateValue {
  std::optional<double> value;
  long long numerator = 0, denominator = 0;
};

RateValue RateOf(const json& figures, const char* id) {
  RateValue r;
  if (!figures.contains(id) || !figures[id].is_object()) return r;
  const json& f = figures[id];
  if (f.contains("value") && f["value"].is_number()) r.value = f["value"].get<double>();
  if (f.contains("numerator") && f["numerator"].is_number()) r.numerator = f["numerator"].get<long long>();
  if (f.contains("denominator") && f["denominator"].is_number()) r.denominator = f["denominator"].get<long long>();
  return r;
}

// Monthly figures for the sparklines: the month ends of the last 11 months and today.
struct Series {
  std::vector<Date> dates;
  std::vector<double> homeless, street, youth, over6;
};

Series SeriesOf(const std::vector<report::TrendPoint>& points) {
  Series s;
  for (const auto& p : points) {
    s.dates.push_back(p.date);
    s.homeless.push_back(static_cast<double>(p.homeless));
    s.street.push_back(static_cast<double>(p.street_sleepers));
    s.youth.push_back(static_cast<double>(p.youth_in_shelter));
    s.over6.push_back(static_cast<double>(p.shelter_over_6_months));
  }
  return s;
}

std::string ProgressSvg(const std::string& label, std::optional<double> rate) {
  double v = rate ? std::clamp(*rate, 0.0, 1.0) : 0.0;
  char w[32];
  std::snprintf(w, sizeof w, "%.1f", 200.0 * v);
  return "<svg class=\"progress-svg\" width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" role=\"img\" aria-label=\"" + html::Esc(label) +
         "\"><rect x=\"0\" y=\"0\" width=\"200\" height=\"14\" rx=\"3\" fill=\"#e6e6e6\"/><rect x=\"0\" y=\"0\" width=\"" + w +
         "\" height=\"14\" rx=\"3\" fill=\"#0a5a9c\"/><line x1=\"180\" x2=\"180\" y1=\"0\" y2=\"14\" stroke=\"#1a1a1a\" stroke-width=\"2\"/></svg>";
}

std::string FigureTile(const std::string& id, const std::string& title, const std::string& value, const std::string& detail,
                       const std::string& chart, const std::string& href) {
  std::string out = "<div class=\"figure-tile\" data-figure=\"" + html::Esc(id) + "\"><h3 class=\"figure-title\">" + html::Esc(title) + "</h3>";
  out += "<p class=\"figure-value\">" + value + "</p>";
  if (!detail.empty()) out += "<p class=\"figure-detail\">" + detail + "</p>";
  out += "<div class=\"figure-chart\">" + chart + "</div>";
  if (!href.empty()) out += "<p class=\"figure-link\"><a href=\"" + html::Esc(href) + "\">" + html::Esc(title) + "</a></p>";
  out += "</div>";
  return out;
}

http::Response WorkerHome(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  auto t = ctx.web.ThresholdsFor(p.municipality);
  struct Row {
    std::string key, name, situation;
    std::vector<report::Alert> alerts;
  };
  auto list = HomeCitizens(ctx.web.app(), p);
  if (!list.ok()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");
  std::vector<Row> rows;
  for (const CitizenRow& c : list->rows)
    rows.push_back({c.key, c.name.value_or(""), c.situation ? std::string(SituationName(*c.situation)) : "", c.alerts});
  std::string body = "<h1>" + ctx.T("Forside", "Home") + "</h1>";
  body += "<p class=\"font-lead\">" +
          (p.role == Role::kWorker ? ctx.T("Borgere, hvis forløb du er tovholder på, og deres advarsler.", "Citizens whose course you hold, and their alerts.")
                                   : ctx.T("Hjemløse borgere i kommunen, som venter på en bolig.", "Homeless citizens of the municipality waiting for a home.")) + "</p>";
  if (rows.empty()) body += "<p>" + ctx.T("Ingen borgere.", "No citizens.") + "</p>";
  else {
    body += "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + ctx.T("Borgere", "Citizens") +
            "\"><table class=\"table table--compact\"><thead><tr><th scope=\"col\">" + ctx.T("Navn", "Name") + "</th><th scope=\"col\">" +
            ctx.T("Boligsituation", "Housing situation") + "</th>" + (p.role == Role::kWorker ? "<th scope=\"col\">" + ctx.T("Advarsler", "Alerts") + "</th>" : "") +
            "</tr></thead><tbody>";
    for (const auto& r : rows) {
      body += "<tr><td><a href=\"/borger/" + html::Esc(html::UrlEncode(r.key)) + "\">" + html::Esc(r.name.empty() ? r.key : r.name) + "</a> <span class=\"muted\">" +
              html::Esc(r.key) + "</span></td><td>" + html::Esc(r.situation.empty() ? "–" : html::Label(l, "situation", r.situation)) + "</td>";
      if (p.role == Role::kWorker) {
        body += "<td>";
        for (const auto& a : r.alerts)
          body += "<span class=\"badge badge-warning\">" +
                  html::Esc(html::AlertLabel(l, a.rule, t.shelter_months, t.youth_age, t.cti_months, t.release_days, t.action_plan_days).name) + "</span> ";
        if (r.alerts.empty()) body += "–";
        body += "</td>";
      }
      body += "</tr>";
    }
    body += "</tbody></table></div>";
  }
  body += "<p><a class=\"button button-secondary\" href=\"/borgere\">" + (p.role == Role::kWorker ? ctx.T("Alle mine borgere", "All my citizens")
                                                                                : ctx.T("Alle borgere i kommunen", "All citizens of the municipality")) + "</a></p>";
  return Render(ctx, 200, ctx.T("Forside", "Home"), "home", body);
}

// An alert's follow-up state as a badge linking to its follow-up page (page_followup.cc).
std::string FollowupBadge(const PageContext& ctx, const report::Followup& f, const std::string& citizen, const std::string& rule) {
  std::string text, cls;
  switch (f.state) {
    case report::Followup::State::kNew: text = ctx.T("Ny – følg op", "New – follow up"); cls = "badge-warning"; break;
    case report::Followup::State::kAssigned: text = ctx.T("Tildelt ", "Assigned to ") + f.assignee; cls = "badge-info"; break;
    case report::Followup::State::kAcknowledged: text = ctx.T("Kvitteret af ", "Acknowledged by ") + f.by; cls = "badge-success"; break;
  }
  return "<a class=\"badge " + cls + "\" data-followup=\"" + std::string(report::FollowupStateName(f.state)) + "\" href=\"/opfoelgning?borger=" +
         html::Esc(html::UrlEncode(citizen)) + "&amp;regel=" + html::Esc(rule) + "\">" + html::Esc(text) + "</a>";
}

// The leader's view of the staff: each worker's open courses by method against the caseload
// norms of the settings (DESIGN §10), and their contacts in the last 30 days (the status
// report's `caseload`).
std::string StaffCaseload(const PageContext& ctx, const json& figures, const report::Thresholds& t) {
  const Lang l = ctx.lang;
  std::string out = "<section class=\"dashboard-section\" aria-labelledby=\"h-staff\"><h2 id=\"h-staff\">" +
                    ctx.T("Medarbejdernes sagsstamme", "The staff's caseload") + "</h2>";
  out += "<p class=\"muted\">" + ctx.T("Åbne forløb pr. medarbejder i dag. Normer: ACT højst ", "Open courses per staff member today. Norms: ACT at most ") +
         std::to_string(t.caseload_norm_act) + ", ICM " + std::to_string(t.caseload_norm_icm) + ", CTI " + std::to_string(t.caseload_norm_cti) +
         ctx.T(" (ændres under Indstillinger).", " (changed under Settings).") + "</p>";
  const json caseload = figures.contains("caseload") && figures["caseload"].is_object() ? figures["caseload"] : json::object();
  if (caseload.empty()) return out + "<p>" + ctx.T("Ingen åbne forløb.", "No open courses.") + "</p></section>";
  out += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" data-testid=\"staff-caseload\"><thead><tr><th scope=\"col\">" +
         ctx.T("Medarbejder", "Staff member") + "</th><th scope=\"col\" class=\"text-align-right\">" + ctx.T("Åbne forløb", "Open courses") +
         "</th><th scope=\"col\">" + ctx.T("Metoder", "Methods") + "</th><th scope=\"col\" class=\"text-align-right\">" +
         ctx.T("Kontakter, 30 dage", "Contacts, 30 days") + "</th></tr></thead><tbody>";
  const std::map<std::string, int> norms = {{"ACT", t.caseload_norm_act}, {"ICM", t.caseload_norm_icm}, {"CTI", t.caseload_norm_cti}};
  // The real names of the municipality's active staff; a worker id that is no such user (an
  // imported one, a deactivated user) shows as it stands.
  std::map<std::string, std::string> full_names;
  if (auto colleagues = ListColleagues(ctx.web.app(), ctx.who()); colleagues.ok())
    for (const UserInfo& u : *colleagues) full_names[u.name] = u.full_name;
  for (const auto& [worker, w] : caseload.items()) {
    std::string methods;
    bool over = false;
    if (w.contains("by_method"))
      for (const auto& [method, n] : w["by_method"].items()) {
        auto norm = norms.find(method);
        const bool above = norm != norms.end() && n.get<long long>() > norm->second;
        over = over || above;
        methods += "<span class=\"tag-static\">" + html::Esc(html::Label(l, "method", method)) + " " + html::FormatInt(l, n.get<long long>()) +
                   (above ? " " + ctx.T("(over normen)", "(above the norm)") : "") + "</span> ";
      }
    out += std::string("<tr") + (over ? " class=\"over-norm\"" : "") + " data-worker=\"" + html::Esc(worker) + "\"><td>" +
           html::Esc(UserLabel(worker, full_names.count(worker) ? full_names[worker] : "")) +
           "</td><td class=\"text-align-right\">" + html::FormatInt(l, w.value("value", 0LL)) + "</td><td>" + methods +
           "</td><td class=\"text-align-right\">" + html::FormatInt(l, w.value("contacts_30d", 0LL)) + "</td></tr>";
  }
  return out + "</tbody></table></div></section>";
}

}  // namespace

http::Response Dashboard(PageContext& ctx) {
  const Principal& p = ctx.who();
  if (p.role == Role::kWorker || p.role == Role::kHousing) return WorkerHome(ctx);
  const Lang l = ctx.lang;
  const std::string& m = p.municipality;
  auto t = ctx.web.ThresholdsFor(m);

  auto alert_list = ListAlerts(ctx.web.app(), p, {ctx.today, std::nullopt, m, /*with_names=*/true});
  auto status = MakeStatusReport(ctx.web.app(), p, {ctx.today, std::nullopt, m, false});
  if (!alert_list.ok() || !status.ok()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");
  const std::vector<report::Alert>& alerts = alert_list->alerts;
  std::map<std::string, std::string> names = alert_list->names;
  const json& report = status->figures;
  auto trend = MonthlyFigures(ctx.web.app(), p, ctx.today, 12);
  if (!trend.ok()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");
  Series series = SeriesOf(*trend);
  json figures = report.contains("municipalities") && report["municipalities"].contains(m) ? report["municipalities"][m]
                 : report.contains("total")                                                 ? report["total"]
                                                                                            : json::object();
  std::map<std::string, std::vector<const report::Alert*>> by_rule;
  for (const auto& a : alerts) by_rule[a.rule].push_back(&a);
  std::map<report::Followup::State, long long> by_state;
  for (const auto& a : alerts) ++by_state[alert_list->followups[{a.citizen, a.rule}].state];

  std::string body = "<h1>" + ctx.T("Forside", "Dashboard") + "</h1>";
  body += "<p class=\"font-lead\">" + html::Esc(html::MunicipalityName(m)) + " · " + ctx.T("status pr. ", "status as of ") + html::FormatDate(l, ctx.today) + "</p>";

  // Alerts.
  body += "<section class=\"dashboard-section\" aria-labelledby=\"h-alerts\"><h2 id=\"h-alerts\">" + ctx.T("Dagens advarsler", "Today's alerts") +
          " <span class=\"count-pill\" data-testid=\"alert-total\">" + html::FormatInt(l, static_cast<long long>(alerts.size())) + "</span></h2>";
  if (!alerts.empty())
    body += "<p class=\"followup-summary\" data-testid=\"followup-summary\">" + ctx.T("Opfølgning: ", "Follow-up: ") +
            "<span data-state=\"new\">" + html::FormatInt(l, by_state[report::Followup::State::kNew]) + ctx.T(" nye", " new") + "</span> · " +
            "<span data-state=\"assigned\">" + html::FormatInt(l, by_state[report::Followup::State::kAssigned]) + ctx.T(" tildelt", " assigned") + "</span> · " +
            "<span data-state=\"acknowledged\">" + html::FormatInt(l, by_state[report::Followup::State::kAcknowledged]) + ctx.T(" kvitteret", " acknowledged") + "</span></p>";
  body += "<div class=\"alert-grid\">";
  std::string quiet;
  for (const auto& rule : html::AlertRules()) {
    auto w = html::AlertLabel(l, rule, t.shelter_months, t.youth_age, t.cti_months, t.release_days, t.action_plan_days);
    auto it = by_rule.find(rule);
    size_t n = it == by_rule.end() ? 0 : it->second.size();
    if (n == 0) {
      quiet += "<li>" + html::Esc(w.name) + "</li>";
      continue;
    }
    body += "<div class=\"alert-card\" data-rule=\"" + html::Esc(rule) + "\"><h3 class=\"alert-card-title\"><span class=\"alert-count\">" +
            html::FormatInt(l, static_cast<long long>(n)) + "</span> " + html::Esc(w.name) + "</h3><p class=\"muted\">" + html::Esc(w.explanation) + "</p><ul class=\"alert-citizens\">";
    size_t shown = 0;
    for (const auto* a : it->second) {
      if (++shown > 8) break;
      std::string nm = names[a->citizen];
      body += "<li><a href=\"/borger/" + html::Esc(html::UrlEncode(a->citizen)) + "\">" + html::Esc(nm.empty() ? a->citizen : nm) + "</a> <span class=\"muted\">" +
              html::Esc(a->citizen) + " · " + html::Esc(html::Label(l, "alert_since", a->rule)) + " " + html::FormatDate(l, a->since) + "</span> " +
              FollowupBadge(ctx, alert_list->followups[{a->citizen, a->rule}], a->citizen, a->rule) + "</li>";
    }
    body += "</ul>";
    if (n > 8)
      body += "<p><a href=\"/borgere?alert=" + html::Esc(rule) + "\">" + ctx.T("Se alle ", "See all ") + html::FormatInt(l, static_cast<long long>(n)) + "</a></p>";
    body += "</div>";
  }
  body += "</div>";
  if (!quiet.empty()) body += "<details class=\"details\"><summary class=\"details-summary\">" + ctx.T("Regler uden advarsler i dag", "Rules without alerts today") +
                              "</summary><div class=\"details-text\"><ul>" + quiet + "</ul></div></details>";
  body += "</section>";

  // Key figures.
  body += "<section class=\"dashboard-section\" aria-labelledby=\"h-figures\"><h2 id=\"h-figures\">" + ctx.T("Nøgletal", "Key figures") + "</h2>";
  body += "<p class=\"muted\">" + ctx.T("Fra statusrapporten for kommunen. Kurverne viser de seneste 12 måneder.", "From the municipality's status report. The lines show the last 12 months.") + "</p>";
  body += "<div class=\"figure-grid\">";
  auto count_tile = [&](const char* id, const std::string& title, const std::vector<double>& trend, const std::string& href, const std::string& note) {
    auto v = CountOf(figures, id);
    std::string value = v ? html::FormatInt(l, *v) : "–";
    body += FigureTile(id, title, value, note, svg::Sparkline(trend, 200, 36, title + ctx.T(", seneste 12 måneder", ", last 12 months")), href);
  };
  count_tile("homeless", ctx.T("Hjemløse borgere", "Homeless citizens"), series.homeless, "/borgere?situation=homeless", "");
  count_tile("street_sleepers", ctx.T("Gadesovere", "Street sleepers"), series.street, "/borgere?situation=street", ctx.T("Mål: ingen", "Target: none"));
  count_tile("youth_in_shelter", ctx.T("Unge under 30 på herberg", "Young people in shelters"), series.youth, "/borgere?alert=youth_in_shelter", ctx.T("Mål: ingen", "Target: none"));
  count_tile("shelter_over_6_months", ctx.T("Over 6 måneder på herberg, klar til bolig", "Over 6 months in a shelter, ready to move"), series.over6,
             "/borgere?alert=shelter_over_6_months", ctx.T("Mål: højst 6 måneder", "Target: at most 6 months"));
  auto rate_tile = [&](const char* id, const std::string& title, const std::string& target) {
    RateValue r = RateOf(figures, id);
    std::string detail = html::FormatInt(l, r.numerator) + ctx.T(" af ", " of ") + html::FormatInt(l, r.denominator) + " · " + target;
    body += FigureTile(id, title, html::FormatPercent(l, r.value), html::Esc(detail), ProgressSvg(title + ": " + html::FormatPercent(l, r.value), r.value), "");
  };
  rate_tile("action_plan_offered", ctx.T("Tilbudt § 141-handleplan", "Offered a §141 action plan"), ctx.T("mål: alle", "target: all"));
  rate_tile("housing_retention_12m", ctx.T("Har beholdt boligen efter 12 måneder", "Kept their home after 12 months"), ctx.T("mål: 9 af 10", "target: 9 in 10"));
  body += "</div>";

  // Homeless by situation and by age as bar charts.
  auto splits = [&](const char* split, const char* table) {
    std::vector<svg::Bar> bars;
    if (!figures.contains("homeless") || !figures["homeless"].contains(split)) return bars;
    const json& sp = figures["homeless"][split];
    if (table) {
      for (const auto& id : html::Ids(table))
        if (sp.contains(id) && sp[id].is_number() && sp[id].get<double>() > 0) bars.push_back({html::Label(l, table, id), sp[id].get<double>()});
    } else {
      for (const char* band : {"<18", "18-24", "25-29", "30-39", "40-49", "50-59", "60+"})
        bars.push_back({band, sp.contains(band) && sp[band].is_number() ? sp[band].get<double>() : 0.0});
    }
    return bars;
  };
  body += "<div class=\"row chart-row\"><div class=\"col-12 col-lg-6\">";
  {
    svg::ChartOptions o;
    o.title = ctx.T("Hjemløse efter boligsituation", "Homeless by housing situation");
    o.width = 520;
    o.height = 240;
    o.id = "chart-situation";
    body += "<div class=\"chart\">" + svg::HorizontalBarChart(splits("by_situation", "situation"), o) + "</div>";
  }
  body += "</div><div class=\"col-12 col-lg-6\">";
  {
    svg::ChartOptions o;
    o.title = ctx.T("Hjemløse efter alder", "Homeless by age");
    o.width = 520;
    o.height = 240;
    o.id = "chart-age";
    body += "<div class=\"chart\">" + svg::BarChart(splits("by_age", nullptr), o) + "</div>";
  }
  body += "</div></div>";
  body += "<p><a class=\"button button-secondary\" href=\"/rapporter\">" + ctx.T("Hele statusrapporten", "The full status report") + "</a></p>";
  body += "</section>";
  if (p.role == Role::kLeader) body += StaffCaseload(ctx, figures, t);
  return Render(ctx, 200, ctx.T("Forside", "Dashboard"), "home", body, true);
}

}  // namespace tov::web::pages
