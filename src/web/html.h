// Building blocks of the HTML pages: escaping, the two languages (Danish first, English behind
// the switch), the names of the journal's values in both (report/labels.h), Danish field errors,
// form fields in the markup of the Danish design system (dkfds), and the page layout (skip link,
// header with the user, navigation, footer). Pure string building: no I/O, no globals that change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/administration.h"
#include "app/auth.h"
#include "common/html_escape.h"
#include "domain/date.h"

namespace tov::web::html {

enum class Lang { kDa, kEn };
inline const char* LangCode(Lang l) { return l == Lang::kEn ? "en" : "da"; }
// The text in the page's language.
inline std::string Tr(Lang l, std::string_view da, std::string_view en) {
  return std::string(l == Lang::kEn ? en : da);
}

// Escapes for element content and quoted attribute values (EscapeHtml, common/html_escape.h).
inline std::string Esc(std::string_view s) { return EscapeHtml(s); }
// Percent-encodes everything but unreserved characters (for a path segment or query value).
std::string UrlEncode(std::string_view s);

// Dates as readers expect them: 12.03.2024 in Danish, 2024-03-12 in English.
std::string FormatDate(Lang l, Date d);
// A recorded time as readers expect it, in Danish local time (Europe/Copenhagen, summer time
// included): "02.12.2026 kl. 14.05" in Danish, "2026-12-02 14:05" in English. Never UTC.
std::string FormatTime(Lang l, Timestamp t);
// Whole number with Danish thousands separators ("1.234") in Danish, "1,234" in English.
std::string FormatInt(Lang l, long long v);
// A rate 0..1 as "57 %" (Danish) or "57%" (English); "–" for none.
std::string FormatPercent(Lang l, std::optional<double> rate);

// Names of the journal's values (docs/journal-format.md) for people, from the one table of
// report/labels.h; the id itself when unknown. `table` is one of: kind, situation, referral,
// method, life_area, ordinary, plan, end_reason, mode, release_from, offer, activity, paragraph,
// need_level.
std::string Label(Lang l, std::string_view table, std::string_view id);
// The allowed ids of a table, in the journal's order (report::LabelIds).
std::vector<std::string> Ids(std::string_view table);
std::string RoleLabel(Lang l, Role r);
// A colleague in a worker picker: "Fulde navn (brugernavn) – Rolle", or "brugernavn – Rolle"
// for a user without a real name (UserLabel).
std::string ColleagueLabel(Lang l, const UserInfo& u);
// An alert rule's name, with the municipality's thresholds in words.
struct AlertWords {
  std::string name;
  std::string explanation;
};
AlertWords AlertLabel(Lang l, std::string_view rule, int shelter_months, int youth_age,
                      int cti_months, int release_days, int action_plan_days);
const std::vector<std::string>& AlertRules();

// A field error in the page's language: in Danish by its code (docs/journal-format.md, "Field
// errors"; the English reason only for an unknown code), in English its reason.
std::string FieldReason(Lang l, const FieldError& e);
// The same for a page's own check, by code (its English reason for the English page).
std::string FieldReason(Lang l, std::string_view code, std::string_view english);

// ---- Forms (dkfds markup; every field has a label, errors sit beside the field) ----
using Values = std::map<std::string, std::string>;  // field name → typed value
using Errors = std::map<std::string, std::string>;  // field name → message (already translated)

struct Field {
  enum class Type { kText, kDate, kNumber, kSelect, kRadio, kTextarea, kCheckbox, kPassword, kSearch };
  Type type = Type::kText;
  std::string name;   // the form field's name (= the journal field's name where there is one)
  std::string label;
  std::string hint;   // shown under the label
  std::vector<std::pair<std::string, std::string>> options;  // value, label (select, radio)
  bool required = false;     // shown as "(skal udfyldes)"; the server decides validity
  std::string empty_option;  // select: a first option with value "" (e.g. "Vælg")
  std::string autocomplete;
  std::string extra_attributes;  // raw attributes for the input (trusted, e.g. htmx)
  std::string input_class;       // e.g. "input-width-s"
  // Text and textarea: the most characters (code points) allowed, shown with dkfds's character
  // limit ("Du kan skrive op til … tegn"; app.js counts while typing and stops a post over it).
  size_t max_length = 0;
};

// `id_prefix` makes ids unique when several forms share a page (id = prefix + name).
std::string RenderField(Lang l, const Field& f, const std::string& id_prefix, const Values& values,
                        const Errors& errors);
// A summary of the errors at the top of a form, linking to each field.
std::string ErrorSummary(Lang l, const std::string& id_prefix, const Errors& errors,
                         const std::map<std::string, std::string>& labels);
std::string HiddenInput(const std::string& name, const std::string& value);

// ---- Layout ----
struct NavItem {
  std::string href;
  std::string text;
  std::string key;
};

struct PageInfo {
  Lang lang = Lang::kDa;
  std::string title;                // <title> and the h1 is in the body
  std::string active;               // key of the current navigation item
  const Principal* user = nullptr;  // nullptr: not logged in (login page)
  std::string csrf_token;           // for the logout form
  std::string current_url;          // path and query of this page, for the language switch
  bool wide = false;
};

// The whole document: <html lang>, head with the dkfds and our CSS, skip link, dkfds header
// with the user, role, municipality and logout, the main navigation, <main id="main-content">
// with `body`, and the footer.
std::string Layout(const PageInfo& info, const std::string& body);

// A dkfds alert box. `variant`: info, success, warning, error. `html` is trusted markup.
std::string AlertBox(Lang l, const std::string& variant, const std::string& heading, const std::string& html);

// The municipality's name ("Ballerup Kommune"), or the code when unknown.
std::string MunicipalityName(const std::string& code);

}  // namespace tov::web::html
