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
// 303 to `location`, with the lang cookie when chosen by ?lang=.
http::Response RedirectTo(const PageContext& ctx, const std::string& location);

// The form fields of an application/x-www-form-urlencoded body; nullopt when malformed.
std::optional<html::Values> ParseForm(const http::Request& r);
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
