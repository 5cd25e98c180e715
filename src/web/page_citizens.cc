// Citizens: search by name, key or CPR with filters (situation, open method, alert), and the
// intake (registrering) with the target-group screening of docs/design.md, the strategy, which gives a clear in/out
// answer with its reason before anything is stored.
#include <algorithm>

#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "domain/screening.h"
#include "app/citizens.h"
#include "report/alerts.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

std::string Selected(const std::string& a, const std::string& b) { return a == b ? " selected" : ""; }

// ---- Target-group screening: the rules are domain/screening.h; here the form and the words ----

// A yes/no answer of the form. A value other than "yes", "no" or "" (only a crafted request
// sends one) counts as `other`.
ScreeningAnswer FormAnswer(const std::string& v, ScreeningAnswer other) {
  if (v.empty()) return ScreeningAnswer::kUnanswered;
  if (v == "yes") return ScreeningAnswer::kYes;
  if (v == "no") return ScreeningAnswer::kNo;
  return other;
}

ScreeningResult ScreenForm(const html::Values& v, Date today) {
  ScreeningInput in;
  // Only "yes" counts for a home of their own or to go to, only "no" for the coming night.
  in.own_home = FormAnswer(Get(v, "own_home"), ScreeningAnswer::kNo);
  in.situation = ParseName<Situation>(kSituationNames, Get(v, "situation"));
  in.night = FormAnswer(Get(v, "night"), ScreeningAnswer::kYes);
  in.release_housing = FormAnswer(Get(v, "release_housing"), ScreeningAnswer::kNo);
  in.release_expected = ParseTypedDate(Get(v, "release_expected"));
  return Screen(in, today);
}

// The reason of a screening in the page's language.
std::string ReasonText(const PageContext& ctx, ScreeningReason r) {
  using R = ScreeningReason;
  switch (r) {
    case R::kOwnHome:
      return ctx.T("Borgeren har egen ejet eller lejet bolig eller eget værelse og er ikke hjemløs.",
                   "The citizen has their own owned or rented dwelling or room and is not homeless.");
    case R::kHoused:
      return ctx.T("Borgeren bor i egen bolig eller i botilbud og er ikke i målgruppen.",
                   "The citizen lives in their own home or in supported housing and is not in the target group.");
    case R::kStreet:
      return ctx.T("Borgeren har ikke et sted at sove og overnatter på gaden.", "The citizen has nowhere to stay and sleeps rough.");
    case R::kTemporaryAccommodation:
      return ctx.T("Borgeren bor i et midlertidigt alternativ (herberg, forsorgshjem, hotel eller udslusningsbolig) uden egen bolig.",
                   "The citizen lives in a temporary alternative (shelter, hostel, hotel or exit housing) without a home of their own.");
    case R::kFriendsFamily:
      return ctx.T("Borgeren bor midlertidigt og uden kontrakt hos familie, venner eller bekendte.",
                   "The citizen stays temporarily and without a contract with family, friends or acquaintances.");
    case R::kMakeshift:
      return ctx.T("Borgeren bor i en nødløsning (kolonihavehus, campingvogn o.l.) uden egen bolig.",
                   "The citizen lives in a makeshift shelter (hut, caravan or similar) without a home.");
    case R::kNoPlaceTonight:
      return ctx.T("Borgeren har ikke et sted at sove den kommende nat.", "The citizen has no place to stay the coming night.");
    case R::kReleaseWithHome:
      return ctx.T("Borgeren har en bolig at komme til ved løsladelse eller udskrivning.",
                   "The citizen has a home to go to on release or discharge.");
    case R::kReleaseDateMissing:
      return ctx.T("Skriv den forventede dato for løsladelse eller udskrivning (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD) for at vurdere.",
                   "Give the expected date of release or discharge (YYYY-MM-DD) to decide.");
    case R::kReleaseDatePassed:
      return ctx.T("Datoen for løsladelse eller udskrivning er passeret: vælg, hvor borgeren bor nu.",
                   "The release or discharge date has passed: choose where the citizen lives now.");
    case R::kReleaseHousingUnanswered:
      return ctx.T("Svar på, om borgeren har en bolig at komme til.", "Answer whether the citizen has a home to go to.");
    case R::kReleaseWithinMonth:
      return ctx.T("Borgeren løslades eller udskrives inden for en måned uden en bolig at komme til (God løsladelse).",
                   "The citizen is released or discharged within a month without a home to go to (good release).");
    case R::kReleaseLater:
      return ctx.T("Løsladelsen eller udskrivningen er mere end en måned ude. Vurdér igen, når den nærmer sig.",
                   "The release or discharge is more than a month away. Screen again when it comes closer.");
    case R::kSituationUnknown:
      return ctx.T("Boligsituationen er ukendt. Afklar, hvor borgeren bor, eller svar på spørgsmålet om den kommende nat.",
                   "The housing situation is unknown. Find out where the citizen lives, or answer the question about the coming night.");
    case R::kUnanswered:
      break;
  }
  return ctx.T("Besvar spørgsmålene for at se, om borgeren er i målgruppen.",
               "Answer the questions to see whether the citizen is in the target group.");
}

std::string ScreeningBox(const PageContext& ctx, const ScreeningResult& s) {
  using O = ScreeningOutcome;
  std::string variant = s.outcome == O::kIn ? "success" : s.outcome == O::kOut ? "warning" : "info";
  std::string heading = s.outcome == O::kIn    ? ctx.T("I målgruppen", "In the target group")
                        : s.outcome == O::kOut ? ctx.T("Ikke i målgruppen", "Not in the target group")
                                               : ctx.T("Endnu ikke afgjort", "Not decided yet");
  std::string reason = ReasonText(ctx, s.reason);
  std::string state(NameOf(kScreeningOutcomeNames, s.outcome));
  return "<div id=\"screening-result\" aria-live=\"polite\" data-screening=\"" + state + "\"><div class=\"alert alert-" + variant +
         "\"><div class=\"alert-body\"><p class=\"alert-heading\">" + html::Esc(heading) + "</p><p class=\"alert-text\">" + html::Esc(reason) +
         "</p></div></div></div>";
}

// The warning of the intake when the CPR number typed is already registered (DESIGN §7): the
// citizen named, with a link, to a user who may see them; to anyone else, that the number is
// registered in another municipality. Empty (but present, for htmx to swap) when the number is
// free or not a CPR number. `oob`: sent beside the screening fragment (hx-swap-oob).
std::string CprWarning(PageContext& ctx, const html::Values& values, bool oob) {
  std::string inner;
  const std::string cpr = Get(values, "cpr");
  if (!cpr.empty()) {
    auto holder = FindCprHolder(ctx.web.app(), ctx.who(), cpr);
    if (holder.ok() && holder->has_value()) {
      const CprHolder& h = **holder;
      std::string text;
      if (h.visible) {
        std::string who =
            h.name ? html::Esc(*h.name) + " (" + html::Esc(h.key) + ")" : html::Esc(h.key);
        text = "<p>" +
               ctx.T("CPR-nummeret er allerede registreret på ",
                     "The CPR number is already registered for ") +
               "<a href=\"/borger/" + html::Esc(html::UrlEncode(h.key)) + "\" data-citizen=\"" +
               html::Esc(h.key) + "\">" + who + "</a>. " +
               ctx.T("Registrér ikke borgeren igen.", "Do not register the citizen again.") +
               "</p>";
      } else {
        text = "<p>" +
               ctx.T("CPR-nummeret er registreret i en anden kommune – bed om en overflytning.",
                     "The CPR number is registered in another municipality — ask for a transfer.") +
               "</p>";
      }
      inner = html::AlertBox(ctx.lang, "warning",
                             ctx.T("CPR-nummeret er kendt", "The CPR number is known"), text);
    }
  }
  return std::string("<div id=\"cpr-warning\"") + (oob ? " hx-swap-oob=\"true\"" : "") + ">" +
         inner + "</div>";
}

std::vector<std::pair<std::string, std::string>> Options(Lang l, std::string_view table) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& id : html::Ids(table)) out.push_back({id, html::Label(l, table, id)});
  return out;
}

std::vector<std::pair<std::string, std::string>> YesNo(const PageContext& ctx) {
  return {{"yes", ctx.T("Ja", "Yes")}, {"no", ctx.T("Nej", "No")}};
}

http::Response IntakePage(PageContext& ctx, int status, const html::Values& values, const html::Errors& errors,
                          const std::string& notice, bool show_result) {
  const Lang l = ctx.lang;
  using T = html::Field::Type;
  std::map<std::string, std::string> labels;
  auto field = [&](html::Field f) {
    labels[f.name] = f.label;
    return html::RenderField(l, f, "intake-", values, errors);
  };
  std::string body = "<h1>" + ctx.T("Registrér borger", "Register a citizen") + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("Vurdér først, om borgeren er i målgruppen for hjemløseindsatsen. Kun borgere i målgruppen registreres.",
                "First screen whether the citizen is in the target group of the homelessness work. Only citizens in the target group are registered.") +
          "</p>";
  body += notice;
  std::string fields1, fields2;
  html::Field own = F(T::kRadio, "own_home", ctx.T("Har borgeren egen ejet eller lejet bolig eller eget værelse?", "Does the citizen have their own owned or rented dwelling or room?"),
                      ctx.T("Med de rettigheder, en lejekontrakt giver.", "With the rights of a lease."));
  own.options = YesNo(ctx);
  fields1 += field(own);
  html::Field sit = F(T::kSelect, "situation", ctx.T("Hvor bor eller opholder borgeren sig nu?", "Where does the citizen live or stay now?"), "", true);
  sit.options = Options(l, "situation");
  sit.empty_option = ctx.T("Vælg boligsituation", "Choose a housing situation");
  fields1 += field(sit);
  html::Field night = F(T::kRadio, "night", ctx.T("Har borgeren et sted at sove den kommende nat?", "Does the citizen have a place to stay the coming night?"));
  night.options = YesNo(ctx);
  fields1 += field(night);
  html::Field ready = F(T::kRadio, "ready_for_housing", ctx.T("Er borgeren klar til at flytte i egen bolig med støtte?", "Is the citizen ready to move into a home with support?"),
                        ctx.T("Kun ved ophold på herberg eller forsorgshjem.", "Only for a stay at a shelter."));
  ready.options = YesNo(ctx);
  fields1 += field(ready);
  fields1 += field(F(T::kDate, "release_expected", ctx.T("Forventet dato for løsladelse eller udskrivning", "Expected date of release or discharge"),
                     ctx.T("Kun ved fængsel, hospital eller behandling. Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Only for prison, hospital or treatment. Written DD.MM.YYYY or YYYY-MM-DD.")));
  html::Field rh = F(T::kRadio, "release_housing", ctx.T("Har borgeren en bolig at komme til ved løsladelse eller udskrivning?", "Does the citizen have a home to go to on release or discharge?"));
  rh.options = YesNo(ctx);
  fields1 += field(rh);

  html::Field name = F(T::kText, "name", ctx.T("Navn", "Name"));
  name.max_length = kMaxNameLength;
  name.autocomplete = "off";
  name.input_class = "input-width-xl";
  fields2 += field(name);
  html::Field cpr = F(T::kText, "cpr", ctx.T("CPR-nummer", "CPR number"),
                      ctx.T("DDMMÅÅ-SSSS. Har borgeren intet CPR-nummer, så skriv fødselsdatoen i stedet.", "DDMMYY-SSSS. If the citizen has no CPR number, give the birth date instead."));
  cpr.autocomplete = "off";
  cpr.input_class = "input-width-s";
  fields2 += field(cpr);
  fields2 += CprWarning(ctx, values, false);
  html::Field birth = F(T::kDate, "birth_date", ctx.T("Fødselsdato (hvis intet CPR-nummer)", "Birth date (if no CPR number)"), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."));
  birth.input_class = "input-width-s";
  fields2 += field(birth);
  html::Field ref = F(T::kSelect, "referred_by", ctx.T("Henvist af", "Referred by"));
  ref.options = Options(l, "referral");
  ref.empty_option = ctx.T("Ikke oplyst", "Not given");
  fields2 += field(ref);
  html::Field date = F(T::kDate, "date", ctx.T("Registreringsdato", "Date of registration"), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true);
  date.input_class = "input-width-s";
  fields2 += field(date);
  html::Field since = F(T::kDate, "situation_since", ctx.T("Boligsituationen gælder fra", "The housing situation holds from"),
                        ctx.T("Fx datoen for indskrivning på forsorgshjemmet. Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "E.g. the date of admission to the shelter. Written YYYY-MM-DD."), true);
  since.input_class = "input-width-s";
  fields2 += field(since);

  body += html::ErrorSummary(l, "intake-", errors, labels);
  body += "<form method=\"post\" action=\"/borgere/ny\" class=\"intake-form\" novalidate hx-post=\"/borgere/screening\" "
          "hx-trigger=\"change\" hx-target=\"#screening-result\" hx-swap=\"outerHTML\">";
  body += html::HiddenInput("csrf_token", ctx.session->csrf_token);
  body += "<div class=\"row\"><div class=\"col-12 col-lg-7\">";
  body += "<fieldset class=\"form-section\"><legend class=\"h2\">" + ctx.T("1. Målgruppevurdering", "1. Target-group screening") + "</legend>";
  body += "<p>" + ctx.T("Målgruppen er borgere uden egen ejet eller lejet bolig eller værelse, som bor i midlertidige alternativer (herberg, forsorgshjem, hotel, udslusningsbolig), bor midlertidigt og uden kontrakt hos familie, venner eller bekendte, eller ikke har et sted at sove den kommende nat. Løsladelse eller udskrivning inden for en måned uden bolig tæller også med.",
                        "The target group is citizens without their own owned or rented dwelling or room who live in temporary alternatives (shelter, hostel, hotel, exit housing), stay temporarily and without a contract with family, friends or acquaintances, or have no place to stay the coming night. Release or discharge within a month without a home also counts.") + "</p>";
  body += fields1 + "</fieldset>";
  body += "<fieldset class=\"form-section\"><legend class=\"h2\">" + ctx.T("2. Borgeren", "2. The citizen") + "</legend>" + fields2 + "</fieldset>";
  body += "</div><div class=\"col-12 col-lg-5\"><div class=\"screening-panel\"><h2 class=\"h3\">" + ctx.T("Vurdering", "Result") + "</h2>";
  body += show_result ? ScreeningBox(ctx, ScreenForm(values, ctx.today))
                      : "<div id=\"screening-result\" aria-live=\"polite\" data-screening=\"incomplete\"><p>" +
                            ctx.T("Svaret vises her, når spørgsmålene er besvaret.", "The answer shows here when the questions are answered.") + "</p></div>";
  body += "<button type=\"submit\" name=\"action\" value=\"screen\" class=\"button button-secondary mt-4\">" + ctx.T("Vurdér målgruppe", "Screen") + "</button>";
  body += "</div></div></div>";
  body += "<div class=\"button-row\"><button type=\"submit\" name=\"action\" value=\"register\" class=\"button button-primary\">" +
          ctx.T("Registrér borger", "Register citizen") + "</button></div>";
  body += "</form>";
  return Render(ctx, status, ctx.T("Registrér borger", "Register a citizen"), "intake", body);
}

}  // namespace

http::Response Screening(PageContext& ctx) {
  if (!Allowed(ctx.who().role, Permission::kRegisterCitizens))
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");
  auto form = ParseForm(ctx.req);
  http::Response r = http::Response::Html(
      200, ScreeningBox(ctx, ScreenForm(*form, ctx.today)) + CprWarning(ctx, *form, true));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

http::Response Intake(PageContext& ctx) {
  const Principal& p = ctx.who();
  if (!Allowed(p.role, Permission::kRegisterCitizens))
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Kun myndighedssagsbehandlere og ledere registrerer borgere.", "Only caseworkers and leaders register citizens."));
  if (ctx.req.method != "POST") {
    html::Values v{{"date", ctx.today.ToString()}, {"situation_since", ctx.today.ToString()}};
    return IntakePage(ctx, 200, v, {}, "", false);
  }
  html::Values v = *ParseForm(ctx.req);
  v.erase("csrf_token");
  if (Get(v, "action") != "register") return IntakePage(ctx, 200, v, {}, "", true);

  ScreeningResult s = ScreenForm(v, ctx.today);
  if (s.outcome != ScreeningOutcome::kIn) {
    html::Errors errors;
    if (Get(v, "situation").empty()) errors["situation"] = html::FieldReason(ctx.lang, "required", "is required");
    std::string notice = html::AlertBox(ctx.lang, "error", ctx.T("Borgeren blev ikke registreret", "The citizen was not registered"),
                                        html::Esc(s.outcome == ScreeningOutcome::kOut
                                                      ? ctx.T("Borgeren er ikke i målgruppen.", "The citizen is not in the target group.")
                                                      : ctx.T("Målgruppevurderingen er ikke færdig.", "The screening is not finished.")));
    return IntakePage(ctx, 422, v, errors, notice, true);
  }

  // The entries as JSON, validated exactly as the journal does; the key is chosen when stored.
  using json = nlohmann::json;
  auto put = [&](json& j, const char* field, const std::string& form_name) {
    std::string value = Get(v, form_name);
    if (!value.empty()) j[field] = value;
  };
  json reg{{"kind", "registered"}};
  put(reg, "date", "date");
  put(reg, "cpr", "cpr");
  put(reg, "birth_date", "birth_date");
  put(reg, "name", "name");
  put(reg, "referred_by", "referred_by");
  json housing{{"kind", "housing"}};
  put(housing, "date", "situation_since");
  put(housing, "situation", "situation");
  auto sit = ParseName<Situation>(kSituationNames, Get(v, "situation"));
  if (sit && *sit == Situation::kShelter && !Get(v, "ready_for_housing").empty())
    housing["ready_for_housing"] = Get(v, "ready_for_housing") == "yes";
  std::vector<json> docs{reg, housing};
  std::vector<std::map<std::string, std::string>> renames{{}, {{"date", "situation_since"}}};
  if (sit && IsInstitution(*sit)) {
    json rel{{"kind", "release_planned"}, {"from", std::string(SituationName(*sit))}, {"housing_solution", false}};
    put(rel, "date", "date");
    put(rel, "expected", "release_expected");
    docs.push_back(rel);
    renames.push_back({{"expected", "release_expected"}, {"from", "situation"}, {"housing_solution", "release_housing"}});
  }
  std::vector<BatchError> problems;
  auto registered = RegisterCitizen(ctx.web.app(), p, docs, &problems);
  html::Errors errors;
  if (!registered.ok()) {
    for (const auto& be : problems) {
      std::vector<FieldError> one{be.error};
      for (auto& [f, m] : TranslateErrors(ctx, one, renames[std::min(be.index, renames.size() - 1)])) errors.emplace(f, m);
    }
    if (errors.empty()) errors["name"] = ctx.T("Borgeren kunne ikke gemmes. Prøv igen.", "The citizen could not be saved. Please try again.");
  }
  if (!errors.empty()) return IntakePage(ctx, 422, v, errors, "", true);
  return RedirectTo(ctx, "/borger/" + html::UrlEncode(registered->citizen) + "?registreret=1");
}

http::Response CitizenList(PageContext& ctx) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  const http::Request& r = ctx.req;
  std::string q = r.Query("q").value_or("");
  if (q.size() > 200) q.resize(200);
  std::string situation = r.Query("situation").value_or("");
  std::string method = r.Query("method").value_or("");
  std::string alert = r.Query("alert").value_or("");
  CitizenQuery query;
  query.q = q;
  query.situation = situation;
  query.method = method;
  query.alert = alert;
  query.page = r.Query("page").value_or("1");
  auto list = ListCitizens(ctx.web.app(), p, query);
  if (!list.ok()) {
    if (list.status().code() == StatusCode::kInvalidArgument)
      return ErrorPage(ctx, 422, ctx.T("Ugyldig side", "Invalid page"), ctx.T("Sidetallet skal være et helt tal fra 1.", "The page must be a whole number from 1."));
    return ErrorPage(ctx, list.status().code() == StatusCode::kPermissionDenied ? 403 : 500, ctx.T("Ingen adgang", "No access"), "");
  }
  const size_t page = list->page;
  const size_t total = list->total;
  const report::Thresholds& thresholds = list->thresholds;
  struct Row {
    std::string key, name, situation;
    std::optional<int> age;
    std::vector<std::string> methods, alerts;
  };
  std::vector<Row> rows;
  for (const CitizenRow& c : list->rows) {
    Row row{c.key, c.name.value_or(""), c.situation ? std::string(SituationName(*c.situation)) : "", c.age, {}, {}};
    for (Method m : c.open_methods) row.methods.push_back(std::string(MethodName(m)));
    for (const auto& a : c.alerts) row.alerts.push_back(a.rule);
    rows.push_back(std::move(row));
  }

  // Results (also the htmx fragment).
  std::string results = "<div id=\"citizen-results\" aria-live=\"polite\">";
  results += "<p class=\"result-count\" data-total=\"" + std::to_string(total) + "\">" +
             (total == 0 ? ctx.T("Ingen borgere fundet", "No citizens found")
                         : "<strong>" + html::FormatInt(l, static_cast<long long>(total)) + "</strong> " +
                               (total == 1 ? ctx.T("borger", "citizen") : ctx.T("borgere", "citizens"))) +
             "</p>";
  if (!rows.empty()) {
    results += "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + ctx.T("Borgere", "Citizens") +
               "\"><table class=\"table table--compact citizen-table\"><caption class=\"sr-only\">" + ctx.T("Borgere", "Citizens") +
               "</caption><thead><tr><th scope=\"col\">" + ctx.T("Navn", "Name") + "</th><th scope=\"col\">" + ctx.T("Borger-id", "Citizen id") +
               "</th><th scope=\"col\" class=\"num\">" + ctx.T("Alder", "Age") + "</th><th scope=\"col\">" + ctx.T("Boligsituation", "Housing situation") +
               "</th><th scope=\"col\">" + ctx.T("Åbne forløb", "Open courses") + "</th><th scope=\"col\">" + ctx.T("Advarsler", "Alerts") + "</th></tr></thead><tbody>";
    for (const auto& row : rows) {
      std::string href = "/borger/" + html::UrlEncode(row.key);
      results += "<tr><td><a href=\"" + html::Esc(href) + "\">" + html::Esc(row.name.empty() ? ctx.T("(uden navn)", "(no name)") : row.name) + "</a></td><td>" +
                 html::Esc(row.key) + "</td><td class=\"num\">" + (row.age ? std::to_string(*row.age) : "–") + "</td><td>" +
                 html::Esc(row.situation.empty() ? "–" : html::Label(l, "situation", row.situation)) + "</td><td>";
      std::string m;
      for (const auto& x : row.methods) m += (m.empty() ? "" : ", ") + html::Label(l, "method", x);
      results += html::Esc(m.empty() ? "–" : m) + "</td><td>";
      for (const auto& a : row.alerts) {
        auto w = html::AlertLabel(l, a, thresholds.shelter_months, thresholds.youth_age, thresholds.cti_months, thresholds.release_days,
                                  thresholds.action_plan_days);
        results += "<span class=\"badge badge-warning alert-badge\">" + html::Esc(w.name) + "</span> ";
      }
      if (row.alerts.empty()) results += "–";
      results += "</td></tr>";
    }
    results += "</tbody></table></div>";
  }
  size_t pages = (total + list->page_size - 1) / list->page_size;
  if (pages > 1) {
    auto link = [&](size_t pg) {
      return "/borgere?q=" + html::UrlEncode(q) + "&situation=" + html::UrlEncode(situation) + "&method=" + html::UrlEncode(method) +
             "&alert=" + html::UrlEncode(alert) + "&page=" + std::to_string(pg);
    };
    results += "<nav class=\"pagination-simple\" aria-label=\"" + ctx.T("Sider", "Pages") + "\"><p>" + ctx.T("Side ", "Page ") + std::to_string(page) +
               ctx.T(" af ", " of ") + std::to_string(pages) + "</p><ul class=\"unstyled-list inline-list\">";
    if (page > 1) results += "<li><a class=\"button button-secondary\" href=\"" + html::Esc(link(page - 1)) + "\">" + ctx.T("Forrige side", "Previous page") + "</a></li>";
    if (page < pages) results += "<li><a class=\"button button-secondary\" href=\"" + html::Esc(link(page + 1)) + "\">" + ctx.T("Næste side", "Next page") + "</a></li>";
    results += "</ul></nav>";
  }
  results += "</div>";
  if (ctx.htmx && ctx.req.Header("HX-Target").value_or("") == "citizen-results") {
    http::Response resp = http::Response::Html(200, results);
    resp.SetHeader("Cache-Control", "no-store");
    resp.SetHeader("Vary", "HX-Request");
    return resp;
  }

  std::string body = "<h1>" + ctx.T("Borgere", "Citizens") + "</h1>";
  if (p.role == Role::kWorker)
    body += "<p class=\"font-lead\">" + ctx.T("Borgere, hvis forløb du er tovholder på.", "Citizens whose course you hold.") + "</p>";
  body += "<form method=\"get\" action=\"/borgere\" role=\"search\" class=\"filter-form\" hx-get=\"/borgere\" hx-target=\"#citizen-results\" "
          "hx-swap=\"outerHTML\" hx-push-url=\"true\" hx-trigger=\"submit, change\">";
  body += "<div class=\"filter-grid\">";
  html::Values fv{{"q", q}};
  html::Field search;
  search.type = html::Field::Type::kSearch;
  search.name = "q";
  search.label = ctx.T("Søg på navn, borger-id eller CPR-nummer", "Search by name, citizen id or CPR number");
  search.autocomplete = "off";
  body += html::RenderField(l, search, "list-", fv, {});
  body += "<div class=\"form-group\"><label class=\"form-label\" for=\"list-situation\">" + ctx.T("Boligsituation", "Housing situation") +
          "</label><select class=\"form-select\" id=\"list-situation\" name=\"situation\"><option value=\"\">" + ctx.T("Alle", "All") + "</option>";
  body += "<option value=\"homeless\"" + Selected(situation, "homeless") + ">" + ctx.T("Alle hjemløse", "All homeless") + "</option>";
  for (const auto& id : html::Ids("situation"))
    body += "<option value=\"" + html::Esc(id) + "\"" + Selected(situation, id) + ">" + html::Esc(html::Label(l, "situation", id)) + "</option>";
  body += "</select></div>";
  body += "<div class=\"form-group\"><label class=\"form-label\" for=\"list-method\">" + ctx.T("Åbent forløb", "Open course") +
          "</label><select class=\"form-select\" id=\"list-method\" name=\"method\"><option value=\"\">" + ctx.T("Alle", "All") + "</option>";
  for (const auto& id : html::Ids("method"))
    body += "<option value=\"" + html::Esc(id) + "\"" + Selected(method, id) + ">" + html::Esc(html::Label(l, "method", id)) + "</option>";
  body += "</select></div>";
  if (Allowed(p.role, Permission::kReadAlerts)) {
    body += "<div class=\"form-group\"><label class=\"form-label\" for=\"list-alert\">" + ctx.T("Advarsel", "Alert") +
            "</label><select class=\"form-select\" id=\"list-alert\" name=\"alert\"><option value=\"\">" + ctx.T("Alle", "All") + "</option>";
    for (const auto& id : html::AlertRules()) {
      auto w = html::AlertLabel(l, id, thresholds.shelter_months, thresholds.youth_age, thresholds.cti_months, thresholds.release_days,
                                thresholds.action_plan_days);
      body += "<option value=\"" + html::Esc(id) + "\"" + Selected(alert, id) + ">" + html::Esc(w.name) + "</option>";
    }
    body += "</select></div>";
  }
  body += "</div><button type=\"submit\" class=\"button button-primary\">" + ctx.T("Søg", "Search") + "</button>";
  if (Allowed(p.role, Permission::kRegisterCitizens))
    body += " <a class=\"button button-secondary\" href=\"/borgere/ny\">" + ctx.T("Registrér ny borger", "Register a new citizen") + "</a>";
  body += "</form>";
  body += results;
  return Render(ctx, 200, ctx.T("Borgere", "Citizens"), "citizens", body);
}

}  // namespace tov::web::pages
