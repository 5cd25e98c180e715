// The follow-up of one alert (/opfoelgning?borger=KEY&regel=RULE): the alert as it stands today,
// its follow-up so far (who acknowledged it, to whom it is assigned, the comments), and a form
// that acknowledges it, assigns it to a colleague or comments on it. Each step is an
// alert_followup entry of the citizen, recorded through RecordEntry like every form's entry
// (docs/journal-format.md; the state is report::FollowupOf).
#include "app/administration.h"
#include "app/citizens.h"
#include "report/alerts.h"
#include "web/page_internal.h"

namespace tov::web::pages {

namespace {

std::string StateText(const PageContext& ctx, const report::Followup& f) {
  switch (f.state) {
    case report::Followup::State::kNew: return ctx.T("Ny: ingen følger op endnu", "New: nobody follows up yet");
    case report::Followup::State::kAssigned:
      return ctx.T("Tildelt ", "Assigned to ") + f.assignee + ctx.T(" af ", " by ") + f.by + ", " + html::FormatDate(ctx.lang, f.date);
    case report::Followup::State::kAcknowledged:
      return ctx.T("Kvitteret af ", "Acknowledged by ") + f.by + ", " + html::FormatDate(ctx.lang, f.date);
  }
  return "";
}

}  // namespace

http::Response FollowupPage(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  App& app = ctx.web.app();
  const std::string key = ctx.req.Query("borger").value_or("");
  const std::string rule = ctx.req.Query("regel").value_or("");
  const std::string self = "/opfoelgning?borger=" + html::UrlEncode(key) + "&regel=" + html::UrlEncode(rule);
  if (!ParseName<AlertRule>(kAlertRuleNames, rule))
    return ErrorPage(ctx, 404, ctx.T("Advarslen findes ikke", "No such alert"), ctx.T("Reglen er ukendt.", "The rule is unknown."));

  html::Values values{{"action", "acknowledged"}};
  html::Errors errors;
  int status = 200;
  if (ctx.req.method == "POST") {
    auto form = ParseForm(ctx.req);
    if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), "");
    values = *form;
    nlohmann::json entry{{"citizen", key}, {"municipality", p.municipality}, {"kind", "alert_followup"},
                         {"date", ctx.today.ToString()}, {"rule", rule}, {"action", Get(*form, "action")}};
    if (Get(*form, "action") == "assigned") entry["assignee"] = Get(*form, "assignee");
    if (!Get(*form, "text").empty()) entry["text"] = Get(*form, "text");
    auto recorded = RecordEntry(app, p, entry);
    if (recorded.ok()) return RedirectTo(ctx, self + "&gemt=1");
    if (recorded.status().code() == StatusCode::kPermissionDenied || recorded.status().code() == StatusCode::kNotFound)
      return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Du kan ikke følge op på denne borgers advarsler.", "You cannot follow up this citizen's alerts."));
    errors = TranslateErrors(ctx, recorded.status().field_errors());
    if (errors.empty()) errors["action"] = html::Esc(recorded.status().message());
    status = 422;
  }

  std::string body, name;
  bool shows_alerts = true;
  Status viewed = ViewCitizen(app, p, key, false, "web followup", [&](const CitizenAccess& access) {
    const CitizenCourse& c = access.course;
    shows_alerts = access.filter.alerts;
    if (!shows_alerts) return;
    name = c.name.value_or(ctx.T("Borger ", "Citizen ") + key);
    const report::Thresholds& t = access.thresholds;
    auto words = html::AlertLabel(l, rule, t.shelter_months, t.youth_age, t.cti_months, t.release_days, t.action_plan_days);
    std::optional<report::Alert> alert;
    for (const report::Alert& a : report::AlertsFor(c, ctx.today, t))
      if (a.rule == rule) alert = a;
    body += "<p><a href=\"/borger/" + html::UrlEncode(key) + "\">" + ctx.T("Til borgeren ", "To the citizen ") + html::Esc(name) + "</a></p>";
    body += "<h1>" + ctx.T("Opfølgning: ", "Follow-up: ") + html::Esc(words.name) + "</h1>";
    body += "<p class=\"font-lead\">" + html::Esc(name) + " <span class=\"muted\">" + html::Esc(key) + "</span></p>";
    if (ctx.req.Query("gemt"))
      body += html::AlertBox(l, "success", ctx.T("Gemt", "Saved"), html::Esc(ctx.T("Opfølgningen er registreret.", "The follow-up is recorded.")));
    if (!alert) {
      body += html::AlertBox(l, "info", ctx.T("Advarslen gælder ikke i dag", "The alert does not hold today"),
                             html::Esc(ctx.T("Reglen giver ingen advarsel for borgeren i dag; der er intet at følge op.",
                                             "The rule gives no alert for the citizen today; there is nothing to follow up.")));
      return;
    }
    const report::Followup f = report::FollowupOf(c, *alert);
    body += "<p>" + html::Esc(words.explanation) + " " + ctx.T("Advarslen har gældt siden ", "The alert has held since ") +
            html::FormatDate(l, alert->since) + ".</p>";
    body += "<p data-testid=\"followup-state\" data-state=\"" + std::string(report::FollowupStateName(f.state)) + "\"><strong>" +
            html::Esc(StateText(ctx, f)) + "</strong></p>";
    if (!f.history.empty()) {
      body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" data-testid=\"followup-history\"><caption>" +
              ctx.T("Opfølgning indtil nu", "Follow-up so far") + "</caption><thead><tr><th scope=\"col\">" + ctx.T("Dato", "Date") +
              "</th><th scope=\"col\">" + ctx.T("Af", "By") + "</th><th scope=\"col\">" + ctx.T("Handling", "Action") + "</th><th scope=\"col\">" +
              ctx.T("Kommentar", "Comment") + "</th></tr></thead><tbody>";
      for (const report::FollowupStep& s : f.history) {
        std::string action = html::Label(l, "followup_action", NameOf(kFollowupActionNames, s.action));
        if (!s.assignee.empty()) action += ": " + s.assignee;
        body += "<tr><td>" + html::FormatDate(l, s.date) + "</td><td>" + html::Esc(s.by) + "</td><td>" + html::Esc(action) + "</td><td>" +
                html::Esc(s.text) + "</td></tr>";
      }
      body += "</tbody></table></div>";
    }
    // The form.
    std::map<std::string, std::string> labels = {{"action", ctx.T("Hvad vil du gøre?", "What do you want to do?")},
                                                 {"assignee", ctx.T("Kollega", "Colleague")},
                                                 {"text", ctx.T("Kommentar", "Comment")}};
    body += "<div class=\"row\"><div class=\"col-12 col-md-8 col-lg-6\"><h2>" + ctx.T("Følg op", "Follow up") + "</h2>";
    body += html::ErrorSummary(l, "followup-", errors, labels);
    body += "<form method=\"post\" action=\"" + html::Esc(self) + "\" novalidate>" + html::HiddenInput("csrf_token", ctx.session->csrf_token);
    html::Field action = F(html::Field::Type::kRadio, "action", labels["action"], "", true);
    action.options = {{"acknowledged", ctx.T("Kvittér: jeg følger op", "Acknowledge: I follow up")},
                      {"assigned", ctx.T("Tildel en kollega", "Assign to a colleague")},
                      {"comment", ctx.T("Skriv kun en kommentar", "Only write a comment")}};
    body += html::RenderField(l, action, "followup-", values, errors);
    html::Field assignee = F(html::Field::Type::kSelect, "assignee", labels["assignee"],
                             ctx.T("Kun når advarslen tildeles.", "Only when the alert is assigned."));
    assignee.empty_option = ctx.T("Vælg", "Choose");
    if (auto colleagues = ListColleagues(app, p); colleagues.ok())
      for (const UserInfo& u : *colleagues) assignee.options.push_back({u.name, html::ColleagueLabel(l, u)});
    body += html::RenderField(l, assignee, "followup-", values, errors);
    html::Field text = F(html::Field::Type::kTextarea, "text", labels["text"],
                         ctx.T("Skal udfyldes ved en kommentar.", "Required for a comment."));
    body += html::RenderField(l, text, "followup-", values, errors);
    body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Gem opfølgning", "Save follow-up") + "</button></form></div></div>";
  });
  if (!viewed.ok())
    return ErrorPage(ctx, 404, ctx.T("Borgeren findes ikke", "No such citizen"),
                     ctx.T("Vi kunne ikke finde borgeren, eller du har ikke adgang.", "We could not find the citizen, or you have no access."));
  if (!shows_alerts)
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Din rolle ser ikke advarsler.", "Your role sees no alerts."));
  return Render(ctx, status, ctx.T("Opfølgning", "Follow-up"), "home", body);
}

}  // namespace tov::web::pages
