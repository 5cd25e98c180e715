// The outreach page (DESIGN §10): /opsoegende for a municipality's caseworkers and leaders — the
// outreach contacts of the last 14 days (the night's first), a form to register an anonymous
// person met on the street (alias, age estimate, place: a registration, the situation `street`
// and the contact, in one transaction) and a form to record an outreach contact with place and
// night. Thin adapters over app/outreach.h, RegisterCitizen and RecordEntry (app/citizens.h), the
// API's functions; the identification is a form of the citizen page (page_citizen.cc).
#include <algorithm>
#include <cctype>
#include <set>

#include "app/citizens.h"
#include "app/outreach.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using FT = html::Field::Type;
constexpr int kRecentDays = 14;

json Number(const std::string& v) {
  if (!v.empty() && v.size() <= 9 && std::all_of(v.begin(), v.end(), ::isdigit)) return std::stoll(v);
  return v;
}

std::vector<html::Field> AnonymousFields(const PageContext& ctx) {
  std::vector<html::Field> f;
  f.push_back(F(FT::kDate, "date", ctx.T("Dato", "Date"), ctx.T("Natten regnes til den dato, vagten begyndte. ÅÅÅÅ-MM-DD.", "A night counts on the date the shift began. YYYY-MM-DD."), true));
  f.back().input_class = "input-width-s";
  f.push_back(F(FT::kText, "alias", ctx.T("Kaldenavn", "Alias"),
                ctx.T("Det navn, I kender personen under, fx \"Manden med hunden\". Intet CPR-nummer.", "The name you know the person by. No CPR number."), true));
  f.push_back(F(FT::kNumber, "age_estimate", ctx.T("Anslået alder", "Estimated age"), ctx.T("Hele år, 12–100. Giv et skøn, når du kan: uden alder tæller statusrapporten personen som under 18 år.", "Whole years, 12–100. Give an estimate when you can: without an age the status report counts the person as under 18.")));
  f.back().input_class = "input-width-xs";
  f.push_back(F(FT::kText, "place", ctx.T("Sted", "Place"), ctx.T("Hvor I mødte personen, fx Hovedbanegården.", "Where you met the person.")));
  f.push_back(F(FT::kNumber, "minutes", ctx.T("Varighed i minutter", "Duration in minutes"), "", true));
  f.back().input_class = "input-width-xs";
  f.push_back(F(FT::kCheckbox, "night", ctx.T("Mødt om natten", "Met at night")));
  return f;
}

std::vector<html::Field> ContactFields(const PageContext& ctx, const std::vector<OutreachContactRow>& rows) {
  std::vector<html::Field> f;
  html::Field who = F(FT::kSelect, "citizen", ctx.T("Person", "Person"), ctx.T("Personer mødt de seneste 14 dage.", "People met in the last 14 days."), true);
  std::set<std::string> seen;
  for (const auto& r : rows)
    if (seen.insert(r.citizen).second)
      who.options.push_back({r.citizen, r.shown_as + " (" + r.citizen + ")"});
  who.empty_option = ctx.T("Vælg person", "Choose a person");
  f.push_back(who);
  f.push_back(F(FT::kDate, "date", ctx.T("Dato", "Date"), ctx.T("Skrives ÅÅÅÅ-MM-DD.", "Written YYYY-MM-DD."), true));
  f.back().input_class = "input-width-s";
  f.push_back(F(FT::kText, "place", ctx.T("Sted", "Place"), ctx.T("Kan udelades.", "May be left out.")));
  f.push_back(F(FT::kNumber, "minutes", ctx.T("Varighed i minutter", "Duration in minutes"), "", true));
  f.back().input_class = "input-width-xs";
  f.push_back(F(FT::kCheckbox, "night", ctx.T("Om natten", "At night")));
  return f;
}

std::string FormHtml(const PageContext& ctx, const char* form_id, const std::string& heading,
                     const std::vector<html::Field>& fields, const html::Values& values, const html::Errors& errors) {
  std::map<std::string, std::string> labels;
  for (const auto& f : fields) labels[f.name] = f.label;
  const std::string prefix = std::string(form_id) + "-";
  std::string out = "<section class=\"outreach-form\" id=\"" + std::string(form_id) + "\"><h2 class=\"h3\">" + html::Esc(heading) + "</h2>";
  if (!errors.empty()) out += html::ErrorSummary(ctx.lang, prefix, errors, labels);
  out += "<form method=\"post\" action=\"/opsoegende\" novalidate>" + html::HiddenInput("csrf_token", ctx.session->csrf_token) +
         html::HiddenInput("form", form_id);
  for (const auto& f : fields) out += html::RenderField(ctx.lang, f, prefix, values, errors);
  out += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Gem", "Save") + "</button></form></section>";
  return out;
}

struct FormState {
  std::string which;  // "anonymous" or "contact"
  html::Values values;
  html::Errors errors;
};

http::Response OutreachPage(PageContext& ctx, int status, const FormState& posted, const std::string& notice) {
  const Lang l = ctx.lang;
  auto rows = RecentOutreach(ctx.web.app(), ctx.who(), ctx.today.AddDays(-kRecentDays), ctx.today);
  if (!rows.ok())
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Din rolle giver ikke adgang til opsøgende arbejde.", "Your role gives no access to outreach."));
  std::string body = "<h1>" + ctx.T("Opsøgende arbejde", "Outreach") + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("Kontakter på gaden de seneste 14 dage. En person, der ikke vil oplyse sin identitet, registreres anonymt under et kaldenavn; "
                "giver personen senere sin identitet med samtykke, registreres det på borgerens side (\"Identificeret\").",
                "Street contacts of the last 14 days. A person who will not give their identity is registered anonymously under an alias; "
                "when they later give it with consent, record it on the citizen's page (\"Identified\").") + "</p>";
  body += notice;
  body += "<h2 class=\"h3\">" + ctx.T("Seneste kontakter", "Recent contacts") + "</h2>";
  if (rows->empty()) {
    body += "<p id=\"outreach-none\">" + ctx.T("Ingen opsøgende kontakter de seneste 14 dage.", "No outreach contacts in the last 14 days.") + "</p>";
  } else {
    body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" id=\"outreach-contacts\"><thead><tr><th scope=\"col\">" +
            ctx.T("Dato", "Date") + "</th><th scope=\"col\">" + ctx.T("Person", "Person") + "</th><th scope=\"col\">" + ctx.T("Sted", "Place") +
            "</th><th scope=\"col\">" + ctx.T("Nat", "Night") + "</th><th scope=\"col\" class=\"num\">" + ctx.T("Minutter", "Minutes") +
            "</th><th scope=\"col\">" + ctx.T("Medarbejder", "Worker") + "</th></tr></thead><tbody>";
    for (const auto& r : *rows) {
      std::string who = "<a href=\"/borger/" + html::Esc(r.citizen) + "\">" + html::Esc(r.shown_as) + "</a>";
      if (r.anonymous) who += " <span class=\"badge\">" + ctx.T("anonym", "anonymous") + "</span>";
      body += "<tr><td>" + html::FormatDate(l, r.date) + "</td><td>" + who + "</td><td>" + html::Esc(r.place.value_or("")) + "</td><td>" +
              (r.night ? ctx.T("Ja", "Yes") : ctx.T("Nej", "No")) + "</td><td class=\"num\">" + std::to_string(r.minutes) + "</td><td>" +
              html::Esc(r.worker) + "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  auto values_for = [&](const std::string& which) {
    if (posted.which == which) return posted.values;
    return html::Values{{"date", ctx.today.ToString()}};
  };
  auto errors_for = [&](const std::string& which) { return posted.which == which ? posted.errors : html::Errors{}; };
  body += FormHtml(ctx, "anonymous", ctx.T("Registrér anonym person mødt på gaden", "Register an anonymous person met on the street"),
                   AnonymousFields(ctx), values_for("anonymous"), errors_for("anonymous"));
  if (!rows->empty())
    body += FormHtml(ctx, "contact", ctx.T("Registrér opsøgende kontakt", "Record an outreach contact"), ContactFields(ctx, *rows),
                     values_for("contact"), errors_for("contact"));
  return Render(ctx, status, ctx.T("Opsøgende arbejde", "Outreach"), "outreach", body);
}

}  // namespace

http::Response OutreachGet(PageContext& ctx) {
  std::string notice;
  if (auto saved = ctx.req.Query("gemt"))
    notice = html::AlertBox(ctx.lang, "success", ctx.T("Gemt", "Saved"),
                            *saved == "anonymous" ? ctx.T("Personen er registreret anonymt, og kontakten er gemt.", "The person is registered anonymously and the contact saved.")
                                                  : ctx.T("Kontakten er gemt.", "The contact is saved."));
  return OutreachPage(ctx, 200, {}, notice);
}

http::Response OutreachPost(PageContext& ctx) {
  const Principal& p = ctx.who();
  html::Values form = *ParseForm(ctx.req);
  FormState posted;
  posted.which = Get(form, "form");
  if (posted.which != "anonymous" && posted.which != "contact") return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), "");
  for (const char* k : {"date", "alias", "age_estimate", "place", "minutes", "night", "citizen"}) posted.values[k] = Get(form, k);
  const std::string date = Get(form, "date");
  json contact{{"kind", "contact"}, {"worker", p.user}, {"mode", "outreach"}, {"by", p.user}};
  if (!date.empty()) contact["date"] = date;
  if (!Get(form, "minutes").empty()) contact["minutes"] = Number(Get(form, "minutes"));
  if (!Get(form, "place").empty()) contact["place"] = Get(form, "place");
  contact["night"] = Get(form, "night") == "true";
  StatusOr<Recorded> r = Status::Ok();
  std::map<std::string, std::string> rename;
  if (posted.which == "anonymous") {
    json reg{{"kind", "registered"}, {"anonymous", true}, {"referred_by", "outreach"}, {"by", p.user}};
    if (!date.empty()) reg["date"] = date;
    if (!Get(form, "alias").empty()) reg["alias"] = Get(form, "alias");
    if (!Get(form, "age_estimate").empty()) reg["age_estimate"] = Number(Get(form, "age_estimate"));
    json street{{"kind", "housing"}, {"situation", "street"}, {"by", p.user}};
    if (!date.empty()) street["date"] = date;
    r = RegisterCitizen(ctx.web.app(), p, {reg, street, contact});
  } else {
    contact["citizen"] = Get(form, "citizen");
    if (!p.municipality.empty()) contact["municipality"] = p.municipality;
    r = RecordEntry(ctx.web.app(), p, contact);
  }
  if (!r.ok()) {
    const Status& s = r.status();
    if (s.code() == StatusCode::kPermissionDenied)
      return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Din rolle må ikke registrere dette.", "Your role may not record this."));
    std::vector<FieldError> fields = s.field_errors();
    if (fields.empty()) fields.push_back({posted.which == "contact" ? "citizen" : "alias", s.message()});
    posted.errors = TranslateErrors(ctx, fields, rename);
    return OutreachPage(ctx, 422, posted,
                        html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                                       "<a href=\"#" + posted.which + "\">" + ctx.T("Ret fejlene i formularen", "Correct the errors in the form") + "</a>"));
  }
  return RedirectTo(ctx, "/opsoegende?gemt=" + posted.which);
}

}  // namespace tov::web::pages
