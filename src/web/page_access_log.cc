// The access log of one citizen (/adgangslog?borger=KEY) for leaders: who looked at or changed the
// citizen, when (Danish time) and how, newest first. Through ReadAccessLog, which checks that the
// leader may see the citizen and logs the reading itself (`read_access_log`).
#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <tuple>

#include "app/administration.h"
#include "web/page_internal.h"

namespace tov::web::pages {

namespace {

std::string ActionLabel(const PageContext& ctx, const std::string& action) {
  static const std::map<std::string, std::pair<const char*, const char*>> labels = {
      {"read", {"Så borgeren", "Viewed the citizen"}},
      {"reveal_cpr", {"Så det fulde CPR-nummer", "Viewed the full CPR number"}},
      {"list", {"Borgeren stod i en liste", "The citizen was in a list"}},
      {"alert", {"Borgeren stod i en alarmliste", "The citizen was in an alert list"}},
      {"append", {"Registrerede", "Recorded"}},
      {"read_access_log", {"Læste adgangsloggen", "Read the access log"}}};
  auto it = labels.find(action);
  return it == labels.end() ? action : ctx.T(it->second.first, it->second.second);
}

// The record's detail in the page's language: an alert by its rule's name, the channels and lists
// the app logs (app/citizens.cc, app/housing.cc) in words; anything else (entry ids) as it is.
std::string DetailText(const PageContext& ctx, const std::string& action, const std::string& detail) {
  if (action == "alert") return html::Label(ctx.lang, "alert_rule", detail);
  static const std::map<std::string, std::pair<const char*, const char*>> words = {
      {"web", {"Borgerens side", "The citizen's page"}},
      {"web youth", {"Ungesiden", "The youth page"}},
      {"web form", {"En formular på borgerens side", "A form on the citizen's page"}},
      {"web followup", {"Opfølgning på en advarsel", "Follow-up of an alert"}},
      {"web allocation", {"Boliganvisningen", "The housing allocation"}},
      {"api", {"API'et", "The API"}},
      {"cli", {"Kommandolinjen", "The command line"}},
      {"list", {"Borgerlisten", "The citizen list"}},
      {"search", {"En søgning", "A search"}},
      {"search by cpr", {"En søgning på CPR-nummer", "A search by CPR number"}},
      {"cpr check", {"Kontrol af CPR-nummeret ved registrering", "CPR check at registration"}},
      {"moved away", {"Borgeren er flyttet til en anden kommune", "The citizen moved away"}},
      {"outreach", {"Opsøgende arbejde", "Outreach"}},
      {"housing_queue", {"Ventelisten til en bolig", "The waiting list"}},
      {"housing_dwellings", {"Boligerne", "The dwellings"}}};
  if (auto it = words.find(detail); it != words.end()) return ctx.T(it->second.first, it->second.second);
  for (const auto& [prefix, da, en] : {std::tuple{"housing_candidates ", "Kandidater til bolig ", "Candidates for dwelling "},
                                       std::tuple{"housing_dwelling ", "Bolig ", "Dwelling "}})
    if (detail.rfind(prefix, 0) == 0) return ctx.T(da, en) + detail.substr(std::string_view(prefix).size());
  return detail;
}

// The role's name in the page's language ("cli" and other roles the log may hold as they are).
std::string RoleText(const PageContext& ctx, const std::string& role) {
  auto r = ParseRole(role);
  return r ? html::RoleLabel(ctx.lang, *r) : role;
}

}  // namespace

http::Response AccessLogPage(PageContext& ctx) {
  const std::string key = ctx.req.Query("borger").value_or("");
  auto records = ReadAccessLog(ctx.web.app(), ctx.who(), key);
  if (!records.ok()) {
    if (records.status().code() == StatusCode::kPermissionDenied)
      return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                       ctx.T("Adgangsloggen er for ledere og administratorer.", "The access log is for leaders and administrators."));
    return ErrorPage(ctx, 404, ctx.T("Borgeren findes ikke", "No such citizen"),
                     ctx.T("Der er ingen borger med det nøgle i din kommune.", "There is no citizen with that key in your municipality."));
  }
  std::vector<AccessRecord> rows = std::move(*records);
  std::sort(rows.begin(), rows.end(), [](const AccessRecord& a, const AccessRecord& b) { return a.seq > b.seq; });
  std::string body = "<p><a href=\"/borger/" + html::UrlEncode(key) + "\">" + ctx.T("Tilbage til borgeren", "Back to the citizen") + "</a></p>";
  body += "<h1>" + ctx.T("Adgangslog for ", "Access log of ") + html::Esc(key) + "</h1>";
  body += "<p>" + ctx.T("Hver visning og registrering af borgeren er logget, også at du læser denne log. Tider er dansk tid.",
                        "Every view of the citizen and every entry is logged, your reading of this log too. Times are Danish time.") + "</p>";
  body += "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\" data-testid=\"access-log\"><thead><tr><th scope=\"col\">" +
          ctx.T("Tidspunkt", "Time") + "</th><th scope=\"col\">" + ctx.T("Bruger", "User") + "</th><th scope=\"col\">" +
          ctx.T("Rolle", "Role") + "</th><th scope=\"col\">" + ctx.T("Handling", "Action") + "</th><th scope=\"col\">" +
          ctx.T("Detalje", "Detail") + "</th></tr></thead><tbody>";
  for (const AccessRecord& r : rows) {
    body += "<tr><td>" + html::Esc(html::FormatTime(ctx.lang, r.at)) + "</td><td>" + html::Esc(r.actor) + "</td><td>" +
            html::Esc(RoleText(ctx, r.role)) + "</td><td data-action=\"" + html::Esc(r.action) + "\">" +
            html::Esc(ActionLabel(ctx, r.action)) + "</td><td>" + html::Esc(DetailText(ctx, r.action, r.detail)) + "</td></tr>";
  }
  body += "</tbody></table></div>";
  return Render(ctx, 200, ctx.T("Adgangslog", "Access log"), "citizens", body, true);
}

}  // namespace tov::web::pages
