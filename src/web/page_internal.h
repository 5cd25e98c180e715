// Shared by the HTML page handlers (pages.cc, page_*.cc): the request's page context (user,
// language, today), CSRF checking of form posts, form body parsing and common responses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth.h"
#include "report/housing.h"
#include "web/html.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace tov::web::pages {

using html::Lang;

struct PageContext {
  WebApp& web;
  const http::Request& req;
  Lang lang = Lang::kDa;
  bool lang_from_query = false;  // ?lang= was given: the response sets the lang cookie
  std::optional<SessionInfo> session;
  Date today;
  bool htmx = false;  // sent by htmx (HX-Request header)

  const Principal& who() const { return session->principal; }
  std::string T(std::string_view da, std::string_view en) const { return html::Tr(lang, da, en); }
  // Path and query of the request, for links back to it.
  std::string CurrentUrl() const;
};

// A form field of `type` with its name, label, hint and whether it must be filled in.
html::Field F(html::Field::Type type, std::string name, std::string label, std::string hint = "",
              bool required = false);

// A full page in the layout, with the lang cookie when it was chosen by ?lang=.
http::Response Render(const PageContext& ctx, int status, const std::string& title, const std::string& active,
                      const std::string& body, bool wide = false);
// A page-sized error (403, 404, 405, 422 …) in the layout.
http::Response ErrorPage(const PageContext& ctx, int status, const std::string& title, const std::string& message);
// The "Gemt" banner after a save (`text_html` escaped), with the id `gemt` that a save's
// redirect names as its fragment (…?gemt=…#gemt), so the page opens at it; app.js focuses it.
std::string SavedBanner(const PageContext& ctx, const std::string& text_html);
// 303 to `location`, with the lang cookie when chosen by ?lang=.
http::Response RedirectTo(const PageContext& ctx, const std::string& location);

// The longest form value: the request body's limit (so an over-long note reaches the entry's
// rules, which give the field error and the text back).
inline constexpr size_t kMaxFormValueBytes = 1024 * 1024;

// The form fields of an application/x-www-form-urlencoded body; nullopt when malformed. The
// fields that hold a date (kDateFields) are given as YYYY-MM-DD when typed as DD.MM.ÅÅÅÅ
// (TypedDate), so that every form takes both.
std::optional<html::Values> ParseForm(const http::Request& r);
// The names of the forms' date fields.
inline constexpr std::string_view kDateFields[] = {"date", "expected", "birth_date", "release_expected", "situation_since", "as_of"};
// A date as typed in a form (ParseTypedDate: DD.MM.ÅÅÅÅ or ÅÅÅÅ-MM-DD) written YYYY-MM-DD;
// anything else as typed (the entry's rules then name the field).
std::string TypedDate(const std::string& typed);
// Whether the posted csrf_token equals the session's (constant time).
bool CsrfOk(const PageContext& ctx, const html::Values& form);

// A form value, or "" when absent.
std::string Get(const html::Values& v, const std::string& name);

// Translates field errors into the page's language, keeping the first per field; `rename`
// maps a journal field name to the form's field name where they differ.
html::Errors TranslateErrors(const PageContext& ctx, const std::vector<FieldError>& errors,
                             const std::map<std::string, std::string>& rename = {});

// Handlers (each asks the use cases of src/app, which authorise).
http::Response Dashboard(PageContext& ctx);
http::Response CitizenList(PageContext& ctx);
http::Response Intake(PageContext& ctx);
http::Response Screening(PageContext& ctx);
http::Response CitizenPage(PageContext& ctx, const std::string& key);
http::Response CitizenPost(PageContext& ctx, const std::string& key);
http::Response Reports(PageContext& ctx);
http::Response ReportCsv(PageContext& ctx);
// The national comparison of municipalities (page_compare.cc): /rapporter/sammenligning.
http::Response ComparePage(PageContext& ctx);
// The follow-up of one alert (page_followup.cc): /opfoelgning?borger=KEY&regel=RULE.
http::Response FollowupPage(PageContext& ctx);
// The leader's settings (page_settings.cc): /indstillinger.
http::Response SettingsPage(PageContext& ctx);
// A citizen's access log for leaders (page_access_log.cc): /adgangslog?borger=KEY.
http::Response AccessLogPage(PageContext& ctx);
// The youth and outreach reports and the homeless count (page_youth_count.cc): /rapporter/unge,
// /rapporter/opsoegende, /rapporter/taelling.
// ReportTabs: the links between the report pages ("status", "youth", "count"; the menu has one
// "Rapporter").
std::string ReportTabs(const PageContext& ctx, const std::string& active);
http::Response YouthReportPage(PageContext& ctx);
http::Response OutreachReportPage(PageContext& ctx);
http::Response CountPage(PageContext& ctx);
// The citizen's youth page (page_youth.cc): /borger/{key}/unge.
http::Response CitizenYouthGet(PageContext& ctx, const std::string& key);
http::Response CitizenYouthPost(PageContext& ctx, const std::string& key);
http::Response Users(PageContext& ctx);
http::Response UserPage(PageContext& ctx, const std::string& name);
// The housing allocation's pages (page_housing.cc): /boliger, /boliger/venteliste, /boliger/{unit}.
http::Response Dwellings(PageContext& ctx);
http::Response WaitingListPage(PageContext& ctx);
http::Response DwellingGet(PageContext& ctx, const std::string& unit);
http::Response DwellingPost(PageContext& ctx, const std::string& unit);
// The travel team's pages (page_implementation.cc): /implementering, /implementering/{code}.
http::Response ImplementationIndex(PageContext& ctx);
http::Response ImplementationGet(PageContext& ctx, const std::string& code);
http::Response ImplementationPost(PageContext& ctx, const std::string& code);

// The outreach page (page_outreach.cc): /opsoegende.
http::Response OutreachGet(PageContext& ctx);
http::Response OutreachPost(PageContext& ctx);

// The points of the waiting list part by part in words ("1 point pr. dag som hjemløs de seneste
// 3 år: 412; bor på gaden: 365"), and an approval's terms in words.
std::string PriorityWords(const PageContext& ctx, const report::PriorityParts& parts, int homeless_days,
                          const report::Thresholds& weights);
std::string ApprovalWords(const PageContext& ctx, const HousingApproved& terms);

}  // namespace tov::web::pages
