// The leader's settings page (/indstillinger): the municipality's alert thresholds, the waiting
// list's weights and the caseload norms, each beside the national default, changed in one form
// through ChangeSettings (all or nothing; each change logged as `settings_change` with its old
// and new value, docs/security.md). The alerts of the dashboard follow at once.
#include "app/administration.h"
#include "report/alerts.h"
#include "web/page_internal.h"

namespace tov::web::pages {

namespace {

struct SettingText {
  const char* key;
  const char* da;
  const char* en;
  const char* unit_da;
  const char* unit_en;
};

// Every key of report::ThresholdKeys(), in the groups of the page.
constexpr SettingText kAlertSettings[] = {
    {"shelter_months", "Ophold på forsorgshjem, når borgeren er klar til bolig", "Stay in a shelter when ready for housing", "måneder", "months"},
    {"youth_age", "Unge på forsorgshjem: under", "Young people in a shelter: under", "år", "years"},
    {"cti_months", "Et CTI-forløbs længde", "Length of a CTI course", "måneder", "months"},
    {"release_days", "Løsladelse eller udskrivning uden bolig inden for", "Release or discharge without housing within", "dage", "days"},
    {"action_plan_days", "Handleplan (§ 141) tilbudt inden for", "Action plan (§ 141) offered within", "dage fra registrering", "days of registration"},
    {"offer_days", "Et boligtilbud uden svar i mere end", "A housing offer unanswered for more than", "dage", "days"},
};
constexpr SettingText kQueueSettings[] = {
    {"priority_homeless_day", "Point pr. dag som hjemløs de seneste 3 år", "Points per day homeless in the last 3 years", "point", "points"},
    {"priority_street", "Point for at bo på gaden", "Points for living in the street", "point", "points"},
    {"priority_youth", "Point for at være under 30 år", "Points for being under 30", "point", "points"},
    {"priority_release", "Point for løsladelse eller udskrivning inden for 30 dage uden bolig", "Points for a release or discharge within 30 days without housing", "point", "points"},
    {"priority_shelter_ready", "Point for ophold på forsorgshjem og klar til bolig", "Points for a shelter stay when ready for housing", "point", "points"},
};
constexpr SettingText kNormSettings[] = {
    {"caseload_norm_act", "ACT: forløb pr. medarbejder højst", "ACT: courses per staff member at most", "forløb", "courses"},
    {"caseload_norm_icm", "ICM: forløb pr. medarbejder højst", "ICM: courses per staff member at most", "forløb", "courses"},
    {"caseload_norm_cti", "CTI: forløb pr. medarbejder højst", "CTI: courses per staff member at most", "forløb", "courses"},
};

template <size_t N>
std::string SettingsGroup(PageContext& ctx, const std::string& heading, const SettingText (&group)[N],
                          const report::Thresholds& defaults, const html::Values& values, const html::Errors& errors) {
  std::string out = "<fieldset class=\"mt-6\"><legend class=\"h3\">" + html::Esc(heading) + "</legend>";
  for (const SettingText& s : group) {
    auto range = report::ThresholdRange(s.key);
    html::Field f;
    f.type = html::Field::Type::kNumber;
    f.name = s.key;
    f.label = ctx.T(s.da, s.en) + " (" + ctx.T(s.unit_da, s.unit_en) + ")";
    f.hint = ctx.T("Standard: ", "Default: ") + std::to_string(report::ThresholdValue(defaults, s.key)) + ". " +
             ctx.T("Et helt tal fra ", "A whole number from ") + std::to_string(range->first) + ctx.T(" til ", " to ") +
             std::to_string(range->second) + ".";
    f.required = true;
    f.input_class = "input-width-xs";
    out += html::RenderField(ctx.lang, f, "setting-", values, errors);
  }
  return out + "</fieldset>";
}

}  // namespace

http::Response SettingsPage(PageContext& ctx) {
  const Principal& p = ctx.who();
  App& app = ctx.web.app();
  if (!Allowed(p.role, Permission::kChangeSettings) || p.municipality.empty())
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Indstillingerne ændres af kommunens leder.", "The settings are changed by the municipality's leader."));
  auto current = ReadThresholds(app, p, p.municipality);
  auto defaults = ReadThresholds(app, p, "*");
  if (!current.ok() || !defaults.ok())
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), html::Esc(current.status().message()));
  html::Values values;
  for (const std::string& key : report::ThresholdKeys()) values[key] = std::to_string(report::ThresholdValue(*current, key));
  html::Errors errors;
  int status = 200;
  if (ctx.req.method == "POST") {
    auto form = ParseForm(ctx.req);
    if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), "");
    // Only what changed is stored (and logged); an unchanged value keeps following the default.
    std::vector<std::pair<std::string, std::string>> changes;
    for (const std::string& key : report::ThresholdKeys()) {
      auto posted = form->find(key);
      if (posted != form->end() && posted->second != values[key]) changes.emplace_back(key, posted->second);
    }
    if (changes.empty()) return RedirectTo(ctx, "/indstillinger?uaendret=1");
    Status s = ChangeSettings(app, p, p.municipality, changes);
    if (s.ok()) return RedirectTo(ctx, "/indstillinger?gemt=" + std::to_string(changes.size()));
    for (const auto& [key, v] : changes) values[key] = v;
    errors = TranslateErrors(ctx, s.field_errors());
    if (errors.empty()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), html::Esc(s.message()));
    status = 422;
  }
  std::map<std::string, std::string> labels;
  for (const SettingText& s : kAlertSettings) labels[s.key] = ctx.T(s.da, s.en);
  for (const SettingText& s : kQueueSettings) labels[s.key] = ctx.T(s.da, s.en);
  for (const SettingText& s : kNormSettings) labels[s.key] = ctx.T(s.da, s.en);

  std::string body = "<h1>" + ctx.T("Indstillinger for ", "Settings of ") + html::Esc(html::MunicipalityName(p.municipality)) + "</h1>";
  body += "<div class=\"row\"><div class=\"col-12 col-lg-8\">";
  if (auto n = ctx.req.Query("gemt")) {
    body += html::AlertBox(ctx.lang, "success", ctx.T("Gemt", "Saved"),
                           html::Esc(ctx.T("Ændringerne gælder fra nu, også for alarmerne på forsiden. Hver ændring er logget.",
                                           "The changes apply from now on, the dashboard's alerts too. Each change is logged.")));
  } else if (ctx.req.Query("uaendret")) {
    body += html::AlertBox(ctx.lang, "info", ctx.T("Intet ændret", "Nothing changed"),
                           html::Esc(ctx.T("Alle værdier var de samme som før.", "Every value was the same as before.")));
  }
  body += html::ErrorSummary(ctx.lang, "setting-", errors, labels);
  body += "<p>" + ctx.T("Grænserne for alarmerne, ventelistens point og normerne for sagsstammen i jeres kommune. "
                        "En værdi, der ikke er ændret her, følger standarden.",
                        "The limits of the alerts, the waiting list's points and the caseload norms in your municipality. "
                        "A value not changed here follows the default.") + "</p>";
  body += "<form method=\"post\" action=\"/indstillinger\" novalidate>" + html::HiddenInput("csrf_token", ctx.session->csrf_token);
  body += SettingsGroup(ctx, ctx.T("Alarmer", "Alerts"), kAlertSettings, *defaults, values, errors);
  body += SettingsGroup(ctx, ctx.T("Venteliste til boliger", "Housing waiting list"), kQueueSettings, *defaults, values, errors);
  body += SettingsGroup(ctx, ctx.T("Normer for sagsstammen", "Caseload norms"), kNormSettings, *defaults, values, errors);
  body += "<button type=\"submit\" class=\"button button-primary mt-6\">" + ctx.T("Gem indstillinger", "Save settings") + "</button></form>";
  body += "</div></div>";
  return Render(ctx, status, ctx.T("Indstillinger", "Settings"), "settings", body);
}

}  // namespace tov::web::pages
