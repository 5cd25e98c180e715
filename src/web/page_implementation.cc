// The travel team's pages (DESIGN §10): /implementering, the choice of municipality (the national
// role) or the way to one's own; /implementering/{code}, one municipality's implementation stage
// per method, the support it received, its fidelity figures against the norms, and the forms that
// record a support activity (the travel team) and an implementation status (the travel team, and
// a municipality's leader for their own).
//
// Thin adapters over src/app/implementation.h and RecordEntry (src/app/citizens.h): who may record
// what about which municipality is the access policy's (MayRecordAboutMunicipality), every figure
// the implementation report's.
#include <algorithm>
#include <cctype>

#include "app/citizens.h"
#include "app/implementation.h"
#include "domain/entry_json.h"
#include "domain/municipality.h"
#include "report/implementation_formats.h"
#include "report/labels.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using FT = html::Field::Type;

json Number(const std::string& v) {
  if (!v.empty() && v.size() <= 9 && std::all_of(v.begin(), v.end(), ::isdigit)) return std::stoll(v);
  return v;
}

template <size_t N>
std::vector<std::pair<std::string, std::string>> Options(const PageContext& ctx, const char* table,
                                                         const std::array<std::string_view, N>& names) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view n : names)
    out.push_back({std::string(n), ctx.lang == Lang::kEn ? report::LabelEn(table, n) : report::LabelDa(table, n)});
  return out;
}

std::vector<html::Field> SupportFields(const PageContext& ctx) {
  std::vector<html::Field> f;
  f.push_back(F(FT::kDate, "date", ctx.T("Dato", "Date"), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true));
  f.back().input_class = "input-width-s";
  html::Field a = F(FT::kSelect, "activity", ctx.T("Støtteform", "Kind of support"), "", true);
  a.options = Options(ctx, "support_kind", kSupportKindNames);
  a.empty_option = ctx.T("Vælg", "Choose");
  f.push_back(a);
  html::Field t = F(FT::kSelect, "topic", ctx.T("Emne", "Topic"), "", true);
  t.options = Options(ctx, "support_topic", kSupportTopicNames);
  t.empty_option = ctx.T("Vælg", "Choose");
  f.push_back(t);
  f.push_back(F(FT::kNumber, "minutes", ctx.T("Minutter", "Minutes"), ctx.T("Hele minutter.", "Whole minutes."), true));
  f.back().input_class = "input-width-xs";
  f.push_back(F(FT::kNumber, "participants", ctx.T("Deltagere", "Participants"), ctx.T("Kan udelades.", "May be left out.")));
  f.back().input_class = "input-width-xs";
  f.push_back(F(FT::kText, "with", ctx.T("Andre kommuner i netværket", "Other municipalities of the network"),
                ctx.T("Kommunekoder adskilt af komma, fx 730, 101. Minutterne tæller kun for denne kommune.",
                      "Municipality codes separated by commas, e.g. 730, 101. The minutes count for this municipality only.")));
  return f;
}

std::vector<html::Field> StatusFields(const PageContext& ctx) {
  std::vector<html::Field> f;
  f.push_back(F(FT::kDate, "date", ctx.T("Dato", "Date"), ctx.T("Fra hvilken dag gælder fasen? DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "From which day does the stage hold? DD.MM.YYYY or YYYY-MM-DD."), true));
  f.back().input_class = "input-width-s";
  html::Field m = F(FT::kSelect, "method", ctx.T("Metode", "Method"), "", true);
  m.options = Options(ctx, "impl_method", kImplMethodNames);
  m.empty_option = ctx.T("Vælg", "Choose");
  f.push_back(m);
  html::Field s = F(FT::kRadio, "stage", ctx.T("Fase", "Stage"), "", true);
  s.options = Options(ctx, "impl_stage", kImplStageNames);
  f.push_back(s);
  f.push_back(F(FT::kTextarea, "text", ctx.T("Bemærkning", "Remark"), ctx.T("Kan udelades.", "May be left out.")));
  f.back().max_length = kMaxTextLength;
  return f;
}

std::string FormHtml(const PageContext& ctx, const std::string& code, const char* form_id, const std::string& heading,
                     const std::vector<html::Field>& fields, const html::Values& values, const html::Errors& errors) {
  std::map<std::string, std::string> labels;
  for (const auto& f : fields) labels[f.name] = f.label;
  std::string prefix = std::string(form_id) + "-";
  std::string out = "<section class=\"implementation-form\" id=\"" + std::string(form_id) + "\"><h2 class=\"h3\">" +
                    html::Esc(heading) + "</h2>";
  if (!errors.empty()) out += html::ErrorSummary(ctx.lang, prefix, errors, labels);
  out += "<form method=\"post\" action=\"/implementering/" + html::Esc(code) + "\" novalidate>" +
         html::HiddenInput("csrf_token", ctx.session->csrf_token) + html::HiddenInput("form", form_id);
  for (const auto& f : fields) out += html::RenderField(ctx.lang, f, prefix, values, errors);
  out += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Gem", "Save") + "</button></form></section>";
  return out;
}

http::Response Refused(PageContext& ctx, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied)
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Din rolle giver ikke adgang til denne kommunes implementering.",
                           "Your role gives no access to this municipality's implementation."));
  return ErrorPage(ctx, 422, ctx.T("Ugyldigt valg", "Invalid choice"), html::Esc(s.message()));
}

struct FormState {
  std::string which;  // "support" or "status": the form posted
  html::Values values;
  html::Errors errors;
};

http::Response MunicipalityPage(PageContext& ctx, const std::string& code, int status, const FormState& posted,
                                const std::string& notice) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  auto report = MakeImplementationReport(ctx.web.app(), p, {ctx.today, std::nullopt, code});
  if (!report.ok()) return Refused(ctx, report.status());
  auto entries = MunicipalityEntries(ctx.web.app(), p, code);
  if (!entries.ok()) return Refused(ctx, entries.status());
  const json& m = report->figures["municipalities"][code];
  const std::string name = html::MunicipalityName(code);

  std::string body = "<p class=\"d-print-none\">";
  if (Allowed(p.role, Permission::kReadNationalFigures))
    body += "<a href=\"/implementering\">" + ctx.T("Alle kommuner", "All municipalities") + "</a>";
  body += "</p><h1>" + ctx.T("Implementering: ", "Implementation: ") + html::Esc(name) + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("Metodernes implementering, rejseholdets støtte og metodefideliteten pr. ",
                "The methods' implementation, the travel team's support and method fidelity as of ") +
          html::FormatDate(l, ctx.today) + ".</p>";
  body += "<p class=\"d-print-none\"><a class=\"button button-secondary\" data-testid=\"implementation-csv\" href=\"/implementering/" +
          html::Esc(code) + "?format=csv\" download>" + ctx.T("Hent CSV", "Download CSV") +
          "</a> <button type=\"button\" class=\"button button-secondary js-print\" hidden>" + ctx.T("Udskriv", "Print") + "</button></p>";
  body += notice;

  // Stages per method.
  body += "<h2 class=\"h3\">" + ctx.T("Implementering pr. metode", "Implementation per method") + "</h2>";
  const json& methods = m["methods"];
  if (methods.empty()) {
    body += "<p>" + ctx.T("Ingen implementeringsstatus er registreret.", "No implementation status is recorded.") + "</p>";
  } else {
    body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" id=\"methods\"><thead><tr><th scope=\"col\">" +
            ctx.T("Metode", "Method") + "</th><th scope=\"col\">" + ctx.T("Fase", "Stage") + "</th><th scope=\"col\">" +
            ctx.T("Siden", "Since") + "</th></tr></thead><tbody>";
    for (std::string_view method : kImplMethodNames) {
      auto it = methods.find(std::string(method));
      if (it == methods.end()) continue;
      const std::string stage = (*it)["stage"].get<std::string>();
      auto date = ParseDate((*it)["date"].get<std::string>());
      body += "<tr><th scope=\"row\">" + html::Esc(html::Label(l, "impl_method", method)) + "</th><td><span class=\"stage stage-" +
              html::Esc(stage) + "\">" + html::Esc(html::Label(l, "impl_stage", stage)) + "</span></td><td>" +
              (date ? html::FormatDate(l, *date) : std::string()) + "</td></tr>";
    }
    body += "</tbody></table></div>";
  }

  // Support received.
  const json& support = m["support_minutes_12m"];
  body += "<h2 class=\"h3\">" + ctx.T("Rejseholdets støtte de seneste 12 måneder", "The travel team's support in the last 12 months") + "</h2>";
  body += "<p>" + ctx.T("I alt ", "In all ") + html::FormatInt(l, support["value"].get<int64_t>()) + ctx.T(" minutter.", " minutes.") + "</p>";
  std::vector<const Entry*> activities;
  for (const Entry& e : *entries)
    if (e.As<SupportActivity>()) activities.push_back(&e);
  if (!activities.empty()) {
    body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" id=\"support-list\"><thead><tr><th scope=\"col\">" +
            ctx.T("Dato", "Date") + "</th><th scope=\"col\">" + ctx.T("Støtteform", "Kind") + "</th><th scope=\"col\">" +
            ctx.T("Emne", "Topic") + "</th><th scope=\"col\">" + ctx.T("Minutter", "Minutes") + "</th><th scope=\"col\">" +
            ctx.T("Deltagere", "Participants") + "</th><th scope=\"col\">" + ctx.T("Med", "With") + "</th></tr></thead><tbody>";
    for (const Entry* e : activities) {
      const auto* a = e->As<SupportActivity>();
      std::string with;
      if (a->with)
        for (const std::string& c : *a->with) with += (with.empty() ? "" : ", ") + html::Esc(html::MunicipalityName(c));
      body += "<tr><td>" + html::FormatDate(l, e->date) + "</td><td>" +
              html::Esc(html::Label(l, "support_kind", NameOf(kSupportKindNames, a->activity))) + "</td><td>" +
              html::Esc(html::Label(l, "support_topic", NameOf(kSupportTopicNames, a->topic))) + "</td><td>" +
              html::FormatInt(l, a->minutes) + "</td><td>" + (a->participants ? html::FormatInt(l, *a->participants) : "") +
              "</td><td>" + with + "</td></tr>";
    }
    body += "</tbody></table></div>";
  }

  // Fidelity against the norms (the report's own Danish rendering of this municipality).
  const report::Thresholds& norms = report->norms[code];
  body += "<h2 class=\"h3\">" + ctx.T("Metodefidelitet", "Method fidelity") + "</h2>";
  body += "<p>" + ctx.T("Normer for sagsstammen (indstillinger): ACT højst ", "Caseload norms (settings): ACT at most ") +
          std::to_string(norms.caseload_norm_act) + ", ICM " + ctx.T("højst ", "at most ") + std::to_string(norms.caseload_norm_icm) +
          ", CTI " + ctx.T("højst ", "at most ") + std::to_string(norms.caseload_norm_cti) + ctx.T(" forløb pr. medarbejder.", " courses per staff member.") + "</p>";
  if (report->national)
    body += "<p class=\"muted\">" + ctx.T("Tal fra 1 til 4 er skjult, og ingen tal vises pr. medarbejder.",
                                          "Figures from 1 to 4 are hidden, and none is shown per worker.") + "</p>";
  body += "<div class=\"implementation-fidelity\" lang=\"da\">" +
          report::ImplementationFidelityHtml(m["fidelity"], 3, "fidelity-") + "</div>";

  // Forms.
  MunicipalityRecording may = MayRecordFor(p, code);
  auto values_for = [&](const std::string& which) {
    if (posted.which == which) return posted.values;
    return html::Values{{"date", ctx.today.ToString()}};
  };
  auto errors_for = [&](const std::string& which) { return posted.which == which ? posted.errors : html::Errors{}; };
  if (may.status)
    body += FormHtml(ctx, code, "status", ctx.T("Registrér implementeringsstatus", "Record implementation status"),
                     StatusFields(ctx), values_for("status"), errors_for("status"));
  if (may.support)
    body += FormHtml(ctx, code, "support", ctx.T("Registrér støtte fra rejseholdet", "Record support from the travel team"),
                     SupportFields(ctx), values_for("support"), errors_for("support"));
  return Render(ctx, status, ctx.T("Implementering: ", "Implementation: ") + name, "implementation", body, true);
}

}  // namespace

http::Response ImplementationIndex(PageContext& ctx) {
  const Principal& p = ctx.who();
  if (!Allowed(p.role, Permission::kReadStatusReport))
    return Refused(ctx, Status::PermissionDenied("no access"));
  if (!Allowed(p.role, Permission::kReadNationalFigures)) return RedirectTo(ctx, "/implementering/" + p.municipality);
  if (auto chosen = ctx.req.Query("kommune"); chosen && FindMunicipality(*chosen))
    return RedirectTo(ctx, "/implementering/" + *chosen);
  std::string body = "<h1>" + ctx.T("Implementering og rejseholdets støtte", "Implementation and the travel team's support") + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("De 26 kommuner i udbredelses- og forankringsprojektet. Vælg en kommune for at se og registrere.",
                "The 26 municipalities of the implementation project. Choose one to see and record.") + "</p><ul class=\"municipality-list\">";
  for (const std::string& code : ParticipantCodes("implementation"))
    body += "<li><a href=\"/implementering/" + html::Esc(code) + "\">" + html::Esc(html::MunicipalityName(code)) + "</a></li>";
  body += "</ul><form method=\"get\" action=\"/implementering\" novalidate>";
  html::Field muni = F(FT::kSelect, "kommune", ctx.T("En anden kommune", "Another municipality"));
  muni.empty_option = ctx.T("Vælg", "Choose");
  for (const auto& m : AllMunicipalities()) muni.options.push_back({m.code, m.name + " (" + m.code + ")"});
  body += html::RenderField(ctx.lang, muni, "impl-", {}, {});
  body += "<button type=\"submit\" class=\"button button-secondary\">" + ctx.T("Vis", "Show") + "</button></form>";
  return Render(ctx, 200, ctx.T("Implementering", "Implementation"), "implementation", body);
}

http::Response ImplementationGet(PageContext& ctx, const std::string& code) {
  if (!FindMunicipality(code))
    return ErrorPage(ctx, 404, ctx.T("Siden findes ikke", "Page not found"), ctx.T("Ingen kommune med den kode.", "No municipality with that code."));
  // ?format=csv: the municipality's implementation report as CSV (report implementation's columns).
  if (ctx.req.Query("format").value_or("") == "csv") {
    auto report = MakeImplementationReport(ctx.web.app(), ctx.who(), {ctx.today, std::nullopt, code});
    if (!report.ok()) return Refused(ctx, report.status());
    http::Response r = http::Response::Text(200, report::ImplementationCsv(report->figures));
    r.SetHeader("Content-Type", "text/csv; charset=utf-8");
    r.SetHeader("Content-Disposition", "attachment; filename=\"implementering-" + code + "-" + ctx.today.ToString() + ".csv\"");
    return r;
  }
  std::string notice;
  if (ctx.req.Query("gemt"))
    notice = SavedBanner(ctx, ctx.T("Registreringen er gemt.", "The entry is saved."));
  return MunicipalityPage(ctx, code, 200, {}, notice);
}

http::Response ImplementationPost(PageContext& ctx, const std::string& code) {
  if (!FindMunicipality(code))
    return ErrorPage(ctx, 404, ctx.T("Siden findes ikke", "Page not found"), ctx.T("Ingen kommune med den kode.", "No municipality with that code."));
  html::Values form = *ParseForm(ctx.req);
  FormState posted;
  posted.which = Get(form, "form");
  if (posted.which != "support" && posted.which != "status")
    return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), "");
  const bool support = posted.which == "support";
  json j{{"municipality", code}, {"kind", support ? "support_activity" : "implementation_status"}};
  for (const auto& f : support ? SupportFields(ctx) : StatusFields(ctx)) {
    const std::string v = Get(form, f.name);
    posted.values[f.name] = v;
    if (v.empty()) continue;
    if (f.type == FT::kNumber) {
      j[f.name] = Number(v);
    } else if (f.name == "with") {
      json codes = json::array();
      std::string cur;
      for (char c : v + ",") {
        if (c == ',' || c == ' ') {
          if (!cur.empty()) codes.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (!codes.empty()) j["with"] = codes;
    } else {
      j[f.name] = v;
    }
  }
  auto r = RecordEntry(ctx.web.app(), ctx.who(), j);
  if (!r.ok()) {
    const Status& s = r.status();
    if (s.code() == StatusCode::kPermissionDenied) return Refused(ctx, s);
    std::vector<FieldError> fields = s.field_errors();
    if (fields.empty()) fields.push_back({"date", s.message()});
    posted.errors = TranslateErrors(ctx, fields);
    return MunicipalityPage(ctx, code, 422, posted,
                            html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                                           "<a href=\"#" + posted.which + "\">" +
                                               ctx.T("Ret fejlene i formularen", "Correct the errors in the form") + "</a>"));
  }
  return RedirectTo(ctx, "/implementering/" + code + "?gemt=" + posted.which + "#gemt");
}

}  // namespace tov::web::pages
