// The housing allocation's pages (DESIGN §9, docs/housing.md), the housing role's (boliganviser)
// front door: /boliger, the municipality's dwellings (vacant, offered, let; by kind and area)
// with a form to list a new one and a button to withdraw a vacant one; /boliger/venteliste, the
// waiting list with the points part by part in words; /boliger/{unit}, one dwelling with its
// terms, the candidates in order and the others with their reasons, the offer in progress with
// its age, and the offer's steps (offer, accepted, declined with a reason, moved in).
//
// Thin adapters over src/app/housing.h: every rule (who may, the states, the points, the offer
// rules, the move-in's two entries) is there or below. No health data: only the allocation.
#include <algorithm>
#include <cctype>

#include "app/citizens.h"
#include "app/housing.h"
#include "domain/entry_json.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using FT = html::Field::Type;

std::string Kr(Lang l, int64_t v) { return html::FormatInt(l, v) + " kr."; }

std::string CitizenLink(const std::string& key, const std::map<std::string, std::string>& names) {
  auto it = names.find(key);
  const std::string link = "<a href=\"/borger/" + html::Esc(html::UrlEncode(key)) + "\">";
  if (it == names.end()) return link + html::Esc(key) + "</a>";
  return link + html::Esc(it->second) + "</a> <span class=\"muted\">" + html::Esc(key) + "</span>";
}

std::string DwellingLink(const std::string& key) {
  return "<a href=\"/boliger/" + html::Esc(html::UrlEncode(key)) + "\">" + html::Esc(key) + "</a>";
}


// A whole number typed in a form as a JSON number; anything else as typed (the entry's
// validation names the problem).
json Number(const std::string& v) {
  if (!v.empty() && v.size() <= 12 && std::all_of(v.begin(), v.end(), ::isdigit))
    return std::stoll(v);
  return v;
}

std::string DaysAgo(const PageContext& ctx, int days) {
  if (days == 0) return ctx.T("i dag", "today");
  if (days == 1) return ctx.T("for 1 dag siden", "1 day ago");
  return ctx.T("for ", "") + html::FormatInt(ctx.lang, days) + ctx.T(" dage siden", " days ago");
}

std::string StateLabel(const PageContext& ctx, DwellingState s) {
  switch (s) {
    case DwellingState::kVacant:
      return ctx.T("Ledig", "Vacant");
    case DwellingState::kOffered:
      return ctx.T("Tilbudt", "Offered");
    case DwellingState::kLet:
      return ctx.T("Udlejet", "Let");
    case DwellingState::kWithdrawn:
      return ctx.T("Trukket tilbage", "Withdrawn");
  }
  return "";
}

// The errors of a refused write as one list in the page's language.
std::string ErrorBox(const PageContext& ctx, const Status& s) {
  std::string items;
  for (const auto& e : s.field_errors())
    items += "<li>" + html::Esc(html::FieldReason(ctx.lang, e)) + "</li>";
  if (items.empty()) items = "<li>" + html::Esc(s.message()) + "</li>";
  return html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                        "<ul>" + items + "</ul>");
}

http::Response Refused(PageContext& ctx, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied)
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Din rolle giver ikke adgang til boligerne.",
                           "Your role gives no access to the dwellings."));
  if (s.code() == StatusCode::kNotFound)
    return ErrorPage(ctx, 404, ctx.T("Boligen findes ikke", "No such dwelling"),
                     ctx.T("Der er ingen bolig med det id i din kommune.",
                           "There is no dwelling with that id in your municipality."));
  return ErrorPage(ctx, 500, ctx.T("Fejl", "Error"),
                   ctx.T("Siden kunne ikke vises. Prøv igen.",
                         "The page could not be shown. Please try again."));
}

// ---- /boliger ----

std::vector<html::Field> ListingFields(const PageContext& ctx) {
  const Lang l = ctx.lang;
  std::vector<html::Field> out;
  html::Field unit = F(FT::kText, "unit", ctx.T("Boligens id", "Dwelling id"),
                       ctx.T("Entydigt i hele systemet, fx 151-B0001.",
                             "Unique in the whole system, e.g. 151-B0001."),
                       true);
  unit.input_class = "input-width-m";
  out.push_back(unit);
  html::Field date = F(FT::kDate, "date", ctx.T("Ledig fra", "Vacant from"),
                       ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true);
  date.input_class = "input-width-s";
  out.push_back(date);
  html::Field kind = F(FT::kSelect, "unit_kind", ctx.T("Boligtype", "Kind of dwelling"), "", true);
  for (const auto& id : html::Ids("unit_kind"))
    kind.options.push_back({id, html::Label(l, "unit_kind", id)});
  kind.empty_option = ctx.T("Vælg boligtype", "Choose a kind");
  out.push_back(kind);
  for (auto [name, da, en, required] :
       {std::tuple{"rooms", "Antal værelser", "Rooms", true},
        std::tuple{"rent", "Husleje pr. måned (kr.)", "Rent a month (kr)", true},
        std::tuple{"deposit", "Depositum (kr.)", "Deposit (kr)", false}}) {
    html::Field f = F(FT::kNumber, name, ctx.T(da, en), "", required);
    f.input_class = "input-width-xs";
    out.push_back(f);
  }
  html::Field area = F(FT::kText, "area", ctx.T("Område", "Area"),
                       ctx.T("Fx bydel eller postnummer.", "E.g. district or postcode."));
  area.input_class = "input-width-m";
  out.push_back(area);
  html::Field assoc = F(FT::kText, "association", ctx.T("Boligselskab", "Housing association"));
  assoc.max_length = kMaxNameLength;
  assoc.input_class = "input-width-l";
  out.push_back(assoc);
  out.push_back(F(FT::kCheckbox, "accessible", ctx.T("Handicapvenlig", "Accessible")));
  out.push_back(F(FT::kCheckbox, "youth_only",
                  ctx.T("Kun for unge under 30", "For young people under 30 only")));
  out.push_back(F(FT::kCheckbox, "quota",
                  ctx.T("Anvises efter kommunens kvote (almenboligloven § 59)",
                        "Allocated under the council's quota (§59)")));
  return out;
}

http::Response DwellingsPage(PageContext& ctx, int status, const html::Values& typed,
                             const html::Errors& errors, const std::string& notice) {
  const Lang l = ctx.lang;
  const Principal& p = ctx.who();
  DwellingQuery q;
  q.as_of = ctx.today;
  q.unit_kind = ctx.req.Query("type").value_or("");
  q.area = ctx.req.Query("omraade").value_or("");
  q.include_withdrawn = ctx.req.Query("trukket").value_or("") == "ja";
  auto list = ListDwellings(ctx.web.app(), p, q);
  if (!list.ok()) return Refused(ctx, list.status());
  size_t n[4] = {0, 0, 0, 0};
  for (const auto& r : list->rows) ++n[static_cast<int>(r.state)];

  std::string body = "<h1>" + ctx.T("Boliger", "Dwellings") + "</h1>" + notice;
  body += "<p class=\"font-lead\">" + html::Esc(html::MunicipalityName(p.municipality)) +
          ctx.T(": boliger til kommunal anvisning pr. ",
                ": dwellings for municipal allocation as of ") +
          html::FormatDate(l, ctx.today) + ".</p>";
  body +=
      "<p data-testid=\"dwelling-counts\"><strong>" +
      html::FormatInt(l, static_cast<long long>(n[0])) + "</strong> " + ctx.T("ledige", "vacant") +
      " · <strong>" + html::FormatInt(l, static_cast<long long>(n[1])) + "</strong> " +
      ctx.T("tilbudt", "offered") + " · <strong>" +
      html::FormatInt(l, static_cast<long long>(n[2])) + "</strong> " + ctx.T("udlejet", "let") +
      " · <a href=\"/boliger/venteliste\">" + ctx.T("Ventelisten", "The waiting list") + "</a></p>";

  // Filter.
  body += "<form method=\"get\" action=\"/boliger\" class=\"filter-form\"><div class=\"row\">";
  html::Values fv{
      {"type", q.unit_kind}, {"omraade", q.area}, {"trukket", q.include_withdrawn ? "true" : ""}};
  html::Field kind = F(FT::kSelect, "type", ctx.T("Boligtype", "Kind"));
  kind.empty_option = ctx.T("Alle typer", "All kinds");
  for (const auto& id : html::Ids("unit_kind"))
    kind.options.push_back({id, html::Label(l, "unit_kind", id)});
  html::Field area = F(FT::kSelect, "omraade", ctx.T("Område", "Area"));
  area.empty_option = ctx.T("Alle områder", "All areas");
  for (const auto& a : list->areas) area.options.push_back({a, a});
  body += "<div class=\"col-12 col-md-4\">" + html::RenderField(l, kind, "filter-", fv, {}) +
          "</div><div class=\"col-12 col-md-4\">" + html::RenderField(l, area, "filter-", fv, {}) +
          "</div></div>";
  body +=
      "<div class=\"form-group\"><div class=\"form-group-checkbox\"><input type=\"checkbox\" "
      "class=\"form-checkbox\" id=\"filter-trukket\" name=\"trukket\" value=\"ja\"" +
      std::string(q.include_withdrawn ? " checked" : "") +
      "><label class=\"form-label\" for=\"filter-trukket\">" +
      ctx.T("Vis også boliger, der er trukket tilbage", "Also show withdrawn dwellings") +
      "</label></div></div>";
  body += "<button type=\"submit\" class=\"button button-secondary\">" +
          ctx.T("Vis boliger", "Show dwellings") + "</button></form>";

  const bool may_withdraw = MayRecord(p, Kind::kUnitWithdrawn);
  auto section = [&](DwellingState state, const std::string& id, const std::string& title) {
    body += "<section class=\"dwelling-section\" aria-labelledby=\"h-" + id + "\" data-state=\"" +
            std::string(kDwellingStateNames[static_cast<int>(state)]) + "\"><h2 id=\"h-" + id +
            "\">" + html::Esc(title) + " <span class=\"count-pill\">" +
            html::FormatInt(l, static_cast<long long>(n[static_cast<int>(state)])) + "</span></h2>";
    if (n[static_cast<int>(state)] == 0) {
      body += "<p>" + ctx.T("Ingen.", "None.") + "</p></section>";
      return;
    }
    body +=
        "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" +
        html::Esc(title) +
        "\"><table class=\"table table--compact dwelling-table\"><thead><tr><th scope=\"col\">" +
        ctx.T("Bolig", "Dwelling") + "</th><th scope=\"col\">" + ctx.T("Type", "Kind") +
        "</th><th scope=\"col\">" + ctx.T("Værelser", "Rooms") + "</th><th scope=\"col\">" +
        ctx.T("Husleje", "Rent") + "</th><th scope=\"col\">" + ctx.T("Depositum", "Deposit") +
        "</th><th scope=\"col\">" + ctx.T("Område", "Area") + "</th><th scope=\"col\">" +
        ctx.T("Ledige dage (12 md.)", "Days vacant (12 months)") + "</th>";
    if (state == DwellingState::kOffered)
      body += "<th scope=\"col\">" + ctx.T("Tilbudt til", "Offered to") +
              "</th><th scope=\"col\">" + ctx.T("Status", "Status") + "</th>";
    if (state == DwellingState::kLet || state == DwellingState::kWithdrawn)
      body += "<th scope=\"col\">" + ctx.T("Siden", "Since") + "</th>";
    if (state == DwellingState::kVacant && may_withdraw)
      body += "<th scope=\"col\"><span class=\"sr-only\">" + ctx.T("Handling", "Action") +
              "</span></th>";
    body += "</tr></thead><tbody>";
    for (const auto& r : list->rows) {
      if (r.state != state) continue;
      body += "<tr data-unit=\"" + html::Esc(r.key) + "\"><td>" + DwellingLink(r.key) +
              "</td><td>" +
              html::Esc(html::Label(l, "unit_kind", NameOf(kUnitKindNames, r.terms.unit_kind))) +
              (r.terms.youth_only.value_or(false)
                   ? " <span class=\"badge\">" + ctx.T("unge", "youth") + "</span>"
                   : "") +
              (r.terms.accessible.value_or(false)
                   ? " <span class=\"badge\">" + ctx.T("handicapvenlig", "accessible") + "</span>"
                   : "") +
              "</td><td>" + std::to_string(r.terms.rooms) + "</td><td>" + Kr(l, r.terms.rent) +
              "</td><td>" + (r.terms.deposit ? Kr(l, *r.terms.deposit) : "–") + "</td><td>" +
              html::Esc(r.terms.area.value_or("–")) + "</td><td>" +
              html::FormatInt(l, r.vacant_days_12m) + "</td>";
      if (state == DwellingState::kOffered) {
        std::map<std::string, std::string> names;
        if (r.offer_name) names[r.offer_citizen] = *r.offer_name;
        body += "<td>" + CitizenLink(r.offer_citizen, names) + "</td><td>" +
                html::Esc(html::Label(l, "offer", NameOf(kOfferStatusNames, *r.offer_status))) +
                " " + DaysAgo(ctx, r.offer_age_days) + "</td>";
      }
      if (state == DwellingState::kLet || state == DwellingState::kWithdrawn)
        body += "<td>" + (r.state_since ? html::FormatDate(l, *r.state_since) : "–") + "</td>";
      if (state == DwellingState::kVacant && may_withdraw)
        body += "<td><form method=\"post\" action=\"/boliger\">" +
                html::HiddenInput("csrf_token", ctx.session->csrf_token) +
                html::HiddenInput("action", "withdraw") + html::HiddenInput("unit", r.key) +
                "<button type=\"submit\" class=\"button button-tertiary\">" +
                ctx.T("Træk tilbage", "Withdraw") + "<span class=\"sr-only\"> " + html::Esc(r.key) +
                "</span></button></form></td>";
      body += "</tr>";
    }
    body += "</tbody></table></div></section>";
  };
  section(DwellingState::kVacant, "vacant", ctx.T("Ledige boliger", "Vacant dwellings"));
  section(DwellingState::kOffered, "offered",
          ctx.T("Tilbudt til en borger", "Offered to a citizen"));
  section(DwellingState::kLet, "let", ctx.T("Udlejet", "Let"));
  if (q.include_withdrawn)
    section(DwellingState::kWithdrawn, "withdrawn", ctx.T("Trukket tilbage", "Withdrawn"));

  if (MayRecord(p, Kind::kUnitListed)) {
    html::Values v = typed;
    if (v.empty()) {
      v["date"] = ctx.today.ToString();
      if (auto key = SuggestDwellingKey(ctx.web.app(), p); key.ok()) v["unit"] = *key;
    }
    auto fields = ListingFields(ctx);
    std::map<std::string, std::string> labels;
    for (const auto& f : fields) labels[f.name] = f.label;
    body +=
        "<section id=\"ny-bolig\" class=\"dwelling-section\" aria-labelledby=\"h-new\"><h2 "
        "id=\"h-new\">" +
        ctx.T("Stil en bolig til rådighed", "List a dwelling") + "</h2>";
    body += "<p class=\"form-intro\">" +
            ctx.T(
                "En ledig bolig, som kommunen kan anvise. Den kommer straks på listen over ledige "
                "boliger med sine kandidater.",
                "A vacant dwelling the municipality may allocate. It goes straight onto the list "
                "of vacant dwellings with its candidates.") +
            "</p>";
    body += html::ErrorSummary(l, "unit-", errors, labels);
    body += "<form method=\"post\" action=\"/boliger#ny-bolig\" novalidate>" +
            html::HiddenInput("csrf_token", ctx.session->csrf_token) +
            html::HiddenInput("action", "list");
    for (const auto& f : fields) body += html::RenderField(l, f, "unit-", v, errors);
    body += "<button type=\"submit\" class=\"button button-primary\">" +
            ctx.T("Stil boligen til rådighed", "List the dwelling") + "</button></form></section>";
  }
  return Render(ctx, status, ctx.T("Boliger", "Dwellings"), "dwellings", body, true);
}

}  // namespace

// ---- Shared words (also the citizen page's) ----

std::string PriorityWords(const PageContext& ctx, const report::PriorityParts& parts,
                          int homeless_days, const report::Thresholds& w) {
  const Lang l = ctx.lang;
  std::vector<std::string> out;
  out.push_back(html::FormatInt(l, w.priority_homeless_day) +
                ctx.T(" point pr. dag som hjemløs de seneste 3 år: ",
                      " point(s) per day homeless in the last 3 years: ") +
                html::FormatInt(l, parts.homeless_days) +
                (w.priority_homeless_day != 1
                     ? " (" + html::FormatInt(l, homeless_days) + ctx.T(" dage)", " days)")
                     : ""));
  if (parts.street)
    out.push_back(ctx.T("bor på gaden: ", "sleeping rough: ") + html::FormatInt(l, parts.street));
  if (parts.youth)
    out.push_back(ctx.T("under 30 år: ", "under 30: ") + html::FormatInt(l, parts.youth));
  if (parts.release)
    out.push_back(ctx.T("løsladelse eller udskrivning inden for 30 dage uden boligløsning: ",
                        "released or discharged within 30 days without housing: ") +
                  html::FormatInt(l, parts.release));
  if (parts.shelter_ready)
    out.push_back(
        ctx.T("på herberg og klar til egen bolig: ", "in a shelter and ready for a home: ") +
        html::FormatInt(l, parts.shelter_ready));
  std::string s;
  for (const auto& x : out) s += (s.empty() ? "" : "; ") + x;
  return s;
}

std::string ApprovalWords(const PageContext& ctx, const HousingApproved& t) {
  const Lang l = ctx.lang;
  std::string s =
      ctx.T("Mindst ", "At least ") + std::to_string(t.rooms_min) + ctx.T(" vær.", " rooms");
  if (t.max_rent) s += ", " + ctx.T("husleje højst ", "rent at most ") + Kr(l, *t.max_rent);
  if (t.accessible.value_or(false)) s += ", " + ctx.T("handicapvenlig", "accessible");
  if (t.areas && !t.areas->empty()) {
    std::string a;
    for (const auto& x : *t.areas) a += (a.empty() ? "" : ", ") + x;
    s += "; " + ctx.T("områder: ", "areas: ") + a;
  }
  return s;
}

// ---- Handlers ----

http::Response Dwellings(PageContext& ctx) {
  const Principal& p = ctx.who();
  if (ctx.req.method != "POST") {
    std::string notice;
    if (auto u = ctx.req.Query("trukket_tilbage"))
      notice = html::AlertBox(
          ctx.lang, "success", ctx.T("Trukket tilbage", "Withdrawn"),
          html::Esc(*u + ctx.T(" er ikke længere til rådighed.", " is no longer available.")));
    return DwellingsPage(ctx, 200, {}, {}, notice);
  }
  html::Values form = *ParseForm(ctx.req);
  const std::string action = Get(form, "action");
  if (action == "withdraw") {
    json j{{"unit", Get(form, "unit")},
           {"municipality", p.municipality},
           {"kind", "unit_withdrawn"},
           {"date", ctx.today.ToString()}};
    auto r = RecordEntry(ctx.web.app(), p, j);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kPermissionDenied ||
          r.status().code() == StatusCode::kNotFound)
        return Refused(ctx, r.status());
      return DwellingsPage(ctx, 422, {}, {}, ErrorBox(ctx, r.status()));
    }
    return RedirectTo(ctx, "/boliger?trukket_tilbage=" + html::UrlEncode(Get(form, "unit")));
  }
  if (action != "list") return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), "");
  html::Values kept;
  json j{{"municipality", p.municipality}, {"kind", "unit_listed"}};
  for (const auto& f : ListingFields(ctx)) {
    const std::string v = Get(form, f.name);
    kept[f.name] = v;
    if (v.empty()) continue;
    if (f.type == FT::kCheckbox)
      j[f.name] = v == "true";
    else if (f.type == FT::kNumber)
      j[f.name] = Number(v);
    else
      j[f.name] = v;
  }
  auto r = RecordEntry(ctx.web.app(), p, j);
  if (!r.ok()) {
    const Status& s = r.status();
    if (s.code() == StatusCode::kPermissionDenied || s.code() == StatusCode::kNotFound)
      return Refused(ctx, s);
    std::vector<FieldError> fields = s.field_errors();
    if (fields.empty()) fields.push_back({"unit", s.message()});
    return DwellingsPage(
        ctx, 422, kept, TranslateErrors(ctx, fields),
        html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                       "<a href=\"#ny-bolig\">" +
                           ctx.T("Ret fejlene i formularen", "Correct the errors in the form") +
                           "</a>"));
  }
  return RedirectTo(ctx, "/boliger/" + html::UrlEncode(r->unit) + "?gemt=listed#gemt");
}

http::Response WaitingListPage(PageContext& ctx) {
  const Lang l = ctx.lang;
  auto q = HousingQueue(ctx.web.app(), ctx.who(), {ctx.today, std::nullopt, std::nullopt});
  if (!q.ok()) return Refused(ctx, q.status());
  const report::Thresholds& w = q->weights;
  std::string body = "<h1>" + ctx.T("Venteliste", "Waiting list") + "</h1>";
  body += "<p class=\"font-lead\">" + html::Esc(html::MunicipalityName(q->municipality)) +
          ctx.T(": borgere godkendt til kommunal anvisning pr. ",
                ": citizens approved for municipal allocation as of ") +
          html::FormatDate(l, ctx.today) + ", " +
          ctx.T("flest point først.", "highest points first.") + "</p>";
  body += "<details class=\"details\"><summary class=\"details-summary\">" +
          ctx.T("Sådan gives pointene", "How the points are given") +
          "</summary><div class=\"details-text\"><ul>";
  body += "<li>" + html::FormatInt(l, w.priority_homeless_day) +
          ctx.T(" point pr. dag som hjemløs de seneste 3 år",
                " point(s) per day homeless in the last 3 years") +
          "</li>";
  body += "<li>" + html::FormatInt(l, w.priority_street) +
          ctx.T(" point, hvis borgeren bor på gaden", " points when sleeping rough") + "</li>";
  body += "<li>" + html::FormatInt(l, w.priority_youth) +
          ctx.T(" point for unge under 30 år", " points when under 30") + "</li>";
  body += "<li>" + html::FormatInt(l, w.priority_release) +
          ctx.T(" point ved løsladelse eller udskrivning inden for 30 dage uden boligløsning",
                " points for a release or discharge within 30 days without housing") +
          "</li>";
  body += "<li>" + html::FormatInt(l, w.priority_shelter_ready) +
          ctx.T(" point på herberg og klar til egen bolig",
                " points in a shelter and ready for a home") +
          "</li>";
  body += "</ul><p>" +
          ctx.T("Ved lige mange point går den tidligst godkendte forrest.",
                "On equal points the earliest approved comes first.") +
          "</p></div></details>";
  if (q->queue.empty()) {
    body +=
        "<p>" + ctx.T("Ingen borgere på ventelisten.", "No citizens on the waiting list.") + "</p>";
  } else {
    body += "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" +
            ctx.T("Venteliste", "Waiting list") +
            "\"><table class=\"table table--compact queue-table\"><thead><tr><th scope=\"col\">" +
            ctx.T("Nr.", "No.") + "</th><th scope=\"col\">" + ctx.T("Borger", "Citizen") +
            "</th><th scope=\"col\">" + ctx.T("Point", "Points") + "</th><th scope=\"col\">" +
            ctx.T("Sådan", "Made of") + "</th><th scope=\"col\">" + ctx.T("Godkendt", "Approved") +
            "</th><th scope=\"col\">" + ctx.T("Ønsker", "Needs") + "</th></tr></thead><tbody>";
    int n = 0;
    for (const auto& e : q->queue) {
      body += "<tr data-citizen=\"" + html::Esc(e.citizen) + "\"><td>" + std::to_string(++n) +
              "</td><td>" + CitizenLink(e.citizen, q->names) + "</td><td><strong>" +
              html::FormatInt(l, e.points) + "</strong></td><td class=\"points-words\">" +
              html::Esc(PriorityWords(ctx, e.parts, e.homeless_days, w)) + "</td><td>" +
              html::FormatDate(l, e.approved) + "</td><td>" +
              (e.terms ? html::Esc(ApprovalWords(ctx, *e.terms)) : "–") + "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  return Render(ctx, 200, ctx.T("Venteliste", "Waiting list"), "queue", body, true);
}

namespace {

http::Response DwellingPage(PageContext& ctx, const std::string& unit, int status = 200,
                            const std::string& notice_in = "") {
  const Lang l = ctx.lang;
  const Principal& p = ctx.who();
  auto detail = DwellingDetailOf(ctx.web.app(), p, unit, ctx.today);
  if (!detail.ok()) return Refused(ctx, detail.status());
  const DwellingRow& r = detail->row;
  const report::CandidateSplit& split = detail->split;
  const auto& names = detail->names;
  std::string notice = notice_in;
  if (auto saved = ctx.req.Query("gemt")) {
    std::string what =
        *saved == "listed" ? ctx.T("Boligen er stillet til rådighed.", "The dwelling is listed.")
        : *saved == "moved_in"
            ? ctx.T("Indflytningen er gemt, og borgerens boligsituation er nu egen bolig.",
                    "The move-in is saved, and the citizen's housing situation is now own home.")
            : ctx.T("Tilbuddet er gemt: ", "The offer is saved: ") +
                  html::Label(l, "offer", *saved) + ".";
    notice = SavedBanner(ctx, html::Esc(what));
  }
  const std::string csrf = html::HiddenInput("csrf_token", ctx.session->csrf_token);
  const std::string action_url = "/boliger/" + html::Esc(html::UrlEncode(unit));
  const bool may_offer = MayRecord(p, Kind::kHousingOffer);

  std::string body =
      "<nav class=\"breadcrumbs\" aria-label=\"" + ctx.T("Brødkrumme", "Breadcrumb") +
      "\"><ol class=\"breadcrumbs__list\"><li class=\"breadcrumbs__list-item\"><a "
      "href=\"/boliger\" class=\"breadcrumbs__link\">" +
      ctx.T("Boliger", "Dwellings") +
      "</a></li><li class=\"breadcrumbs__list-item\" aria-current=\"page\"><svg class=\"icon-svg\" "
      "focusable=\"false\" aria-hidden=\"true\"><use "
      "href=\"/static/vendor/dkfds/img/all-svg-icons.svg#chevron-right\"></use></svg>" +
      html::Esc(unit) + "</li></ol></nav>";
  body += "<h1>" + ctx.T("Bolig ", "Dwelling ") + html::Esc(unit) +
          " <span class=\"badge\" data-testid=\"dwelling-state\">" +
          html::Esc(StateLabel(ctx, r.state)) + "</span></h1>" + notice;
  // Terms.
  body += "<section class=\"citizen-summary\" aria-label=\"" + ctx.T("Vilkår", "Terms") +
          "\"><dl class=\"summary-list\">";
  auto item = [&](const std::string& dt, const std::string& dd) {
    body += "<div class=\"summary-item\"><dt>" + html::Esc(dt) + "</dt><dd>" + dd + "</dd></div>";
  };
  item(ctx.T("Boligtype", "Kind"),
       html::Esc(html::Label(l, "unit_kind", NameOf(kUnitKindNames, r.terms.unit_kind))));
  item(ctx.T("Værelser", "Rooms"), std::to_string(r.terms.rooms));
  item(ctx.T("Husleje pr. måned", "Rent a month"), Kr(l, r.terms.rent));
  item(ctx.T("Depositum", "Deposit"), r.terms.deposit ? Kr(l, *r.terms.deposit) : "–");
  item(ctx.T("Område", "Area"), html::Esc(r.terms.area.value_or("–")));
  item(ctx.T("Boligselskab", "Housing association"), html::Esc(r.terms.association.value_or("–")));
  std::string marks;
  if (r.terms.accessible.value_or(false)) marks += ctx.T("Handicapvenlig. ", "Accessible. ");
  if (r.terms.youth_only.value_or(false))
    marks += ctx.T("Kun for unge under 30. ", "Young people under 30 only. ");
  if (r.terms.quota.value_or(false))
    marks += ctx.T("Anvises efter kommunens kvote. ", "Under the council's quota. ");
  item(ctx.T("Særligt", "Notes"), marks.empty() ? "–" : html::Esc(marks));
  item(ctx.T("Stillet til rådighed", "Listed"), html::FormatDate(l, r.listed));
  item(ctx.T("Ledige dage de seneste 12 måneder", "Days vacant in the last 12 months"),
       html::FormatInt(l, r.vacant_days_12m));
  if (r.state_since) item(StateLabel(ctx, r.state), html::FormatDate(l, *r.state_since));
  body += "</dl></section>";

  // The offer in progress.
  if (r.state == DwellingState::kOffered) {
    body +=
        "<section class=\"dwelling-section offer-open\" aria-labelledby=\"h-offer\" "
        "data-testid=\"open-offer\"><h2 id=\"h-offer\">" +
        ctx.T("Tilbud i gang", "Offer in progress") + "</h2>";
    body += "<p>" + CitizenLink(r.offer_citizen, names) + ": " +
            html::Esc(html::Label(l, "offer", NameOf(kOfferStatusNames, *r.offer_status))) + " " +
            html::FormatDate(l, *r.offer_since) + " (" + DaysAgo(ctx, r.offer_age_days) + ")</p>";
    if (const auto& b = detail->offer_barriers) {
      std::string items =
          "<li>" + ctx.T("Husleje ", "Rent ") + Kr(l, r.terms.rent) +
          (b->max_rent ? ctx.T(" mod borgerens grænse på ", " against the citizen's limit of ") +
                             Kr(l, *b->max_rent)
                       : ctx.T(" (borgeren har ingen grænse)", " (the citizen has no limit)")) +
          (b->rent_over_limit ? " <span class=\"badge badge-warning\">" +
                                    ctx.T("over grænsen", "above the limit") + "</span>"
                              : std::string()) +
          "</li>";
      items += "<li>" + ctx.T("Depositum ", "Deposit ") +
               (r.terms.deposit ? Kr(l, *r.terms.deposit) : "–") + "; " +
               (b->deposit_loans_granted
                    ? ctx.T("indskudslån bevilget ", "deposit loan granted ") +
                          Kr(l, b->deposit_loans_granted)
                    : ctx.T("intet indskudslån bevilget", "no deposit loan granted")) +
               "</li>";
      if (b->debt_to_associations)
        items += "<li><span class=\"badge badge-warning\">" +
                 ctx.T("Gæld til boligselskab ", "Debt to a housing association ") +
                 Kr(l, b->debt_to_associations) + "</span></li>";
      body += "<ul class=\"barriers\" data-testid=\"offer-barriers\">" + items + "</ul>";
    }
    if (may_offer) {
      const std::string c = html::HiddenInput("citizen", r.offer_citizen);
      html::Values dv{{"date", ctx.today.ToString()}};
      auto date_field = [&](const std::string& prefix) {
        html::Field d = F(FT::kDate, "date", ctx.T("Dato", "Date"),
                          ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true);
        d.input_class = "input-width-s";
        return html::RenderField(l, d, prefix, dv, {});
      };
      body += "<div class=\"row\">";
      if (*r.offer_status == OfferStatus::kOffered)
        body += "<div class=\"col-12 col-md-4\"><form method=\"post\" action=\"" + action_url +
                "\">" + csrf + c + html::HiddenInput("action", "accepted") + date_field("acc-") +
                "<button type=\"submit\" class=\"button button-primary\">" +
                ctx.T("Registrér accept", "Record acceptance") + "</button></form></div>";
      html::Field reason = F(FT::kSelect, "reason", ctx.T("Begrundelse", "Reason"), "", true);
      for (const auto& id : html::Ids("decline_reason"))
        reason.options.push_back({id, html::Label(l, "decline_reason", id)});
      body += "<div class=\"col-12 col-md-4\"><form method=\"post\" action=\"" + action_url +
              "\">" + csrf + c + html::HiddenInput("action", "declined") + date_field("dec-") +
              html::RenderField(l, reason, "dec-", {}, {}) +
              "<button type=\"submit\" class=\"button button-secondary\">" +
              ctx.T("Registrér afslag", "Record decline") + "</button></form></div>";
      body +=
          "<div class=\"col-12 col-md-4\"><form method=\"post\" action=\"" + action_url + "\">" +
          csrf + c + html::HiddenInput("action", "moved_in") + date_field("mov-") +
          "<button type=\"submit\" class=\"button button-primary\">" +
          ctx.T("Registrér indflytning", "Record the move-in") + "</button></form>" +
          "<p class=\"form-hint\">" +
          ctx.T("Gemmer indflytningen og borgerens nye boligsituation (egen bolig) på én gang.",
                "Saves the move-in and the citizen's new housing situation (own home) at once.") +
          "</p></div>";
      body += "</div>";
    }
    body += "</section>";
  }

  // Candidates and the others.
  const bool can_offer_now = may_offer && r.state == DwellingState::kVacant;
  body +=
      "<section class=\"dwelling-section\" aria-labelledby=\"h-cand\" "
      "data-testid=\"candidates\"><h2 id=\"h-cand\">" +
      ctx.T("Kandidater", "Candidates") + " <span class=\"count-pill\">" +
      html::FormatInt(l, static_cast<long long>(split.candidates.size())) + "</span></h2>";
  body += "<p class=\"muted\">" +
          ctx.T("Borgere på ventelisten, som boligen passer til, flest point først.",
                "Citizens on the waiting list the dwelling fits, highest points first.") +
          "</p>";
  if (split.candidates.empty()) {
    body += "<p>" + ctx.T("Ingen kandidater.", "No candidates.") + "</p>";
  } else {
    body +=
        "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" +
        ctx.T("Kandidater", "Candidates") +
        "\"><table class=\"table table--compact candidate-table\"><thead><tr><th scope=\"col\">" +
        ctx.T("Nr.", "No.") + "</th><th scope=\"col\">" + ctx.T("Borger", "Citizen") +
        "</th><th scope=\"col\">" + ctx.T("Point", "Points") + "</th><th scope=\"col\">" +
        ctx.T("Sådan", "Made of") + "</th>" +
        (can_offer_now ? "<th scope=\"col\"><span class=\"sr-only\">" +
                             ctx.T("Handling", "Action") + "</span></th>"
                       : "") +
        "</tr></thead><tbody>";
    int n = 0;
    const report::Thresholds w = ctx.web.ThresholdsFor(split.municipality);
    for (const auto& q : split.candidates) {
      body += "<tr data-citizen=\"" + html::Esc(q.citizen) + "\"><td>" + std::to_string(++n) +
              "</td><td>" + CitizenLink(q.citizen, names) + "</td><td><strong>" +
              html::FormatInt(l, q.points) + "</strong></td><td class=\"points-words\">" +
              html::Esc(PriorityWords(ctx, q.parts, q.homeless_days, w)) + "</td>";
      if (can_offer_now) {
        auto it = names.find(q.citizen);
        body += "<td><form method=\"post\" action=\"" + action_url + "\">" + csrf +
                html::HiddenInput("citizen", q.citizen) + html::HiddenInput("action", "offered") +
                "<button type=\"submit\" class=\"button button-secondary\">" +
                ctx.T("Tilbyd boligen", "Offer the dwelling") + "<span class=\"sr-only\"> " +
                ctx.T("til ", "to ") + html::Esc(it == names.end() ? q.citizen : it->second) +
                "</span></button></form></td>";
      }
      body += "</tr>";
    }
    body += "</tbody></table></div>";
  }
  body += "</section>";
  body +=
      "<section class=\"dwelling-section\" aria-labelledby=\"h-other\" "
      "data-testid=\"ineligible\"><h2 id=\"h-other\">" +
      ctx.T("Ikke kandidater", "Not candidates") + " <span class=\"count-pill\">" +
      html::FormatInt(l, static_cast<long long>(split.ineligible.size())) + "</span></h2>";
  if (split.ineligible.empty()) {
    body += "<p>" +
            ctx.T("Alle på ventelisten er kandidater.",
                  "Everyone on the waiting list is a candidate.") +
            "</p>";
  } else {
    body +=
        "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" +
        ctx.T("Ikke kandidater", "Not candidates") +
        "\"><table class=\"table table--compact ineligible-table\"><thead><tr><th scope=\"col\">" +
        ctx.T("Borger", "Citizen") + "</th><th scope=\"col\">" + ctx.T("Point", "Points") +
        "</th><th scope=\"col\">" + ctx.T("Hvorfor ikke", "Why not") + "</th></tr></thead><tbody>";
    for (const auto& o : split.ineligible) {
      std::string why;
      for (auto reason : o.why)
        why += (why.empty() ? "" : "; ") +
               html::Label(l, "ineligible", report::kIneligibleNames[static_cast<size_t>(reason)]);
      body += "<tr data-citizen=\"" + html::Esc(o.entry.citizen) + "\"><td>" +
              CitizenLink(o.entry.citizen, names) + "</td><td>" +
              html::FormatInt(l, o.entry.points) + "</td><td class=\"why\">" + html::Esc(why) +
              "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  body += "</section>";

  // History.
  body += "<section class=\"dwelling-section\" aria-labelledby=\"h-hist\"><h2 id=\"h-hist\">" +
          ctx.T("Tilbud på boligen", "Offers of the dwelling") + "</h2>";
  if (detail->history.empty()) {
    body += "<p>" +
            ctx.T("Boligen er ikke tilbudt endnu.", "The dwelling has not been offered yet.") +
            "</p>";
  } else {
    body += "<table class=\"table table--compact\"><thead><tr><th scope=\"col\">" +
            ctx.T("Dato", "Date") + "</th><th scope=\"col\">" + ctx.T("Borger", "Citizen") +
            "</th><th scope=\"col\">" + ctx.T("Status", "Status") + "</th></tr></thead><tbody>";
    for (const auto& s : detail->history)
      body += "<tr><td>" + html::FormatDate(l, s.date) + "</td><td>" +
              CitizenLink(s.citizen, names) + "</td><td>" +
              html::Esc(html::Label(l, "offer", NameOf(kOfferStatusNames, s.status)) +
                        (s.reason ? " (" +
                                        html::Label(l, "decline_reason",
                                                    NameOf(kDeclineReasonNames, *s.reason)) +
                                        ")"
                                  : "")) +
              "</td></tr>";
    body += "</tbody></table>";
  }
  body += "</section>";
  if (r.state == DwellingState::kVacant && MayRecord(p, Kind::kUnitWithdrawn))
    body += "<form method=\"post\" action=\"/boliger\">" + csrf +
            html::HiddenInput("action", "withdraw") + html::HiddenInput("unit", unit) +
            "<button type=\"submit\" class=\"button button-tertiary\">" +
            ctx.T("Træk boligen tilbage", "Withdraw the dwelling") + "</button></form>";
  return Render(ctx, status, ctx.T("Bolig ", "Dwelling ") + unit, "dwellings", body, true);
}

}  // namespace

http::Response DwellingPost(PageContext& ctx, const std::string& unit) {
  html::Values form = *ParseForm(ctx.req);
  const std::string action = Get(form, "action");
  if (action != "offered" && action != "accepted" && action != "declined" && action != "moved_in")
    return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), "");
  auto r =
      RecordOffer(ctx.web.app(), ctx.who(),
                  {Get(form, "citizen"), unit, action, Get(form, "reason"), Get(form, "date")});
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kPermissionDenied ||
        r.status().code() == StatusCode::kNotFound)
      return Refused(ctx, r.status());
    return DwellingPage(ctx, unit, 422, ErrorBox(ctx, r.status()));
  }
  return RedirectTo(ctx, "/boliger/" + html::UrlEncode(unit) + "?gemt=" + action + "#gemt");
}

http::Response DwellingGet(PageContext& ctx, const std::string& unit) {
  return DwellingPage(ctx, unit);
}

}  // namespace tov::web::pages
