// Labels in Danish and English (from report/labels.h), dkfds form fields and the page layout.
#include "web/html.h"

#include <algorithm>
#include <map>

#include <cmath>
#include <cstdio>

#include "domain/entry.h"
#include "domain/municipality.h"
#include "report/labels.h"

namespace tov::web::html {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string Attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + Esc(value) + "\"";
}

}  // namespace

std::string UrlEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string FormatDate(Lang l, Date d) {
  if (l == Lang::kEn) return d.ToString();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", d.day(), d.month(), d.year());
  return buf;
}

std::string FormatTime(Lang l, Timestamp t) {
  const int64_t local_ms = t.millis() + int64_t{DanishUtcOffsetMinutes(t)} * 60'000;
  const int64_t minutes = ((local_ms / 60'000) % 1440 + 1440) % 1440;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d%c%02d", static_cast<int>(minutes / 60), l == Lang::kDa ? '.' : ':',
                static_cast<int>(minutes % 60));
  return FormatDate(l, DanishDate(t)) + (l == Lang::kDa ? " kl. " : " ") + hm;
}

std::string FormatInt(Lang l, long long v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n > 0 && n % 3 == 0) out += (l == Lang::kEn ? ',' : '.');
    out += *it;
    ++n;
  }
  if (v < 0) out += '-';
  return std::string(out.rbegin(), out.rend());
}

std::string FormatPercent(Lang l, std::optional<double> rate) {
  if (!rate || !std::isfinite(*rate)) return "–";
  long long p = std::llround(*rate * 100.0);
  return std::to_string(p) + (l == Lang::kEn ? "%" : " %");
}

std::string Label(Lang l, std::string_view table, std::string_view id) {
  return l == Lang::kEn ? report::LabelEn(table, id) : report::LabelDa(table, id);
}

std::vector<std::string> Ids(std::string_view table) { return report::LabelIds(table); }

std::string RoleLabel(Lang l, Role r) { return Label(l, "role", RoleName(r)); }

std::string ColleagueLabel(Lang l, const UserInfo& u) {
  std::string out = UserLabel(u);
  out += " – ";
  out += RoleLabel(l, u.role);
  return out;
}

const std::vector<std::string>& AlertRules() {
  static const std::vector<std::string> rules = {
      "youth_in_shelter", "shelter_over_6_months", "street_sleeper", "release_without_housing",
      "no_action_plan",   "cti_over_9_months",     "returned_to_homelessness"};
  return rules;
}

AlertWords AlertLabel(Lang l, std::string_view rule, int shelter_months, int youth_age, int cti_months,
                      int release_days, int action_plan_days) {
  auto n = [](int v) { return std::to_string(v); };
  if (rule == "youth_in_shelter")
    return {Tr(l, "Ung under " + n(youth_age) + " år på herberg", "Young person under " + n(youth_age) + " in a shelter"),
            Tr(l, "Målet er, at unge ikke bor på herberg eller forsorgshjem.", "The target is that no young person stays at a shelter.")};
  if (rule == "shelter_over_6_months")
    return {Tr(l, "Over " + n(shelter_months) + " måneder på herberg og klar til bolig",
               "Over " + n(shelter_months) + " months in a shelter and ready to move"),
            Tr(l, "Et ophold bør højst vare " + n(shelter_months) + " måneder for en borger, der er klar til egen bolig.",
               "A stay should last at most " + n(shelter_months) + " months for a citizen ready for a home.")};
  if (rule == "street_sleeper")
    return {Tr(l, "Gadesover", "Street sleeper"),
            Tr(l, "Ingen borger skal bo på gaden.", "No citizen should live on the street.")};
  if (rule == "release_without_housing")
    return {Tr(l, "Løsladelse/udskrivning inden for " + n(release_days) + " dage uden boligløsning",
               "Release/discharge within " + n(release_days) + " days without housing"),
            Tr(l, "Ingen løsladelse eller udskrivning uden en boligløsning.", "No release or discharge without a housing solution.")};
  if (rule == "no_action_plan")
    return {Tr(l, "Ingen § 141-handleplan tilbudt efter " + n(action_plan_days) + " dage",
               "No §141 action plan offered after " + n(action_plan_days) + " days"),
            Tr(l, "Alle i målgruppen skal tilbydes en § 141-handleplan.", "Everyone in the target group is offered a §141 action plan.")};
  if (rule == "cti_over_9_months")
    return {Tr(l, "CTI-forløb over " + n(cti_months) + " måneder", "CTI course over " + n(cti_months) + " months"),
            Tr(l, "CTI er et tidsafgrænset forløb på 9 måneder i tre faser.", "CTI is a time-limited 9-month course in three phases.")};
  if (rule == "returned_to_homelessness")
    return {Tr(l, "Hjemløs igen inden for et år efter indflytning", "Homeless again within a year of moving in"),
            Tr(l, "Målet er, at 9 ud af 10 beholder deres bolig.", "The target is that 9 in 10 keep their home.")};
  return {Label(l, "alert_rule", rule), ""};
}

std::string FieldReason(Lang l, const FieldError& e) {
  if (l == Lang::kEn) {
    std::string r = e.reason;
    if (!r.empty()) r[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(r[0])));
    return r;
  }
  auto arg = [&](size_t i) { return i < e.args.size() ? e.args[i] : std::string("?"); };
  const std::string& c = e.code;
  // The codes of docs/journal-format.md ("Field errors"), in Danish.
  static const std::map<std::string, std::string> kFixed = {
      {"required", "Skal udfyldes."},
      {"cpr_or_birth_date", "Skriv et CPR-nummer eller en fødselsdato."},
      {"not_string", "Skal være tekst."},
      {"empty", "Må ikke være tom."},
      {"control_characters", "Må ikke indeholde kontroltegn."},
      {"not_bool", "Vælg ja eller nej."},
      {"not_integer", "Skal være et helt tal."},
      {"in_future", "Må ikke ligge i fremtiden."},
      {"unknown_field", "Hører ikke til denne type post."},
      {"cpr_birth_date_mismatch", "Passer ikke med fødselsdatoen i CPR-nummeret."},
      {"not_cpr", "Skal være et gyldigt CPR-nummer (DDMMÅÅ-SSSS) med en rigtig fødselsdato."},
      {"not_date", "Skal være en rigtig dato skrevet DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."},
      {"not_time", "Skal være et tidspunkt som 2024-03-01T09:00:00Z."},
      {"not_one_of", "Vælg en af mulighederne."},
      {"not_municipality", "Er ikke en kommunekode."},
      {"already_registered", "Borgeren er allerede registreret."},
      {"not_registered", "Borgeren er ikke registreret."},
      {"no_such_entry", "Der er ingen post med det id."},
      {"already_voided", "Posten er allerede annulleret."},
      {"void_of_void", "En annullering kan ikke annulleres; registrér posten igen."},
      {"other_citizen", "Posten tilhører en anden borger."},
      {"duplicate_id", "Id'et findes allerede."},
      {"course_exists", "Forløbs-id'et er allerede brugt."},
      {"no_such_course", "Forløbet findes ikke for borgeren."},
      {"not_cti", "Kun CTI-forløb har faser."},
      {"needs_not_object", "Vurder mindst ét livsområde."},
      {"bad_user_name", "Skal være 1–64 bogstaver, tal, '.', '_' eller '-'."},
      {"only_when_assigned", "Udfyldes kun, når advarslen tildeles en kollega."},
      {"not_colleague", "Skal være en aktiv kollega i kommunen, der ser advarslerne."},
      {"municipality_required", "Vælg en kommune for denne rolle."},
      {"municipality_not_allowed", "Skal være tom for rejsehold og administratorer."},
      {"already_exists", "Findes allerede."},
      {"set_by_server", "Sættes af systemet."},
      {"not_own_user", "Skal være dit eget brugernavn."},
      {"not_object", "Ugyldig post."},
      {"invalid_text", "Er ikke gyldig tekst."},
      {"reason_not_declined", "Angives kun, når tilbuddet er afslået."},
      {"duplicate_item", "Samme værdi står to gange."},
      {"dwelling_entry", "En post om en bolig nævner ingen borger."},
      {"citizen_and_unit", "En post nævner en borger eller en bolig, ikke begge."},
      {"key_is_citizen", "Nøglen tilhører en borger, ikke en bolig."},
      {"key_is_unit", "Nøglen tilhører en bolig, ikke en borger."},
      {"other_unit", "Posten hører til en anden bolig."},
      {"not_listed", "Boligen er aldrig stillet til rådighed."},
      {"member_not_object", "Hvert teammedlem skal have en rolle (og evt. et navn)."},
      {"municipality_entry", "En post om en kommune nævner ingen borger og ingen bolig."},
      {"other_municipality", "Posten handler ikke om denne kommune."},
      // Passwords and users (docs/security.md).
      {"common_password", "Er en af de mest brugte adgangskoder; vælg en anden."},
      {"contains_user_name", "Må ikke indeholde brugernavnet."},
      {"one_character", "Må ikke være ét tegn gentaget."},
      {"wrong_password", "Er ikke din nuværende adgangskode."},
      {"same_password", "Skal være en anden end den nuværende."},
      {"passwords_differ", "De to nye adgangskoder er ikke ens."},
      {"self_deactivation", "Du kan ikke deaktivere dig selv."},
      {"self_demotion", "Du kan ikke fjerne din egen administratorrolle."},
      {"cpr_registered_elsewhere",
       "Er registreret i en anden kommune – bed om en overflytning."},
      {"cpr_check_failed", "Kunne ikke kontrolleres. Prøv igen."},
      // Outreach (DESIGN §10).
      {"anonymous_identity", "Angives ikke ved en anonym registrering; registrér \"Identificeret\", når personen giver sin identitet."},
      {"only_anonymous", "Angives kun ved en anonym registrering."},
      {"consent_required", "Personen skal give samtykke til at blive identificeret."},
      {"not_anonymous", "Borgeren er ikke registreret anonymt."},
      {"already_identified", "Borgeren er allerede identificeret."},
      {"before_registration", "Ligger før borgerens registrering."},
  };
  if (auto it = kFixed.find(c); it != kFixed.end()) return it->second;
  if (c == "too_long") {
    const std::string n = arg(0);
    const bool digits = !n.empty() && n.size() < 10 && std::all_of(n.begin(), n.end(), ::isdigit);
    return "Må højst være " + (digits ? FormatInt(l, std::stoll(n)) : n) + " tegn.";
  }
  if (c == "too_short") return "Skal være mindst " + arg(0) + " tegn.";
  if (c == "out_of_range") return "Skal være et helt tal fra " + arg(0) + " til " + arg(1) + ".";
  if (c == "not_string_list") return "Skal være en liste med 1 til " + arg(0) + " værdier.";
  if (c == "not_member_list") return "Skal være en liste med 1 til " + arg(0) + " teammedlemmer.";
  if (c == "unit_offer_open")
    return "Boligen har allerede et åbent tilbud (til " + arg(0) + ", " + arg(1) + "); registrér svaret først.";
  if (c == "citizen_offer_open")
    return "Borgeren har allerede et åbent tilbud (" + arg(0) + ", " + arg(1) + "); registrér svaret først.";
  if (c == "not_vacant") return "Boligen er ikke ledig den " + arg(0) + ".";
  // Plausibility (DESIGN §4) and one citizen per CPR number (DESIGN §7).
  auto date_arg = [&](size_t i) {
    auto d = ParseDate(arg(i));
    return d ? FormatDate(l, *d) : arg(i);
  };
  if (c == "after_recorded") return "Må ikke ligge i fremtiden (efter " + date_arg(0) + ").";
  if (c == "born_after_date")
    return "Fødselsdatoen (" + date_arg(0) + ") ligger efter registreringsdatoen.";
  if (c == "entries_before_birth")
    return "Fødselsdatoen ligger efter borgerens post den " + date_arg(1) + ".";
  if (c == "before_birth") return "Ligger før borgerens fødsel (" + date_arg(0) + ").";
  if (c == "before_date") return "Må ikke ligge før postens dato (" + date_arg(0) + ").";
  if (c == "before_course_start") return "Ligger før forløbets start (" + date_arg(0) + ").";
  if (c == "phase_back")
    return "CTI-faser går ikke tilbage: borgeren er allerede i fase " + arg(0) + " fra " +
           date_arg(1) + ".";
  if (c == "phase_before_lower")
    return "CTI-faser går ikke tilbage: der er registreret fase " + arg(0) + " den " + date_arg(1) +
           " efter denne dato.";
  if (c == "cpr_registered")
    return "Er allerede registreret på borger " + arg(0) + ".";
  // No Danish words for this code: say so in Danish rather than show the English reason.
  return "Ugyldig værdi.";
}

std::string FieldReason(Lang l, std::string_view code, std::string_view english) {
  return FieldReason(l, FieldError{"", std::string(english), std::string(code), {}});
}

// ---- Forms ----

std::string HiddenInput(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\"" + Attr("name", name) + Attr("value", value) + ">";
}

std::string RenderField(Lang l, const Field& f, const std::string& id_prefix, const Values& values,
                        const Errors& errors) {
  using T = Field::Type;
  const std::string id = id_prefix + f.name;
  auto vit = values.find(f.name);
  const std::string value = vit == values.end() ? "" : vit->second;
  auto eit = errors.find(f.name);
  const bool has_error = eit != errors.end();
  std::string hint_id = id + "-hint", error_id = id + "-error", limit_id = id + "-limit";
  const bool limited = f.max_length > 0 && (f.type == Field::Type::kText || f.type == Field::Type::kTextarea);
  std::string described;
  if (!f.hint.empty()) described += hint_id;
  if (limited) described += (described.empty() ? "" : " ") + limit_id;
  if (has_error) described += (described.empty() ? "" : " ") + error_id;
  std::string required_text = f.required ? "<span class=\"weight-normal\"> " + Tr(l, "(skal udfyldes)", "(required)") + "</span>" : "";
  std::string hint = f.hint.empty() ? "" : "<span class=\"form-hint\" id=\"" + Esc(hint_id) + "\">" + Esc(f.hint) + "</span>";
  std::string error = has_error ? "<span class=\"form-error-message\" id=\"" + Esc(error_id) + "\"><span class=\"sr-only\">" +
                                      Tr(l, "Fejl: ", "Error: ") + "</span>" + Esc(eit->second) + "</span>"
                                : "";
  std::string aria = (has_error ? " aria-invalid=\"true\"" : "") + (described.empty() ? std::string() : Attr("aria-describedby", described));
  std::string out = std::string("<div class=\"form-group") + (has_error ? " form-error" : "") + (limited ? " form-limit" : "") + "\" data-field=\"" +
                    Esc(f.name) + "\"" + (limited ? Attr("data-maxlength", std::to_string(f.max_length)) : std::string()) + ">";
  // dkfds's character limit: the limit in words under the field (app.js turns it into a count).
  const std::string limit_text =
      limited ? "<span class=\"form-hint character-limit\"" + Attr("id", limit_id) + ">" +
                    Tr(l, "Du kan skrive op til ", "You can write up to ") + FormatInt(l, static_cast<long long>(f.max_length)) +
                    Tr(l, " tegn", " characters") + "</span><span class=\"character-limit-sr-only sr-only\" aria-live=\"polite\"></span>"
              : "";

  if (f.type == T::kRadio) {
    out += "<fieldset" + Attr("id", id) + (described.empty() ? std::string() : Attr("aria-describedby", described)) + "><legend class=\"form-label\">" +
           Esc(f.label) + required_text + "</legend>" + hint + error;
    int i = 0;
    for (const auto& [v, text] : f.options) {
      std::string oid = id + "-" + std::to_string(++i);
      out += "<div class=\"form-group-radio\"><input type=\"radio\" class=\"form-radio\"" + Attr("id", oid) + Attr("name", f.name) +
             Attr("value", v) + (v == value ? " checked" : "") + f.extra_attributes + "><label class=\"form-label\"" + Attr("for", oid) +
             ">" + Esc(text) + "</label></div>";
    }
    out += "</fieldset></div>";
    return out;
  }
  if (f.type == T::kCheckbox) {
    out += hint + error + "<div class=\"form-group-checkbox\"><input type=\"checkbox\" class=\"form-checkbox\"" + Attr("id", id) +
           Attr("name", f.name) + " value=\"true\"" + (value == "true" ? " checked" : "") + aria + f.extra_attributes +
           "><label class=\"form-label\"" + Attr("for", id) + ">" + Esc(f.label) + "</label></div></div>";
    return out;
  }
  out += "<label class=\"form-label\"" + Attr("for", id) + ">" + Esc(f.label) + required_text + "</label>" + hint + error;
  std::string common = Attr("id", id) + Attr("name", f.name) + aria +
                       (f.autocomplete.empty() ? std::string() : Attr("autocomplete", f.autocomplete)) + f.extra_attributes;
  std::string cls = f.input_class.empty() ? "" : " " + f.input_class;
  switch (f.type) {
    case T::kSelect: {
      out += "<select class=\"form-select" + cls + "\"" + common + ">";
      bool matched = false;
      if (!f.empty_option.empty()) out += "<option value=\"\">" + Esc(f.empty_option) + "</option>";
      for (const auto& [v, text] : f.options) {
        bool sel = v == value && !matched;
        matched = matched || sel;
        out += "<option" + Attr("value", v) + (sel ? " selected" : "") + ">" + Esc(text) + "</option>";
      }
      // Keep a typed value that is not an option (e.g. a posted bad value), so it is not lost.
      if (!matched && !value.empty())
        out += "<option" + Attr("value", value) + " selected>" + Esc(value) + "</option>";
      out += "</select>";
      break;
    }
    case T::kTextarea:
      out += "<textarea class=\"form-input" + cls + "\" rows=\"5\"" + common + ">" + Esc(value) + "</textarea>" + limit_text;
      break;
    default: {
      // Dates are text fields with the format as hint, so that a bad value typed is kept and
      // shown with its error (a browser date picker would drop it).
      const char* type = f.type == T::kPassword ? "password" : f.type == T::kSearch ? "search" : "text";
      std::string mode = f.type == T::kNumber ? " inputmode=\"numeric\"" : "";
      out += std::string("<input type=\"") + type + "\" class=\"form-input" + cls + "\"" + common + mode +
             (f.type == T::kPassword ? std::string() : Attr("value", value)) + ">" + limit_text;
    }
  }
  out += "</div>";
  return out;
}

std::string ErrorSummary(Lang l, const std::string& id_prefix, const Errors& errors,
                         const std::map<std::string, std::string>& labels) {
  if (errors.empty()) return "";
  std::string items;
  for (const auto& [field, message] : errors) {
    auto it = labels.find(field);
    std::string name = it == labels.end() ? field : it->second;
    // A label that is a question ("… nu?") takes a dash, not a colon, before the message.
    const std::string line = Esc(name) + (!name.empty() && name.back() == '?' ? " – " : ": ") + Esc(message);
    if (it == labels.end())
      items += "<li>" + line + "</li>";
    else
      items += "<li><a href=\"#" + Esc(id_prefix + field) + "\">" + line + "</a></li>";
  }
  return "<div class=\"alert alert-error error-summary\" role=\"alert\" tabindex=\"-1\"><div class=\"alert-body\"><p class=\"alert-heading\">" +
         Tr(l, "Der er fejl i formularen. Intet er gemt.", "The form has errors. Nothing was saved.") + "</p><ul class=\"alert-text\">" +
         items + "</ul></div></div>";
}

std::string AlertBox(Lang, const std::string& variant, const std::string& heading, const std::string& html) {
  bool urgent = variant == "error" || variant == "warning";
  return "<div class=\"alert alert-" + Esc(variant) + "\"" + (urgent ? " role=\"alert\"" : " role=\"status\"") + "><div class=\"alert-body\">" +
         (heading.empty() ? "" : "<p class=\"alert-heading\">" + Esc(heading) + "</p>") + "<div class=\"alert-text\">" + html + "</div></div></div>";
}

std::string MunicipalityName(const std::string& code) {
  if (const Municipality* m = FindMunicipality(code)) return m->name + " Kommune";
  return code;
}

// ---- Layout ----

namespace {

std::vector<NavItem> NavFor(Lang l, const Principal& p) {
  std::vector<NavItem> items;
  switch (p.role) {
    case Role::kCaseworker:
    case Role::kLeader:
      items = {{"/", Tr(l, "Forside", "Dashboard"), "home"},
               {"/borgere", Tr(l, "Borgere", "Citizens"), "citizens"},
               {"/borgere/ny", Tr(l, "Registrér borger", "Register citizen"), "intake"},
               {"/opsoegende", Tr(l, "Opsøgende", "Outreach"), "outreach"},
               {"/boliger", Tr(l, "Boliger", "Dwellings"), "dwellings"},
               {"/rapporter", Tr(l, "Rapporter", "Reports"), "reports"},
               {"/implementering", Tr(l, "Implementering", "Implementation"), "implementation"}};
      if (p.role == Role::kLeader) items.push_back({"/indstillinger", Tr(l, "Indstillinger", "Settings"), "settings"});
      break;
    case Role::kWorker:
      items = {{"/", Tr(l, "Forside", "Home"), "home"}, {"/borgere", Tr(l, "Borgere", "Citizens"), "citizens"}};
      break;
    case Role::kHousing:  // lands on the dwellings (pages.cc)
      items = {{"/boliger", Tr(l, "Boliger", "Dwellings"), "dwellings"},
               {"/boliger/venteliste", Tr(l, "Venteliste", "Waiting list"), "queue"},
               {"/borgere", Tr(l, "Borgere", "Citizens"), "citizens"}};
      break;
    case Role::kOperator:  // the command line has no pages
    case Role::kNational:
      items = {{"/rapporter", Tr(l, "Rapporter", "Reports"), "reports"},
               {"/implementering", Tr(l, "Implementering", "Implementation"), "implementation"}};
      break;
    case Role::kAdmin:
      items = {{"/brugere", Tr(l, "Brugere", "Users"), "users"}};
      break;
  }
  return items;
}

std::string LangSwitchUrl(const std::string& current, const char* code) {
  std::string path = current.empty() ? "/" : current;
  // Drop an existing lang parameter, then add the new one.
  std::string base = path, query;
  if (auto q = path.find('?'); q != std::string::npos) {
    base = path.substr(0, q);
    std::string rest = path.substr(q + 1);
    size_t i = 0;
    while (i <= rest.size()) {
      size_t j = rest.find('&', i);
      if (j == std::string::npos) j = rest.size();
      std::string piece = rest.substr(i, j - i);
      if (!piece.empty() && !StartsWith(piece, "lang=")) query += (query.empty() ? "" : "&") + piece;
      i = j + 1;
    }
  }
  return base + "?" + (query.empty() ? "" : query + "&") + "lang=" + code;
}

}  // namespace

std::string Layout(const PageInfo& info, const std::string& body) {
  const Lang l = info.lang;
  std::string out;
  out.reserve(body.size() + 6000);
  out += "<!doctype html>\n<html lang=\"";
  out += LangCode(l);
  out += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<title>" + Esc(info.title) + " – tovholder</title>";
  out += "<link rel=\"icon\" href=\"data:,\">";
  out += "<link rel=\"stylesheet\" href=\"/static/vendor/dkfds/css/dkfds.min.css\">";
  out += "<link rel=\"stylesheet\" href=\"/static/app.css\">";
  out += "<script src=\"/static/vendor/htmx/htmx.min.js\" defer></script>";
  out += "<script src=\"/static/app.js\" defer></script>";
  out += "</head><body>";
  out += "<a class=\"skipnav\" href=\"#main-content\">" + Tr(l, "Gå til sidens indhold", "Skip to main content") + "</a>";
  out += "<header class=\"header\">";
  // Portal line: the system's name, the language switch and the user with logout.
  out += "<div class=\"portal-info\"><div class=\"portal-info-inner container\">";
  out += "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">th</span><span>tovholder</span></a>";
  out += "<div class=\"portal-user app-user\">";
  out += "<p class=\"lang-switch\">";
  if (l == Lang::kDa)
    out += "<a lang=\"en\" hreflang=\"en\" href=\"" + Esc(LangSwitchUrl(info.current_url, "en")) + "\">English</a>";
  else
    out += "<a lang=\"da\" hreflang=\"da\" href=\"" + Esc(LangSwitchUrl(info.current_url, "da")) + "\">Dansk</a>";
  out += "</p>";
  if (info.user) {
    const Principal& p = *info.user;
    out += "<p class=\"user\" data-testid=\"user\"><strong>" + Esc(p.user) + "</strong>, " + Esc(RoleLabel(l, p.role));
    if (!p.municipality.empty()) out += " · " + Esc(MunicipalityName(p.municipality));
    out += "</p>";
    out += "<form method=\"post\" action=\"/logout\" class=\"logout-form\">" + HiddenInput("csrf_token", info.csrf_token) +
           "<button type=\"submit\" class=\"function-link log-off\"><svg class=\"icon-svg\" focusable=\"false\" aria-hidden=\"true\">"
           "<use href=\"/static/vendor/dkfds/img/all-svg-icons.svg#lock\"></use></svg>" +
           Tr(l, "Log af", "Log out") + "</button></form>";
  }
  out += "</div></div></div>";
  // Solution line: the solution's name and the authority.
  out += "<div class=\"solution-info\"><div class=\"solution-info-inner container\"><div class=\"solution-heading\">";
  out += "<a href=\"/\">" + Tr(l, "Tovholder – Housing First og hjemløseindsats", "Tovholder – Housing First and homelessness work") + "</a></div>";
  // On a phone the main menu folds behind this button (app.js opens it; without JavaScript the
  // menu is always shown and the button hidden).
  if (info.user)
    out += "<button type=\"button\" class=\"button button-secondary app-menu-button\" aria-expanded=\"false\" "
           "aria-controls=\"app-nav\" hidden>" + Tr(l, "Menu", "Menu") + "</button>";
  if (info.user && !info.user->municipality.empty())
    out += "<div class=\"additional-info\"><p><strong class=\"authority-name\">" + Esc(MunicipalityName(info.user->municipality)) +
           "</strong></p><p>" + Tr(l, "Social- og beskæftigelsesområdet", "Social services and employment") + "</p></div>";
  out += "</div></div>";
  if (info.user) {
    out += "<div class=\"navigation-menu app-nav\" id=\"app-nav\"><div class=\"navigation-menu-inner container\"><nav class=\"nav\" aria-label=\"" +
           Tr(l, "Hovedmenu", "Main menu") + "\"><ul class=\"mainmenu\">";
    for (const auto& item : NavFor(l, *info.user)) {
      bool current = item.key == info.active;
      out += std::string("<li") + (current ? " class=\"active current\"" : "") + "><a class=\"nav-link\" href=\"" + Esc(item.href) + "\"" +
             (current ? " aria-current=\"page\"" : "") + "><span>" + Esc(item.text) + "</span></a></li>";
    }
    out += "</ul></nav></div></div>";
  }
  out += "</header>";
  out += std::string("<main id=\"main-content\" class=\"container page-container") + (info.wide ? " wide" : "") + "\" tabindex=\"-1\">";
  out += body;
  out += "</main>";
  out += "<footer><div class=\"footer\"><div class=\"container\"><div class=\"row\">";
  out += "<div class=\"col-12 col-md-8 footer-col\"><p><strong>tovholder</strong> – " +
         Tr(l, "kommunernes redskab til Housing First og hjemløseindsatsen. Alle opslag på borgere logges.",
            "the municipalities' tool for Housing First and homelessness work. Every look at a citizen is logged.") + "</p></div>";
  out += "<div class=\"col-12 col-md-4 footer-col\"><ul class=\"unstyled-list\"><li><a href=\"" + Esc(LangSwitchUrl(info.current_url, l == Lang::kDa ? "en" : "da")) +
         "\" lang=\"" + (l == Lang::kDa ? "en" : "da") + "\">" + (l == Lang::kDa ? "English version" : "Dansk version") + "</a></li></ul></div>";
  out += "</div></div></div></footer>";
  out += "</body></html>";
  return out;
}

}  // namespace tov::web::html
