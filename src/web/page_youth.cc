// The citizen's youth page (/borger/{key}/unge; DESIGN §10, the youth model "Vejen til uddannelse
// og beskæftigelse"): the team around the young person with their roles, the goals and their
// status, the background, the network, education and work over time, and the transition at 18 from
// the child to the adult services (from the birth date, against the youth course); forms that
// record youth_team, youth_goal, youth_background and youth_status.
//
// A thin adapter: the citizen is read through ViewCitizen (authorised and logged as the citizen
// page) and every entry goes through RecordEntry (src/app/citizens.h), the use case behind
// POST /api/v1/entries, which validates it and refuses what the role may not record.
#include <algorithm>
#include <map>
#include <set>

#include "app/citizens.h"
#include "domain/entry_json.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using FT = html::Field::Type;
using Options = std::vector<std::pair<std::string, std::string>>;

constexpr int kTeamRows = 8;
constexpr const char* kChevron =
    "<svg class=\"icon-svg\" focusable=\"false\" aria-hidden=\"true\"><use href=\"/static/vendor/dkfds/img/all-svg-icons.svg#chevron-right\"></use></svg>";  // member rows of the team form (the journal allows up to 30)

struct FormState {
  Kind kind = Kind::kYouthTeam;
  html::Values values;
  html::Errors errors;
};

Options TableOptions(Lang l, std::string_view table) {
  Options out;
  for (const auto& id : html::Ids(table)) out.push_back({id, html::Label(l, table, id)});
  return out;
}

std::string RoleField(int i) { return "members[" + std::to_string(i) + "].role"; }
std::string NameField(int i) { return "members[" + std::to_string(i) + "].name"; }

html::Field DateField(const PageContext& ctx) {
  html::Field f = F(FT::kDate, "date", ctx.T("Dato", "Date"), ctx.T("Skrives ÅÅÅÅ-MM-DD.", "Written YYYY-MM-DD."), true);
  f.input_class = "input-width-s";
  return f;
}

// The fields of each form, in order.
std::vector<html::Field> Fields(const PageContext& ctx, Kind kind) {
  const Lang l = ctx.lang;
  std::vector<html::Field> f{DateField(ctx)};
  Options yes_no = {{"yes", ctx.T("Ja", "Yes")}, {"no", ctx.T("Nej", "No")}};
  switch (kind) {
    case Kind::kYouthTeam:
      for (int i = 0; i < kTeamRows; ++i) {
        html::Field role = F(FT::kSelect, RoleField(i), ctx.T("Rolle ", "Role ") + std::to_string(i + 1));
        role.options = TableOptions(l, "youth_role");
        role.empty_option = ctx.T("Ingen", "None");
        f.push_back(role);
        html::Field name = F(FT::kText, NameField(i), ctx.T("Navn ", "Name ") + std::to_string(i + 1), ctx.T("Kan udelades.", "May be left out."));
        f.push_back(name);
      }
      break;
    case Kind::kYouthGoal: {
      html::Field area = F(FT::kSelect, "area", ctx.T("Område", "Area"), "", true);
      area.options = TableOptions(l, "goal_area");
      area.empty_option = ctx.T("Vælg område", "Choose an area");
      f.push_back(area);
      f.push_back(F(FT::kTextarea, "text", ctx.T("Målet", "The goal"), ctx.T("Med den unges egne ord, hvis muligt.", "In the young person's own words, if possible."), true));
      html::Field status = F(FT::kRadio, "status", ctx.T("Status", "Status"));
      status.options = TableOptions(l, "goal_status");
      f.push_back(status);
      break;
    }
    case Kind::kYouthBackground:
      for (const auto& [name, da, en] : {std::tuple{"former_placement", "Har været anbragt uden for hjemmet", "Has been placed in care"},
                                         std::tuple{"family_case", "Har været del af en familiesag", "Has been part of a family case"},
                                         std::tuple{"own_family_case", "Har en familiesag selv", "Has a family case of their own"}}) {
        html::Field b = F(FT::kRadio, name, ctx.T(da, en), "", true);
        b.options = yes_no;
        f.push_back(b);
      }
      break;
    case Kind::kYouthStatus: {
      html::Field a = F(FT::kSelect, "activity", ctx.T("Aktivitet", "Activity"), "", true);
      a.options = TableOptions(l, "activity");
      a.empty_option = ctx.T("Vælg aktivitet", "Choose an activity");
      f.push_back(a);
      break;
    }
    default: break;
  }
  return f;
}

const Kind kForms[] = {Kind::kYouthTeam, Kind::kYouthGoal, Kind::kYouthBackground, Kind::kYouthStatus};

std::string FormTitle(const PageContext& ctx, Kind kind) {
  switch (kind) {
    case Kind::kYouthTeam: return ctx.T("Teamet omkring den unge", "The team around the young person");
    case Kind::kYouthGoal: return ctx.T("Nyt mål eller ny status for et mål", "A new goal, or a goal's new status");
    case Kind::kYouthBackground: return ctx.T("Baggrund", "Background");
    default: return ctx.T("Uddannelse og beskæftigelse", "Education and work");
  }
}

std::string FormIntro(const PageContext& ctx, Kind kind) {
  switch (kind) {
    case Kind::kYouthTeam:
      return ctx.T("Det seneste team er teamet. Udfyld hele teamet: koordinator, den unge selv og de andre fagpersoner og personer i netværket.",
                   "The latest team is the team. Fill in the whole team: coordinator, the young person and the other professionals and people of the network.");
    case Kind::kYouthGoal:
      return ctx.T("Hvert mål registreres med sin status på datoen. Ny status for et mål: registrér målet igen med samme område og tekst.",
                   "Each goal is recorded with its status on the date. A goal's new status: record it again with the same area and text.");
    case Kind::kYouthBackground: return ctx.T("Den seneste registrering gælder.", "The latest entry holds.");
    default: return "";
  }
}

const YouthTeam* LatestTeam(const std::vector<const Entry*>& live, Date today, Date* date) {
  const YouthTeam* team = nullptr;
  for (const Entry* e : live)  // journal order
    if (const auto* t = e->As<YouthTeam>(); t && e->date <= today) {
      team = t;
      *date = e->date;
    }
  return team;
}

// What a form shows before anything is posted: today, and the current team and background.
html::Values Defaults(const PageContext& ctx, Kind kind, const std::vector<const Entry*>& live) {
  html::Values v{{"date", ctx.today.ToString()}};
  if (kind == Kind::kYouthTeam) {
    Date d;
    if (const YouthTeam* t = LatestTeam(live, ctx.today, &d))
      for (size_t i = 0; i < t->members.size() && i < static_cast<size_t>(kTeamRows); ++i) {
        v[RoleField(static_cast<int>(i))] = std::string(NameOf(kYouthRoleNames, t->members[i].role));
        v[NameField(static_cast<int>(i))] = t->members[i].name.value_or("");
      }
  }
  if (kind == Kind::kYouthGoal) v["status"] = "set";
  if (kind == Kind::kYouthBackground) {
    const YouthBackground* b = nullptr;
    for (const Entry* e : live)
      if (const auto* x = e->As<YouthBackground>(); x && e->date <= ctx.today) b = x;
    if (b) {
      v["former_placement"] = b->former_placement ? "yes" : "no";
      v["family_case"] = b->family_case ? "yes" : "no";
      v["own_family_case"] = b->own_family_case ? "yes" : "no";
    }
  }
  return v;
}

std::string YesNo(const PageContext& ctx, bool b) { return b ? ctx.T("Ja", "Yes") : ctx.T("Nej", "No"); }

// "Fylder 18 år den …" / "Fyldte 18 år den …", placed against the youth course.
std::string Transition(const PageContext& ctx, const CitizenCourse& c, const CourseInfo* course) {
  const Lang l = ctx.lang;
  if (!c.birth_date)
    return ctx.T("Fødselsdatoen kendes ikke, så overgangen ved 18 år kan ikke vises.",
                 "The birth date is not known, so the transition at 18 cannot be shown.");
  const Date eighteen = c.birth_date->AddMonths(18 * 12);
  std::string out = (eighteen <= ctx.today ? ctx.T("Fyldte 18 år den ", "Turned 18 on ") : ctx.T("Fylder 18 år den ", "Turns 18 on ")) +
                    html::FormatDate(l, eighteen) + ". ";
  if (!course) return out;
  const Date end = course->end.value_or(Date::Max());
  if (eighteen < course->start) {
    out += ctx.T("Det var før forløbet startede ", "That was before the course started on ") + html::FormatDate(l, course->start) +
           ctx.T(": den unge er i voksenområdet (serviceloven) i hele forløbet.", ": the young person is in the adult services (the Social Services Act) for the whole course.");
  } else if (eighteen < end) {
    out += ctx.T("Det er under forløbet (startet ", "That is during the course (started ") + html::FormatDate(l, course->start) +
           ctx.T("): overgangen fra børne- og ungeområdet (barnets lov) til voksenområdet (serviceloven) skal planlægges i teamet.",
                 "): the transition from the child services (the Children's Act) to the adult services (the Social Services Act) is to be planned in the team.");
  } else {
    out += ctx.T("Det er efter forløbet sluttede ", "That is after the course ended on ") + html::FormatDate(l, *course->end) + ".";
  }
  return out;
}

http::Response YouthError(PageContext& ctx, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied)
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Din rolle må ikke dette.", "Your role may not do this."));
  if (s.code() == StatusCode::kNotFound)
    return ErrorPage(ctx, 404, ctx.T("Borgeren findes ikke", "No such citizen"),
                     ctx.T("Der er ingen borger med det id, som du har adgang til.", "There is no citizen with that id that you have access to."));
  return ErrorPage(ctx, 500, ctx.T("Fejl", "Error"), ctx.T("Siden kunne ikke vises. Prøv igen.", "The page could not be shown. Please try again."));
}

http::Response RenderYouth(PageContext& ctx, const std::string& key, int status, const std::optional<FormState>& posted,
                           const std::string& notice) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  std::string body, name;
  Status viewed = ViewCitizen(ctx.web.app(), p, key, false, "web youth", [&](const CitizenAccess& access) {
    const CitizenCourse& c = access.course;
    name = c.name.value_or(ctx.T("Borger ", "Citizen ") + key);
    std::vector<const Entry*> all = access.VisibleEntries();
    std::set<std::string> voided;
    for (const Entry* e : all)
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
    std::vector<const Entry*> live;  // journal order, not voided
    for (const Entry* e : all)
      if (!voided.count(e->id) && e->kind() != Kind::kVoid) live.push_back(e);
    const std::string href = "/borger/" + html::UrlEncode(key);

    body += "<nav class=\"breadcrumbs\" aria-label=\"" + ctx.T("Brødkrumme", "Breadcrumb") +
            "\"><ol class=\"breadcrumbs__list\"><li class=\"breadcrumbs__list-item\"><a href=\"/borgere\" class=\"breadcrumbs__link\">" +
            ctx.T("Borgere", "Citizens") + "</a></li><li class=\"breadcrumbs__list-item\">" + kChevron + "<a href=\"" + html::Esc(href) +
            "\" class=\"breadcrumbs__link\">" + html::Esc(name) + "</a></li><li class=\"breadcrumbs__list-item\" aria-current=\"page\">" +
            kChevron + ctx.T("Ungemodellen", "Youth model") + "</li></ol></nav>";
    body += "<h1>" + ctx.T("Ungemodellen: ", "Youth model: ") + html::Esc(name) + "</h1>";
    body += notice;

    // The youth courses and the transition at 18.
    const CourseInfo* course = nullptr;  // the latest started youth course
    std::string courses;
    for (const CourseInfo& k : c.courses)
      if (k.method == Method::kYouth) {
        course = &k;
        courses += "<li>" + ctx.T("Startet ", "Started ") + html::FormatDate(l, k.start) +
                   (k.end ? ctx.T(", afsluttet ", ", ended ") + html::FormatDate(l, *k.end) : ctx.T(", åbent", ", open")) + "</li>";
      }
    body += "<section class=\"citizen-section\" id=\"forloeb\" aria-labelledby=\"h-youth-course\"><h2 id=\"h-youth-course\" class=\"h3\">" +
            ctx.T("Forløb og overgangen ved 18 år", "Course and the transition at 18") + "</h2>";
    if (courses.empty())
      body += "<p>" + ctx.T("Borgeren har intet forløb efter ungemodellen.", "The citizen has no youth model course.") + "</p>";
    else
      body += "<ul data-testid=\"youth-courses\">" + courses + "</ul>";
    auto age = c.AgeOn(ctx.today);
    body += "<p data-testid=\"youth-transition\">" + (age ? ctx.T("Alder: ", "Age: ") + std::to_string(*age) + ctx.T(" år. ", " years. ") : std::string()) +
            html::Esc(Transition(ctx, c, course)) + "</p></section>";

    // The team and the network.
    Date team_date;
    const YouthTeam* team = LatestTeam(live, ctx.today, &team_date);
    body += "<section class=\"citizen-section\" id=\"team\" aria-labelledby=\"h-team\"><h2 id=\"h-team\" class=\"h3\">" +
            ctx.T("Teamet omkring den unge", "The team around the young person") + "</h2>";
    if (!team) {
      body += "<p>" + ctx.T("Intet team er registreret.", "No team is recorded.") + "</p>";
    } else {
      body += "<p class=\"muted\">" + ctx.T("Registreret ", "Recorded ") + html::FormatDate(l, team_date) + "</p>";
      body += "<table class=\"table table--compact\" id=\"team-table\"><thead><tr><th scope=\"col\">" + ctx.T("Rolle", "Role") +
              "</th><th scope=\"col\">" + ctx.T("Navn", "Name") + "</th></tr></thead><tbody>";
      std::set<YouthRole> roles;
      for (const auto& m : team->members) {
        roles.insert(m.role);
        body += "<tr data-role=\"" + std::string(NameOf(kYouthRoleNames, m.role)) + "\"><td>" +
                html::Esc(html::Label(l, "youth_role", NameOf(kYouthRoleNames, m.role))) + "</td><td>" + html::Esc(m.name.value_or("–")) + "</td></tr>";
      }
      body += "</tbody></table>";
      const bool complete = roles.count(YouthRole::kCoordinator) && roles.count(YouthRole::kYoungPerson) && roles.size() >= 4;
      body += "<p data-testid=\"team-complete\">" +
              (complete ? ctx.T("Teamet er fuldt: koordinator, den unge og mindst to andre roller.", "The team is complete: coordinator, the young person and at least two more roles.")
                        : ctx.T("Teamet er ikke fuldt: der skal være en koordinator, den unge selv og mindst to andre roller.",
                                "The team is not complete: it needs a coordinator, the young person and at least two more roles.")) + "</p>";
    }
    // The network: the team's members besides the young person, and the goals of the area network.
    body += "<h3 class=\"h4\">" + ctx.T("Netværket", "The network") + "</h3>";
    std::string network;
    if (team)
      for (const auto& m : team->members)
        if (m.role != YouthRole::kYoungPerson && m.role != YouthRole::kCoordinator)
          network += "<li>" + html::Esc(html::Label(l, "youth_role", NameOf(kYouthRoleNames, m.role)) + (m.name ? ": " + *m.name : std::string())) + "</li>";
    for (const Entry* e : live)
      if (const auto* g = e->As<YouthGoal>(); g && g->area == GoalArea::kNetwork)
        network += "<li>" + ctx.T("Mål: ", "Goal: ") + html::Esc(g->text) + "</li>";
    body += network.empty() ? "<p>" + ctx.T("Intet netværk er registreret ud over den unge og koordinatoren.", "No network is recorded besides the young person and the coordinator.") + "</p>"
                            : "<ul data-testid=\"network\">" + network + "</ul>";
    body += "</section>";

    // The goals: each (area, text) once, with its latest status.
    struct Goal {
      GoalArea area;
      std::string text;
      GoalStatus status;
      Date set, changed;
    };
    std::vector<Goal> goals;
    for (const Entry* e : live)
      if (const auto* g = e->As<YouthGoal>()) {
        auto it = std::find_if(goals.begin(), goals.end(), [&](const Goal& x) { return x.area == g->area && x.text == g->text; });
        const GoalStatus s = g->status.value_or(GoalStatus::kSet);
        if (it == goals.end()) goals.push_back({g->area, g->text, s, e->date, e->date});
        else it->status = s, it->changed = e->date;
      }
    body += "<section class=\"citizen-section\" id=\"maal\" aria-labelledby=\"h-goals\"><h2 id=\"h-goals\" class=\"h3\">" + ctx.T("Mål", "Goals") + "</h2>";
    if (goals.empty()) {
      body += "<p>" + ctx.T("Ingen mål er registreret.", "No goals are recorded.") + "</p>";
    } else {
      body += "<table class=\"table table--compact\" id=\"goals-table\"><thead><tr><th scope=\"col\">" + ctx.T("Område", "Area") + "</th><th scope=\"col\">" +
              ctx.T("Mål", "Goal") + "</th><th scope=\"col\">" + ctx.T("Status", "Status") + "</th><th scope=\"col\">" + ctx.T("Sat", "Set") +
              "</th><th scope=\"col\">" + ctx.T("Status fra", "Status since") + "</th></tr></thead><tbody>";
      for (const Goal& g : goals)
        body += "<tr data-status=\"" + std::string(NameOf(kGoalStatusNames, g.status)) + "\"><td>" + html::Esc(html::Label(l, "goal_area", NameOf(kGoalAreaNames, g.area))) +
                "</td><td>" + html::Esc(g.text) + "</td><td>" + html::Esc(html::Label(l, "goal_status", NameOf(kGoalStatusNames, g.status))) + "</td><td>" +
                html::FormatDate(l, g.set) + "</td><td>" + html::FormatDate(l, g.changed) + "</td></tr>";
      body += "</tbody></table>";
    }
    body += "</section>";

    // The background, and education and work over time.
    const YouthBackground* background = nullptr;
    Date background_date;
    for (const Entry* e : live)
      if (const auto* b = e->As<YouthBackground>(); b && e->date <= ctx.today) background = b, background_date = e->date;
    body += "<section class=\"citizen-section\" id=\"baggrund\" aria-labelledby=\"h-background\"><h2 id=\"h-background\" class=\"h3\">" +
            ctx.T("Baggrund", "Background") + "</h2>";
    if (!background) {
      body += "<p>" + ctx.T("Ingen baggrund er registreret.", "No background is recorded.") + "</p>";
    } else {
      body += "<dl class=\"summary-list\" data-testid=\"background\"><div class=\"summary-item\"><dt>" + ctx.T("Har været anbragt", "Has been placed in care") + "</dt><dd>" +
              YesNo(ctx, background->former_placement) + "</dd></div><div class=\"summary-item\"><dt>" + ctx.T("Del af en familiesag", "Part of a family case") +
              "</dt><dd>" + YesNo(ctx, background->family_case) + "</dd></div><div class=\"summary-item\"><dt>" + ctx.T("Egen familiesag", "Own family case") +
              "</dt><dd>" + YesNo(ctx, background->own_family_case) + "</dd></div></dl><p class=\"muted\">" + ctx.T("Registreret ", "Recorded ") +
              html::FormatDate(l, background_date) + "</p>";
    }
    body += "<h3 class=\"h4\">" + ctx.T("Uddannelse og beskæftigelse over tid", "Education and work over time") + "</h3>";
    std::string statuses;
    for (auto it = live.rbegin(); it != live.rend(); ++it)
      if (const auto* s = (*it)->As<YouthStatus>())
        statuses += "<li>" + html::FormatDate(l, (*it)->date) + ": " + html::Esc(html::Label(l, "activity", NameOf(kActivityNames, s->activity))) + "</li>";
    body += statuses.empty() ? "<p>" + ctx.T("Intet er registreret.", "Nothing is recorded.") + "</p>" : "<ul data-testid=\"youth-status\">" + statuses + "</ul>";
    body += "</section>";

    // The forms.
    body += "<section class=\"citizen-section entry-forms\" id=\"registrer\" aria-labelledby=\"h-youth-forms\"><h2 id=\"h-youth-forms\" class=\"h3\">" +
            ctx.T("Registrér", "Record") + "</h2>";
    bool any = false;
    for (Kind kind : kForms) {
      if (!MayRecord(p, kind)) continue;
      any = true;
      const std::string k(KindName(kind));
      const bool this_one = posted && posted->kind == kind;
      const html::Values values = this_one ? posted->values : Defaults(ctx, kind, live);
      const html::Errors errors = this_one ? posted->errors : html::Errors{};
      const auto fields = Fields(ctx, kind);
      std::map<std::string, std::string> labels;
      for (const auto& f : fields) labels[f.name] = f.label;
      const std::string prefix = "y-" + k + "-";
      body += "<details class=\"details entry-form\" id=\"form-" + k + "\" data-kind=\"" + k + "\"" + (this_one ? " open" : "") +
              "><summary class=\"details-summary\">" + html::Esc(FormTitle(ctx, kind)) + "</summary><div class=\"details-text\">";
      if (const std::string intro = FormIntro(ctx, kind); !intro.empty()) body += "<p class=\"form-intro\">" + html::Esc(intro) + "</p>";
      body += html::ErrorSummary(l, prefix, errors, labels);
      body += "<form method=\"post\" action=\"" + html::Esc(href) + "/unge#form-" + k + "\" novalidate>" +
              html::HiddenInput("csrf_token", ctx.session->csrf_token) + html::HiddenInput("kind", k);
      for (size_t i = 0; i < fields.size(); ++i) {
        const bool member_row = kind == Kind::kYouthTeam && fields[i].name.rfind("members[", 0) == 0;
        if (member_row && fields[i].name.ends_with(".role")) body += "<div class=\"team-member\">";
        body += html::RenderField(l, fields[i], prefix, values, errors);
        if (member_row && fields[i].name.ends_with(".name")) body += "</div>";
      }
      body += "<button type=\"submit\" class=\"button button-primary\">" + ctx.T("Gem", "Save") + "</button></form></div></details>";
    }
    if (!any) body += "<p>" + ctx.T("Din rolle kan ikke registrere på borgeren.", "Your role cannot record for this citizen.") + "</p>";
    body += "</section>";
  });
  if (!viewed.ok()) return YouthError(ctx, viewed);
  return Render(ctx, status, ctx.T("Ungemodellen: ", "Youth model: ") + name, "citizens", body, true);
}

}  // namespace

http::Response CitizenYouthGet(PageContext& ctx, const std::string& key) {
  std::string notice;
  if (auto saved = ctx.req.Query("gemt"))
    notice = html::AlertBox(ctx.lang, "success", ctx.T("Gemt", "Saved"),
                            html::Esc(html::Label(ctx.lang, "kind_saved", *saved)));
  return RenderYouth(ctx, key, 200, std::nullopt, notice);
}

http::Response CitizenYouthPost(PageContext& ctx, const std::string& key) {
  const Principal& p = ctx.who();
  html::Values form = *ParseForm(ctx.req);
  auto kind = ParseName<Kind>(kKindNames, Get(form, "kind"));
  if (!kind || std::find(std::begin(kForms), std::end(kForms), *kind) == std::end(kForms))
    return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), ctx.T("Formularen har en ukendt type.", "The form has an unknown kind."));

  // The entry as JSON: the form's own fields; citizen, municipality, kind and `by` from the server.
  json j{{"citizen", key}, {"municipality", p.municipality}, {"kind", std::string(KindName(*kind))}, {"by", p.user}};
  FormState st{*kind, {}, {}};
  std::map<std::string, std::string> rename;  // members[k] of the entry → members[i] of the form
  json members = json::array();
  for (const auto& f : Fields(ctx, *kind)) {
    const std::string v = Get(form, f.name);
    st.values[f.name] = v;
    if (f.name.rfind("members[", 0) == 0) continue;
    if (v.empty()) continue;
    if (*kind == Kind::kYouthBackground && (v == "yes" || v == "no")) j[f.name] = v == "yes";
    else j[f.name] = v;
  }
  if (*kind == Kind::kYouthTeam) {
    for (int i = 0; i < kTeamRows; ++i) {
      const std::string role = Get(form, RoleField(i)), member_name = Get(form, NameField(i));
      if (role.empty() && member_name.empty()) continue;
      json m = json::object();
      if (!role.empty()) m["role"] = role;
      if (!member_name.empty()) m["name"] = member_name;
      const std::string k = "members[" + std::to_string(members.size()) + "]";
      rename[k + ".role"] = RoleField(i);
      rename[k + ".name"] = NameField(i);
      members.push_back(m);
    }
    j["members"] = members;
    rename["members"] = RoleField(0);
  }
  auto recorded = RecordEntry(ctx.web.app(), p, j);
  if (!recorded.ok()) {
    const Status& s = recorded.status();
    if (s.code() == StatusCode::kPermissionDenied || s.code() == StatusCode::kNotFound) return YouthError(ctx, s);
    std::vector<FieldError> fields = s.field_errors();
    if (fields.empty()) fields.push_back({"date", s.message()});
    st.errors = TranslateErrors(ctx, fields, rename);
    const std::string notice = html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                                              "<a href=\"#form-" + std::string(KindName(*kind)) + "\">" +
                                                  html::Esc(ctx.T("Ret fejlene i formularen ", "Correct the errors in the form ") + "\u201c" +
                                                            FormTitle(ctx, *kind) + "\u201d") + "</a>");
    return RenderYouth(ctx, key, 422, st, notice);
  }
  return RedirectTo(ctx, "/borger/" + html::UrlEncode(key) + "/unge?gemt=" + std::string(KindName(*kind)));
}

}  // namespace tov::web::pages
