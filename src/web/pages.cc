// The HTML pages' router and the pages that need no citizen data: login, logout, the language
// switch, the administrator's users page, and the shared helpers of page_internal.h.
//
// Every page outside /login needs a session (else 303 to /login); every POST carries the
// session's csrf_token as a form field (else 403). Roles decide which pages exist for a user:
// national users get only the reports page, administrators only the users page.
#include "web/pages.h"

#include <algorithm>

#include "common/text.h"
#include "domain/municipality.h"
#include "app/administration.h"
#include "web/page_internal.h"

namespace tov::web {
namespace pages {

html::Field F(html::Field::Type type, std::string name, std::string label, std::string hint, bool required) {
  html::Field f;
  f.type = type;
  f.name = std::move(name);
  f.label = std::move(label);
  f.hint = std::move(hint);
  f.required = required;
  return f;
}

namespace {

constexpr const char* kLangCookie = "lang";
constexpr const char* kLoginCookie = "tov_login";

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

void AddLangCookie(const PageContext& ctx, http::Response& r) {
  if (!ctx.lang_from_query) return;
  http::CookieOptions o;
  o.http_only = false;
  o.same_site = http::SameSite::kLax;
  o.max_age = std::chrono::seconds(365LL * 24 * 3600);
  o.secure = ctx.web.options().secure_cookies;
  (void)r.SetCookie(kLangCookie, html::LangCode(ctx.lang), o);
}

// A local path to go to after login; "/" for anything else.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/";
  if (next.rfind("/api/", 0) == 0 || next.rfind("/login", 0) == 0 || next.size() > 500) return "/";
  for (unsigned char c : next)
    if (c < 0x20 || c == 0x7f || c == '\\') return "/";
  return next;
}

http::Response LoginPage(PageContext& ctx, int status, const std::string& user, const std::string& message,
                         const std::string& next) {
  const Lang l = ctx.lang;
  std::string token = ctx.req.Cookie(kLoginCookie).value_or("");
  bool new_token = token.size() < 20 || token.size() > 100;
  if (new_token) token = NewToken(24);
  std::string body;
  body += "<div class=\"row\"><div class=\"col-12 col-md-8 col-lg-6\">";
  body += "<h1>" + ctx.T("Log ind", "Log in") + "</h1>";
  body += "<p class=\"font-lead\">" +
          ctx.T("Log ind med din bruger i tovholder. Alle opslag på borgere logges.",
                "Log in with your tovholder user. Every look at a citizen is logged.") + "</p>";
  if (!message.empty()) body += html::AlertBox(l, "error", ctx.T("Du blev ikke logget ind", "You were not logged in"), html::Esc(message));
  body += "<form method=\"post\" action=\"/login\" class=\"login-form\" novalidate>";
  body += html::HiddenInput("login_token", token);
  body += html::HiddenInput("next", next);
  html::Values v{{"user", user}};
  html::Field fu;
  fu.name = "user";
  fu.label = ctx.T("Brugernavn", "User name");
  fu.autocomplete = "username";
  fu.input_class = "input-width-l";
  body += html::RenderField(l, fu, "login-", v, {});
  html::Field fp;
  fp.type = html::Field::Type::kPassword;
  fp.name = "password";
  fp.label = ctx.T("Adgangskode", "Password");
  fp.autocomplete = "current-password";
  fp.input_class = "input-width-l";
  body += html::RenderField(l, fp, "login-", v, {});
  body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Log ind", "Log in") + "</button>";
  body += "</form></div></div>";
  http::Response r = Render(ctx, status, ctx.T("Log ind", "Log in"), "", body);
  if (new_token) {
    http::CookieOptions o;
    o.http_only = true;
    o.same_site = http::SameSite::kStrict;
    o.secure = ctx.web.options().secure_cookies;
    (void)r.SetCookie(kLoginCookie, token, o);
  }
  return r;
}

http::Response Login(PageContext& ctx) {
  if (ctx.req.method == "GET" || ctx.req.method == "HEAD") {
    if (ctx.session) return RedirectTo(ctx, "/");
    return LoginPage(ctx, 200, "", "", SafeNext(ctx.req.Query("next").value_or("/")));
  }
  auto form = ParseForm(ctx.req);
  if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), ctx.T("Formularen kunne ikke læses.", "The form could not be read."));
  std::string cookie = ctx.req.Cookie(kLoginCookie).value_or("");
  std::string posted = Get(*form, "login_token");
  std::string next = SafeNext(Get(*form, "next"));
  if (cookie.empty() || !SameToken(cookie, posted))
    return LoginPage(ctx, 403, Get(*form, "user"),
                     ctx.T("Siden var forældet. Prøv at logge ind igen.", "The page had expired. Please try again."), next);
  auto login = ctx.web.auth().Login(Get(*form, "user"), Get(*form, "password"), ctx.req.remote_address);
  if (!login.ok() && login.status().code() == StatusCode::kResourceExhausted) {
    return LoginPage(ctx, 429, Get(*form, "user"),
                     ctx.T("For mange forkerte forsøg fra din adresse. Vent " +
                               std::to_string(RetryAfterSeconds(login.status())) + " sekunder, og prøv igen.",
                           "Too many failed attempts from your address. Wait " +
                               std::to_string(RetryAfterSeconds(login.status())) + " seconds and try again."),
                     next);
  }
  if (!login.ok()) {
    // One answer for a wrong password, an unknown user and a locked account (auth.h).
    return LoginPage(ctx, 401, Get(*form, "user"),
                     ctx.T("Forkert brugernavn eller adgangskode – eller kontoen er låst et stykke "
                           "tid efter for mange forkerte forsøg.",
                           "Wrong user name or password – or the account is locked for a while "
                           "after too many failed attempts."),
                     next);
  }
  // A password an administrator chose is changed before anything else.
  http::Response r = RedirectTo(ctx, login->must_change_password ? "/adgangskode" : next);
  ctx.web.SetSessionCookie(r, login->token);
  http::CookieOptions o;
  o.http_only = true;
  o.same_site = http::SameSite::kStrict;
  (void)r.ExpireCookie(kLoginCookie, o);
  return r;
}

http::Response Logout(PageContext& ctx) {
  if (auto token = ctx.req.Cookie(ctx.web.SessionCookieName())) (void)ctx.web.auth().Logout(*token);
  http::Response r = RedirectTo(ctx, "/login");
  ctx.web.ClearSessionCookie(r);
  return r;
}

// The user chooses their own password (and must, when an administrator chose it).
http::Response PasswordPage(PageContext& ctx) {
  const Lang l = ctx.lang;
  html::Errors errors;
  int status = 200;
  const bool must = ctx.session->must_change_password;
  if (ctx.req.method == "POST") {
    auto form = ParseForm(ctx.req);
    if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), "");
    auto token = ctx.req.Cookie(ctx.web.SessionCookieName());
    Status s = Status::Ok();
    if (Get(*form, "new_password") != Get(*form, "new_password_again")) {
      s = Status::Invalid("the new passwords differ",
                          {{"new_password_again", "is not the same as the new password", "passwords_differ", {}}});
    } else if (token) {
      s = ctx.web.auth().ChangePassword(*token, Get(*form, "current_password"), Get(*form, "new_password"));
    }
    if (s.ok()) return RedirectTo(ctx, "/?adgangskode=skiftet");
    errors = TranslateErrors(ctx, s.field_errors());
    if (errors.empty()) errors["current_password"] = html::Esc(s.message());
    status = 422;
  }
  std::string body = "<div class=\"row\"><div class=\"col-12 col-md-8 col-lg-6\">";
  body += "<h1>" + ctx.T("Skift adgangskode", "Change password") + "</h1>";
  if (must)
    body += html::AlertBox(l, "warning", ctx.T("Vælg din egen adgangskode", "Choose your own password"),
                           ctx.T("En administrator har valgt din adgangskode. Vælg din egen, før du går videre.",
                                 "An administrator chose your password. Choose your own before you go on."));
  std::map<std::string, std::string> labels = {
      {"current_password", ctx.T("Nuværende adgangskode", "Current password")},
      {"new_password", ctx.T("Ny adgangskode", "New password")},
      {"new_password_again", ctx.T("Gentag den nye adgangskode", "Repeat the new password")}};
  body += html::ErrorSummary(l, "pw-", errors, labels);
  body += "<form method=\"post\" action=\"/adgangskode\" novalidate>" +
          html::HiddenInput("csrf_token", ctx.session->csrf_token);
  html::Values none;
  for (const char* name : {"current_password", "new_password", "new_password_again"}) {
    html::Field f;
    f.type = html::Field::Type::kPassword;
    f.name = name;
    f.label = labels[name];
    f.required = true;
    f.autocomplete = std::string(name) == "current_password" ? "current-password" : "new-password";
    f.input_class = "input-width-l";
    if (std::string(name) == "new_password")
      f.hint = ctx.T("Mindst 12 tegn, ikke en af de mest brugte adgangskoder og ikke dit brugernavn",
                     "At least 12 characters, not one of the most common passwords and not your user name");
    body += html::RenderField(l, f, "pw-", none, errors);
  }
  body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Skift adgangskode", "Change password") +
          "</button></form></div></div>";
  return Render(ctx, status, ctx.T("Skift adgangskode", "Change password"), "", body);
}

}  // namespace

std::string PageContext::CurrentUrl() const {
  if (req.target.empty() || req.target[0] != '/') return "/";
  return req.target;
}

http::Response Render(const PageContext& ctx, int status, const std::string& title, const std::string& active,
                      const std::string& body, bool wide) {
  html::PageInfo info;
  info.lang = ctx.lang;
  info.title = title;
  info.active = active;
  if (ctx.session) {
    info.user = &ctx.session->principal;
    info.csrf_token = ctx.session->csrf_token;
  }
  info.current_url = ctx.req.method == "GET" ? ctx.CurrentUrl() : ctx.req.path;
  info.wide = wide;
  http::Response r = http::Response::Html(status, html::Layout(info, body));
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
              "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  AddLangCookie(ctx, r);
  return r;
}

http::Response ErrorPage(const PageContext& ctx, int status, const std::string& title, const std::string& message) {
  std::string body = "<h1>" + html::Esc(title) + "</h1><p class=\"font-lead\">" + html::Esc(message) + "</p>";
  if (ctx.session) body += "<p><a href=\"/\">" + ctx.T("Gå til forsiden", "Go to the front page") + "</a></p>";
  else body += "<p><a href=\"/login\">" + ctx.T("Log ind", "Log in") + "</a></p>";
  return Render(ctx, status, title, "", body);
}

http::Response RedirectTo(const PageContext& ctx, const std::string& location) {
  http::Response r = http::Response::Redirect(location, 303);
  AddLangCookie(ctx, r);
  return r;
}

std::string SavedBanner(const PageContext& ctx, const std::string& text_html) {
  return "<div id=\"gemt\" class=\"saved-notice\" tabindex=\"-1\" data-testid=\"saved\">" +
         html::AlertBox(ctx.lang, "success", ctx.T("Gemt", "Saved"), text_html) + "</div>";
}

std::optional<html::Values> ParseForm(const http::Request& r) {
  auto params = http::ParseUrlEncoded(r.body);
  if (!params) return std::nullopt;
  html::Values v;
  for (auto& [k, val] : *params) {
    // No limit of its own on a value beyond the body's (1 MiB by default): an over-long note is
    // refused by the entry's rules with a field error, and the text typed is given back.
    if (k.size() > 100 || val.size() > kMaxFormValueBytes) return std::nullopt;
    // A NUL byte or invalid UTF-8, sent as such or percent-encoded, is no form value.
    if (TextProblem(k) || TextProblem(val)) return std::nullopt;
    const bool date = std::find(std::begin(kDateFields), std::end(kDateFields), k) != std::end(kDateFields);
    v.emplace(k, date ? TypedDate(val) : val);  // the first value of a name counts
  }
  return v;
}

std::string TypedDate(const std::string& typed) {
  auto d = ParseTypedDate(typed);
  return d ? d->ToString() : typed;
}

bool CsrfOk(const PageContext& ctx, const html::Values& form) {
  if (!ctx.session) return false;
  auto it = form.find("csrf_token");
  return it != form.end() && SameToken(it->second, ctx.session->csrf_token);
}

std::string Get(const html::Values& v, const std::string& name) {
  auto it = v.find(name);
  return it == v.end() ? "" : it->second;
}

html::Errors TranslateErrors(const PageContext& ctx, const std::vector<FieldError>& errors,
                             const std::map<std::string, std::string>& rename) {
  html::Errors out;
  for (const auto& e : errors) {
    auto it = rename.find(e.field);
    std::string field = it == rename.end() ? e.field : it->second;
    out.emplace(field, html::FieldReason(ctx.lang, e));
  }
  return out;
}

// ---- Users (administrator) ----

namespace {

// The role and municipality fields of a user, for adding one and for changing one.
std::string RoleAndMunicipalityFields(const PageContext& ctx, std::map<std::string, std::string>& labels,
                                      const std::string& prefix, const html::Values& values,
                                      const html::Errors& errors, bool required) {
  const Lang l = ctx.lang;
  html::Field role;
  role.type = html::Field::Type::kSelect;
  role.name = "role";
  role.label = labels["role"];
  role.required = required;
  for (auto r : {Role::kWorker, Role::kCaseworker, Role::kLeader, Role::kHousing, Role::kNational, Role::kAdmin})
    role.options.push_back({std::string(RoleName(r)), html::RoleLabel(l, r)});
  std::string out = html::RenderField(l, role, prefix, values, errors);
  html::Field muni;
  muni.type = html::Field::Type::kSelect;
  muni.name = "municipality";
  muni.label = labels["municipality"];
  muni.hint = ctx.T("Tom for rejsehold og administratorer", "Empty for the national team and administrators");
  muni.empty_option = ctx.T("Ingen kommune", "No municipality");
  for (const auto& m : AllMunicipalities()) muni.options.push_back({m.code, m.name + " (" + m.code + ")"});
  return out + html::RenderField(l, muni, prefix, values, errors);
}

// The real name of a user (CheckFullName), for adding one and for changing one.
std::string FullNameField(const PageContext& ctx, std::map<std::string, std::string>& labels, const std::string& prefix,
                          const html::Values& values, const html::Errors& errors) {
  html::Field f;
  f.name = "full_name";
  f.label = labels["full_name"];
  f.hint = ctx.T("Fx Jens Hansen. Vises sammen med brugernavnet i sagsstammen og valglisterne.",
                 "E.g. Jens Hansen. Shown with the user name in the caseload and the pickers.");
  f.autocomplete = "off";
  f.max_length = kMaxFullName;
  return html::RenderField(ctx.lang, f, prefix, values, errors);
}

}  // namespace

http::Response Users(PageContext& ctx) {
  const Lang l = ctx.lang;
  auto users = ListUsers(ctx.web.app(), ctx.who());
  if (!users.ok())
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Kun administratorer kan se brugerne.", "Only administrators can see the users."));
  html::Values values{{"role", "caseworker"}};
  html::Errors errors;
  std::string notice;
  int status = 200;
  if (ctx.req.method == "POST") {
    auto form = ParseForm(ctx.req);
    if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), "");
    values = *form;
    values.erase("password");
    NewUser user{Get(*form, "name"), Get(*form, "role"), Get(*form, "municipality"), Get(*form, "password")};
    if (!Get(*form, "full_name").empty()) user.full_name = Get(*form, "full_name");  // empty: none (optional)
    Status s = AddUser(ctx.web.app(), ctx.who(), user);
    if (s.ok()) {
      return RedirectTo(ctx, "/brugere?oprettet=" + html::UrlEncode(Get(*form, "name")));
    }
    if (s.code() == StatusCode::kAlreadyExists) {
      errors["name"] = ctx.T("Der findes allerede en bruger med det navn.", "A user with that name already exists.");
    } else if (!s.field_errors().empty()) {
      errors = TranslateErrors(ctx, s.field_errors());
    } else {
      errors["name"] = s.message();
    }
    status = 422;
  } else if (auto created = ctx.req.Query("oprettet")) {
    notice = html::AlertBox(l, "success", ctx.T("Brugeren er oprettet", "The user was added"), html::Esc(*created));
  } else if (auto changed = ctx.req.Query("aendret")) {
    notice = html::AlertBox(l, "success", ctx.T("Brugeren er ændret", "The user was changed"), html::Esc(*changed));
  }
  std::string body = "<h1>" + ctx.T("Brugere", "Users") + "</h1>" + notice;
  body += "<div class=\"row\"><div class=\"col-12 col-lg-7\"><h2>" + ctx.T("Alle brugere", "All users") + "</h2>";
  body += "<div class=\"table--responsive-scroll\" tabindex=\"0\"><table class=\"table table--compact\"><caption class=\"sr-only\">" +
          ctx.T("Brugere", "Users") + "</caption><thead><tr><th scope=\"col\">" + ctx.T("Brugernavn", "User name") + "</th><th scope=\"col\">" +
          ctx.T("Fulde navn", "Full name") + "</th><th scope=\"col\">" +
          ctx.T("Rolle", "Role") + "</th><th scope=\"col\">" + ctx.T("Kommune", "Municipality") + "</th><th scope=\"col\">" +
          ctx.T("Aktiv", "Active") + "</th></tr></thead><tbody>";
  if (users.ok()) {
    for (const auto& u : *users) {
      body += "<tr><td><a href=\"/brugere/" + html::UrlEncode(u.name) + "\">" + html::Esc(u.name) + "</a></td><td>" +
              (u.full_name.empty() ? "–" : html::Esc(u.full_name)) + "</td><td>" +
              html::Esc(html::RoleLabel(l, u.role)) + "</td><td>" +
              html::Esc(u.municipality.empty() ? "–" : html::MunicipalityName(u.municipality) + " (" + u.municipality + ")") + "</td><td>" +
              (u.active ? ctx.T("Ja", "Yes") : ctx.T("Nej", "No")) + "</td></tr>";
    }
  }
  body += "</tbody></table></div></div>";
  body += "<div class=\"col-12 col-lg-5\"><h2>" + ctx.T("Opret bruger", "Add a user") + "</h2>";
  std::map<std::string, std::string> labels = {{"name", ctx.T("Brugernavn", "User name")},
                                               {"full_name", ctx.T("Fulde navn", "Full name")},
                                               {"role", ctx.T("Rolle", "Role")},
                                               {"municipality", ctx.T("Kommune", "Municipality")},
                                               {"password", ctx.T("Adgangskode", "Password")}};
  body += html::ErrorSummary(l, "user-", errors, labels);
  body += "<form method=\"post\" action=\"/brugere\" novalidate>" + html::HiddenInput("csrf_token", ctx.session->csrf_token);
  html::Field name;
  name.name = "name";
  name.label = labels["name"];
  name.hint = ctx.T("Bruges som id i journalen, fx jens.hansen", "Used as the id in the journal, e.g. jens.hansen");
  name.required = true;
  name.autocomplete = "off";
  body += html::RenderField(l, name, "user-", values, errors);
  body += FullNameField(ctx, labels, "user-", values, errors);
  body += RoleAndMunicipalityFields(ctx, labels, "user-", values, errors, /*required=*/true);
  html::Field pw;
  pw.type = html::Field::Type::kPassword;
  pw.name = "password";
  pw.label = labels["password"];
  pw.hint = ctx.T("Mindst 12 tegn. Brugeren vælger sin egen ved første login.",
                  "At least 12 characters. The user chooses their own at the first login.");
  pw.required = true;
  pw.autocomplete = "new-password";
  body += html::RenderField(l, pw, "user-", values, errors);
  body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Opret bruger", "Add user") + "</button></form></div></div>";
  return Render(ctx, status, ctx.T("Brugere", "Users"), "users", body);
}

// One user (administrator): role, municipality, active, a new password. Through ChangeUser, so
// the rules and the ending of sessions are the API's (docs/api.md, "Users").
http::Response UserPage(PageContext& ctx, const std::string& name) {
  const Lang l = ctx.lang;
  auto users = ListUsers(ctx.web.app(), ctx.who());
  if (!users.ok())
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Kun administratorer kan se brugerne.", "Only administrators can see the users."));
  auto it = std::find_if(users->begin(), users->end(), [&](const UserInfo& u) { return u.name == name; });
  if (it == users->end())
    return ErrorPage(ctx, 404, ctx.T("Brugeren findes ikke", "No such user"), html::Esc(name));
  html::Values values{{"role", std::string(RoleName(it->role))},
                      {"full_name", it->full_name},
                      {"municipality", it->municipality},
                      {"active", it->active ? "yes" : "no"}};
  html::Errors errors;
  int status = 200;
  if (ctx.req.method == "POST") {
    auto form = ParseForm(ctx.req);
    if (!form) return ErrorPage(ctx, 400, ctx.T("Ugyldig formular", "Invalid form"), "");
    UserChange change;
    change.role = Get(*form, "role");
    change.municipality = Get(*form, "municipality");
    change.active = Get(*form, "active") == "yes";
    // Left empty for a user without one: still none; a real name once set is changed, not emptied.
    if (!Get(*form, "full_name").empty() || !it->full_name.empty()) change.full_name = Get(*form, "full_name");
    if (!Get(*form, "password").empty()) change.password = Get(*form, "password");
    auto token = ctx.req.Cookie(ctx.web.SessionCookieName());
    auto changed = ChangeUser(ctx.web.app(), ctx.who(), name, change, token ? ctx.web.auth().SessionKey(*token) : "");
    if (changed.ok()) return RedirectTo(ctx, "/brugere?aendret=" + html::UrlEncode(name));
    values = *form;
    values.erase("password");
    errors = TranslateErrors(ctx, changed.status().field_errors());
    if (errors.empty()) errors["role"] = html::Esc(changed.status().message());
    status = 422;
  }
  std::map<std::string, std::string> labels = {{"full_name", ctx.T("Fulde navn", "Full name")},
                                               {"role", ctx.T("Rolle", "Role")},
                                               {"municipality", ctx.T("Kommune", "Municipality")},
                                               {"active", ctx.T("Aktiv", "Active")},
                                               {"password", ctx.T("Ny adgangskode", "New password")}};
  std::string body = "<p><a href=\"/brugere\">" + ctx.T("Alle brugere", "All users") + "</a></p>";
  body += "<h1>" + ctx.T("Bruger", "User") + " " + html::Esc(UserLabel(*it)) + "</h1>";
  body += "<div class=\"row\"><div class=\"col-12 col-md-8 col-lg-6\">";
  body += html::ErrorSummary(l, "edit-", errors, labels);
  body += "<form method=\"post\" action=\"/brugere/" + html::UrlEncode(name) + "\" novalidate>" +
          html::HiddenInput("csrf_token", ctx.session->csrf_token);
  body += FullNameField(ctx, labels, "edit-", values, errors);
  body += RoleAndMunicipalityFields(ctx, labels, "edit-", values, errors, /*required=*/false);
  html::Field active;
  active.type = html::Field::Type::kSelect;
  active.name = "active";
  active.label = labels["active"];
  active.hint = ctx.T("En deaktiveret bruger kan ikke logge ind, og brugerens sessioner slutter straks.",
                      "A deactivated user cannot log in, and their sessions end at once.");
  active.options = {{"yes", ctx.T("Ja", "Yes")}, {"no", ctx.T("Nej – deaktiveret", "No – deactivated")}};
  body += html::RenderField(l, active, "edit-", values, errors);
  html::Field pw;
  pw.type = html::Field::Type::kPassword;
  pw.name = "password";
  pw.label = labels["password"];
  pw.hint = ctx.T("Tom: uændret. Mindst 12 tegn; brugeren vælger sin egen ved næste login.",
                  "Empty: unchanged. At least 12 characters; the user chooses their own at the next login.");
  pw.autocomplete = "new-password";
  body += html::RenderField(l, pw, "edit-", values, errors);
  body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Gem ændringer", "Save changes") +
          "</button></form></div></div>";
  return Render(ctx, status, ctx.T("Bruger", "User") + " " + name, "users", body);
}

}  // namespace pages

http::Response HandlePage(WebApp& app, const http::Request& request) {
  using pages::PageContext;
  PageContext ctx{app, request, html::Lang::kDa, false, std::nullopt, Date(), false};
  ctx.today = app.Today();
  ctx.htmx = request.Header("HX-Request").value_or("") == "true";
  if (auto q = request.Query("lang"); q && (*q == "da" || *q == "en")) {
    ctx.lang = *q == "en" ? html::Lang::kEn : html::Lang::kDa;
    ctx.lang_from_query = true;
  } else if (auto c = request.Cookie(pages::kLangCookie); c && *c == "en") {
    ctx.lang = html::Lang::kEn;
  }
  ctx.session = app.SessionOf(request);
  const std::string& m = request.method;
  const bool get = m == "GET" || m == "HEAD";
  const bool post = m == "POST";
  auto seg = pages::Segments(request.path);

  if (request.path == "/login") {
    if (!get && !post) return pages::ErrorPage(ctx, 405, ctx.T("Metoden er ikke tilladt", "Method not allowed"), "");
    return pages::Login(ctx);
  }
  if (request.path == "/favicon.ico") return http::Response::Text(404, "not found");
  if (!ctx.session) {
    if (ctx.htmx) {  // htmx follows a redirect into its target; make it load the login page instead
      http::Response r = http::Response::Text(200, "");
      r.SetHeader("HX-Redirect", "/login");
      return r;
    }
    if (get) {
      std::string next = request.target.size() <= 500 ? request.target : "/";
      return pages::RedirectTo(ctx, request.path == "/" ? "/login" : "/login?next=" + html::UrlEncode(pages::SafeNext(next)));
    }
    return pages::RedirectTo(ctx, "/login");
  }
  if (!get && !post) return pages::ErrorPage(ctx, 405, ctx.T("Metoden er ikke tilladt", "Method not allowed"), "");
  if (post) {
    auto form = pages::ParseForm(request);
    if (!form)
      return pages::ErrorPage(
          ctx, 400, ctx.T("Ugyldig formular", "Invalid form"),
          ctx.T("Formularen kunne ikke læses (ugyldige tegn eller for lange felter).",
                "The form could not be read (invalid characters or fields too long)."));
    if (!pages::CsrfOk(ctx, *form))
      return pages::ErrorPage(ctx, 403, ctx.T("Formularen blev afvist", "The form was refused"),
                              ctx.T("Formularen manglede et gyldigt sikkerhedstegn (CSRF). Gå tilbage, genindlæs siden og prøv igen.",
                                    "The form lacked a valid security token (CSRF). Go back, reload the page and try again."));
  }
  if (request.path == "/logout") return post ? pages::Logout(ctx) : pages::RedirectTo(ctx, "/");
  if (request.path == "/adgangskode") return pages::PasswordPage(ctx);
  if (ctx.session->must_change_password) {
    if (ctx.htmx) {
      http::Response r = http::Response::Text(200, "");
      r.SetHeader("HX-Redirect", "/adgangskode");
      return r;
    }
    return pages::RedirectTo(ctx, "/adgangskode");
  }

  const Role role = ctx.who().role;
  auto not_found = [&] {
    return pages::ErrorPage(ctx, 404, ctx.T("Siden findes ikke", "Page not found"),
                            ctx.T("Vi kunne ikke finde den side, du bad om.", "We could not find the page you asked for."));
  };
  auto forbidden = [&] {
    return pages::ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                            ctx.T("Din rolle giver ikke adgang til denne side.", "Your role does not give access to this page."));
  };

  if (seg.empty()) {
    if (!get) return not_found();
    if (role == Role::kNational) return pages::RedirectTo(ctx, "/rapporter");
    if (role == Role::kAdmin) return pages::RedirectTo(ctx, "/brugere");
    if (role == Role::kHousing) return pages::RedirectTo(ctx, "/boliger");  // the allocator's front door
    return pages::Dashboard(ctx);
  }
  if (seg[0] == "brugere" && seg.size() == 1) return pages::Users(ctx);
  if (seg[0] == "indstillinger" && seg.size() == 1) return pages::SettingsPage(ctx);
  if (seg[0] == "opfoelgning" && seg.size() == 1) return pages::FollowupPage(ctx);
  if (seg[0] == "adgangslog" && seg.size() == 1) return get ? pages::AccessLogPage(ctx) : not_found();
  if (seg[0] == "brugere" && seg.size() == 2) return pages::UserPage(ctx, seg[1]);
  if (seg[0] == "rapporter" && seg.size() == 1) return get ? pages::Reports(ctx) : not_found();
  if (seg[0] == "rapporter" && seg.size() == 2 && seg[1] == "status.csv") return get ? pages::ReportCsv(ctx) : not_found();
  if (seg[0] == "rapporter" && seg.size() == 2 && seg[1] == "sammenligning") return get ? pages::ComparePage(ctx) : not_found();
  if (seg[0] == "rapporter" && seg.size() == 2 && seg[1] == "unge") return get ? pages::YouthReportPage(ctx) : not_found();
  if (seg[0] == "rapporter" && seg.size() == 2 && seg[1] == "opsoegende") return get ? pages::OutreachReportPage(ctx) : not_found();
  if (seg[0] == "rapporter" && seg.size() == 2 && seg[1] == "taelling") return get ? pages::CountPage(ctx) : not_found();
  if (seg[0] == "opsoegende" && seg.size() == 1) {  // outreach (page_outreach.cc)
    if (role != Role::kCaseworker && role != Role::kLeader) return forbidden();
    return get ? pages::OutreachGet(ctx) : pages::OutreachPost(ctx);
  }
  if (seg[0] == "implementering") {  // the travel team's pages (page_implementation.cc)
    if (seg.size() == 1) return get ? pages::ImplementationIndex(ctx) : not_found();
    if (seg.size() == 2) return get ? pages::ImplementationGet(ctx, seg[1]) : pages::ImplementationPost(ctx, seg[1]);
    return not_found();
  }
  if (seg[0] == "boliger") {  // the housing allocation (page_housing.cc); the use cases authorise
    if (seg.size() == 1) return pages::Dwellings(ctx);
    if (seg.size() == 2 && seg[1] == "venteliste") return get ? pages::WaitingListPage(ctx) : not_found();
    if (seg.size() == 2) return get ? pages::DwellingGet(ctx, seg[1]) : pages::DwellingPost(ctx, seg[1]);
    return not_found();
  }
  if (seg[0] == "borgere" || seg[0] == "borger") {
    if (role == Role::kNational || role == Role::kAdmin) return forbidden();
    if (seg[0] == "borgere" && seg.size() == 1) return get ? pages::CitizenList(ctx) : not_found();
    if (seg[0] == "borgere" && seg.size() == 2 && seg[1] == "ny") return pages::Intake(ctx);
    if (seg[0] == "borgere" && seg.size() == 2 && seg[1] == "screening") return post ? pages::Screening(ctx) : pages::RedirectTo(ctx, "/borgere/ny");
    if (seg[0] == "borger" && seg.size() == 3 && seg[2] == "unge")
      return get ? pages::CitizenYouthGet(ctx, seg[1]) : pages::CitizenYouthPost(ctx, seg[1]);
    if (seg[0] == "borger" && seg.size() >= 2) {
      std::string key = request.path.substr(std::string("/borger/").size());
      return get ? pages::CitizenPage(ctx, key) : pages::CitizenPost(ctx, key);
    }
  }
  return not_found();
}

}  // namespace tov::web
