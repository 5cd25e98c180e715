// The citizen's page: one page for the whole course. A header with age, municipality, current
// situation, open courses and alerts; the housing timeline drawn as SVG with courses, plans and
// releases marked; the method recommendation with its reasons; a form for every entry kind of
// docs/journal-format.md (validated by ParseEntry and the journal checks, errors beside the fields, what was
// typed kept); and the journal entries newest first.
#include <algorithm>
#include <cmath>
#include <set>

#include "app/administration.h"
#include "app/citizens.h"
#include "app/housing.h"
#include "common/text.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "domain/municipality.h"
#include "report/alerts.h"
#include "report/recommendation.h"
#include "report/svg_chart.h"
#include "report/timeline_layout.h"
#include "web/page_internal.h"

namespace tov::web::pages {
namespace {

using json = nlohmann::json;
using T = html::Field::Type;
using Options = std::vector<std::pair<std::string, std::string>>;
constexpr size_t kJournalRows = 25;
constexpr size_t kFoldAfter = 600;    // characters of a note shown in full in the journal
constexpr size_t kFoldPreview = 300;  // characters of a folded note's preview

// The first `n` characters (code points) of `s` (UTF-8).
std::string FirstCharacters(const std::string& s, size_t n) {
  size_t i = 0, seen = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  return s.substr(0, i);
}

std::string Lower(std::string s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

Options TableOptions(Lang l, std::string_view table) {
  Options out;
  for (const auto& id : html::Ids(table)) out.push_back({id, html::Label(l, table, id)});
  return out;
}


// How a form value becomes a JSON value of the entry.
enum class Conv { kString, kBool, kInt, kNeeds, kList };  // kList: comma-separated words → array

struct FormSpec {
  Kind kind;
  std::string title;
  std::string intro;
  std::vector<html::Field> fields;
  std::map<std::string, Conv> conv;  // by field name; default kString
};

// The forms of the citizen page, in the order shown. Options that depend on the citizen (open
// courses, entries to void) come from `c` and `entries`.
std::vector<FormSpec> Forms(const PageContext& ctx, const CitizenCourse& c, const std::vector<const Entry*>& entries,
                            const std::vector<UserInfo>& colleagues) {
  const Lang l = ctx.lang;
  const Principal& p = ctx.who();
  std::vector<FormSpec> forms;
  // The worker pickers: the municipality's active staff (a value not among them, e.g. an
  // imported worker id, is kept by RenderField as an extra option).
  auto worker_field = [&](const std::string& label) {
    html::Field w = F(T::kSelect, "worker", label, "", true);
    for (const auto& u : colleagues) w.options.push_back({u.name, html::ColleagueLabel(l, u)});
    w.empty_option = ctx.T("Vælg medarbejder", "Choose a colleague");
    return w;
  };
  auto date_field = [&](const char* da, const char* en) {
    html::Field f = F(T::kDate, "date", ctx.T(da, en), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true);
    f.input_class = "input-width-s";
    return f;
  };
  Options yes_no = {{"yes", ctx.T("Ja", "Yes")}, {"no", ctx.T("Nej", "No")}};
  Options open_courses, open_cti;  // CTI alone has phases
  for (const auto* k : c.OpenCourses(ctx.today)) {
    open_courses.push_back({k->id, html::Label(l, "method", MethodName(k->method)) + " – " + k->id + " (" + ctx.T("startet ", "started ") +
                                       html::FormatDate(l, k->start) + ")"});
    if (k->method == Method::kCTI) open_cti.push_back(open_courses.back());
  }

  {
    FormSpec s{Kind::kHousing, ctx.T("Ændring af boligsituation", "Change of housing situation"),
               ctx.T("Fx indflytning i egen bolig, ophold på herberg eller løsladelse.", "E.g. moving into an own home, a shelter stay or a release."), {}, {}};
    s.fields.push_back(date_field("Gælder fra", "Holds from"));
    html::Field sit = F(T::kSelect, "situation", ctx.T("Boligsituation", "Housing situation"), "", true);
    sit.options = TableOptions(l, "situation");
    sit.empty_option = ctx.T("Vælg boligsituation", "Choose a housing situation");
    s.fields.push_back(sit);
    html::Field ready = F(T::kRadio, "ready_for_housing", ctx.T("Klar til at flytte i egen bolig med støtte?", "Ready to move into a home with support?"),
                          ctx.T("Kun ved ophold på herberg eller forsorgshjem.", "Only for a shelter stay."));
    ready.options = yes_no;
    s.fields.push_back(ready);
    s.conv["ready_for_housing"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kAssessment, ctx.T("Udredning (voksenudredning)", "Assessment"),
               ctx.T("Støttebehov på de otte livsområder fra 0 (intet) til 4 (fuldstændigt). Udeladte områder er ikke vurderet.",
                     "Need of support in the eight life areas from 0 (none) to 4 (complete). Areas left out are not assessed."), {}, {}};
    s.fields.push_back(date_field("Dato for udredningen", "Date of the assessment"));
    for (const auto& area : html::Ids("life_area")) {
      html::Field f = F(T::kSelect, "needs." + area, html::Label(l, "life_area", area));
      f.options = TableOptions(l, "need_level");
      f.empty_option = ctx.T("Ikke vurderet", "Not assessed");
      s.fields.push_back(f);
      s.conv["needs." + area] = Conv::kNeeds;
    }
    html::Field ord = F(T::kRadio, "uses_ordinary_services", ctx.T("Kan borgeren bruge de almindelige tilbud?", "Can the citizen use the ordinary services?"), "", true);
    ord.options = TableOptions(l, "ordinary");
    s.fields.push_back(ord);
    s.fields.push_back(F(T::kCheckbox, "transition_only", ctx.T("Behovet gælder kun overgangen til egen bolig", "The need concerns only the transition to an own home")));
    s.conv["transition_only"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kDecision, ctx.T("Afgørelse efter serviceloven", "Decision under the Social Services Act"), "", {}, {}};
    s.fields.push_back(date_field("Dato for afgørelsen", "Date of the decision"));
    html::Field par = F(T::kSelect, "paragraph", ctx.T("Paragraf", "Section"), "", true);
    par.options = TableOptions(l, "paragraph");
    par.empty_option = ctx.T("Vælg paragraf", "Choose a section");
    s.fields.push_back(par);
    html::Field g = F(T::kRadio, "granted", ctx.T("Afgørelse", "Decision"), "", true);
    g.options = {{"yes", ctx.T("Bevilget", "Granted")}, {"no", ctx.T("Afslået", "Refused")}};
    s.fields.push_back(g);
    s.conv["granted"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kActionPlan, ctx.T("§ 141-handleplan", "§141 action plan"),
               ctx.T("Kommunen skal tilbyde en handleplan til borgere med alvorlige sociale problemer.", "The municipality must offer an action plan to citizens with serious social problems."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field st = F(T::kRadio, "status", ctx.T("Status", "Status"), "", true);
    st.options = TableOptions(l, "plan");
    s.fields.push_back(st);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kCourseStarted, ctx.T("Start forløb", "Start a course"),
               ctx.T("ACT, ICM og CTI bevilges efter § 85 a. Forløbet får et id af sig selv, fx ", "ACT, ICM and CTI are granted under §85a. The course gets an id by itself, e.g. ") +
                   NextCourseId(c.key, Method::kCTI, ctx.today, entries) + ".", {}, {}};
    s.fields.push_back(date_field("Startdato", "Start date"));
    html::Field m = F(T::kSelect, "method", ctx.T("Metode", "Method"), "", true);
    m.options = TableOptions(l, "method");
    m.empty_option = ctx.T("Vælg metode", "Choose a method");
    s.fields.push_back(m);
    s.fields.push_back(worker_field(ctx.T("Tovholder", "Coordinator")));
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kCoursePhase, ctx.T("Skift CTI-fase", "Change CTI phase"),
               ctx.T("Fase 1: overgang til egen bolig. Fase 2: afprøvning. Fase 3: overdragelse til det almindelige system.",
                     "Phase 1: transition to an own home. Phase 2: try-out. Phase 3: transfer of care."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field course = F(T::kSelect, "course", ctx.T("CTI-forløb", "CTI course"), "", true);
    course.options = open_cti;
    course.empty_option = open_cti.empty() ? ctx.T("Ingen åbne CTI-forløb", "No open CTI courses") : ctx.T("Vælg forløb", "Choose a course");
    s.fields.push_back(course);
    html::Field ph = F(T::kRadio, "phase", ctx.T("Fase", "Phase"), "", true);
    ph.options = {{"1", ctx.T("1 – overgang", "1 – transition")}, {"2", ctx.T("2 – afprøvning", "2 – try-out")}, {"3", ctx.T("3 – overdragelse", "3 – transfer of care")}};
    s.fields.push_back(ph);
    s.conv["phase"] = Conv::kInt;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kCourseEnded, ctx.T("Afslut forløb", "End a course"), "", {}, {}};
    s.fields.push_back(date_field("Slutdato", "End date"));
    html::Field course = F(T::kSelect, "course", ctx.T("Forløb", "Course"), "", true);
    course.options = open_courses;
    course.empty_option = open_courses.empty() ? ctx.T("Ingen åbne forløb", "No open courses") : ctx.T("Vælg forløb", "Choose a course");
    s.fields.push_back(course);
    html::Field r = F(T::kSelect, "reason", ctx.T("Årsag", "Reason"), "", true);
    r.options = TableOptions(l, "end_reason");
    r.empty_option = ctx.T("Vælg årsag", "Choose a reason");
    s.fields.push_back(r);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kContact, ctx.T("Kontakt", "Contact"), "", {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    s.fields.push_back(worker_field(ctx.T("Medarbejder", "Worker")));
    html::Field m = F(T::kSelect, "mode", ctx.T("Kontaktform", "Mode"), "", true);
    m.options = TableOptions(l, "mode");
    m.empty_option = ctx.T("Vælg kontaktform", "Choose a mode");
    s.fields.push_back(m);
    html::Field min = F(T::kNumber, "minutes", ctx.T("Varighed i minutter", "Duration in minutes"), "", true);
    min.input_class = "input-width-xs";
    s.fields.push_back(min);
    s.conv["minutes"] = Conv::kInt;
    s.fields.push_back(F(T::kText, "place", ctx.T("Sted", "Place"), ctx.T("Ved opsøgende arbejde: hvor personen blev mødt. Kan udelades.", "For outreach: where the person was met. May be left out.")));
    html::Field night = F(T::kRadio, "night", ctx.T("Om natten", "At night"), ctx.T("Kan udelades.", "May be left out."));
    night.options = yes_no;
    s.fields.push_back(night);
    s.conv["night"] = Conv::kBool;
    forms.push_back(s);
  }
  if (c.AnonymousOn(ctx.today) && !c.identified_on) {
    // Outreach (DESIGN §10): the anonymous person gives their identity, with consent.
    FormSpec s{Kind::kIdentified, ctx.T("Identificeret", "Identified"),
               ctx.T("Personen giver sin identitet med samtykke. Fra datoen er det samme borger med CPR-nummer.",
                     "The person gives their identity with consent. From the date it is the same citizen with a CPR number."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field cpr = F(T::kText, "cpr", ctx.T("CPR-nummer", "CPR number"), ctx.T("DDMMÅÅ-SSSS.", "DDMMYY-SSSS."), true);
    cpr.input_class = "input-width-s";
    cpr.autocomplete = "off";
    s.fields.push_back(cpr);
    s.fields.push_back(F(T::kText, "name", ctx.T("Navn", "Name"), ctx.T("Kan udelades.", "May be left out.")));
    s.fields.push_back(F(T::kCheckbox, "consent", ctx.T("Personen har givet samtykke til at blive identificeret", "The person has consented to being identified"), "", true));
    s.conv["consent"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kReleasePlanned, ctx.T("Planlagt løsladelse eller udskrivning", "Planned release or discharge"),
               ctx.T("God løsladelse: ingen løsladelse eller udskrivning uden en boligløsning.", "Good release: no release or discharge without a housing solution."), {}, {}};
    s.fields.push_back(date_field("Dato for oplysningen", "Date of the information"));
    html::Field from = F(T::kSelect, "from", ctx.T("Fra", "From"), "", true);
    from.options = TableOptions(l, "release_from");
    from.empty_option = ctx.T("Vælg", "Choose");
    s.fields.push_back(from);
    html::Field e = F(T::kDate, "expected", ctx.T("Forventet dato", "Expected date"), ctx.T("Skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.", "Written DD.MM.YYYY or YYYY-MM-DD."), true);
    e.input_class = "input-width-s";
    s.fields.push_back(e);
    html::Field h = F(T::kRadio, "housing_solution", ctx.T("Er der en boligløsning?", "Is there a housing solution?"), "", true);
    h.options = yes_no;
    s.fields.push_back(h);
    s.conv["housing_solution"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kHousingOffer, ctx.T("Boligtilbud (kommunal anvisning)", "Housing offer (municipal allocation)"),
               ctx.T("Registrér indflytningen som en ændring af boligsituationen til egen bolig.", "Record the move-in as a change of housing situation to own home."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field u = F(T::kText, "unit", ctx.T("Bolig (id eller adresse)", "Dwelling (id or address)"), "", true);
    u.input_class = "input-width-l";
    s.fields.push_back(u);
    html::Field st = F(T::kSelect, "status", ctx.T("Status", "Status"), "", true);
    st.options = TableOptions(l, "offer");
    st.empty_option = ctx.T("Vælg status", "Choose a status");
    s.fields.push_back(st);
    forms.push_back(s);
  }
  // The allocation's forms (shown in the "Bolig" section, posted like the others).
  {
    FormSpec s{Kind::kHousingApproved, ctx.T("Godkendelse til kommunal anvisning", "Approval for municipal allocation"),
               ctx.T("Borgeren kommer på kommunens venteliste til de boliger, der passer til godkendelsen.", "The citizen joins the municipality's waiting list for the dwellings that fit the approval."), {}, {}};
    s.fields.push_back(date_field("Godkendt fra", "Approved from"));
    html::Field rooms = F(T::kNumber, "rooms_min", ctx.T("Mindst antal værelser", "At least rooms"), "", true);
    rooms.input_class = "input-width-xs";
    s.fields.push_back(rooms);
    html::Field rent = F(T::kNumber, "max_rent", ctx.T("Højeste husleje pr. måned (kr.)", "Highest rent a month (kr)"), ctx.T("Tom: ingen grænse.", "Empty: no limit."));
    rent.input_class = "input-width-s";
    s.fields.push_back(rent);
    html::Field areas = F(T::kText, "areas", ctx.T("Ønskede områder", "Areas wished for"), ctx.T("Adskilt med komma. Tom: alle områder.", "Separated by commas. Empty: every area."));
    areas.input_class = "input-width-l";
    s.fields.push_back(areas);
    s.fields.push_back(F(T::kCheckbox, "accessible", ctx.T("Har brug for en handicapvenlig bolig", "Needs an accessible dwelling")));
    s.conv["rooms_min"] = Conv::kInt;
    s.conv["max_rent"] = Conv::kInt;
    s.conv["areas"] = Conv::kList;
    s.conv["accessible"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kHousingApprovalEnded, ctx.T("Godkendelsen ophører", "The approval ends"),
               ctx.T("En indflytning afslutter godkendelsen af sig selv.", "A move-in ends the approval by itself."), {}, {}};
    s.fields.push_back(date_field("Ophører den", "Ends on"));
    html::Field r = F(T::kSelect, "reason", ctx.T("Årsag", "Reason"), "", true);
    r.options = TableOptions(l, "approval_end");
    r.empty_option = ctx.T("Vælg årsag", "Choose a reason");
    s.fields.push_back(r);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kDepositLoan, ctx.T("Indskudslån", "Deposit loan"), ctx.T("Lån til depositum (indskud) efter lov om individuel boligstøtte.", "A loan for the deposit."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field a = F(T::kNumber, "amount", ctx.T("Beløb (kr.)", "Amount (kr)"), "", true);
    a.input_class = "input-width-s";
    s.fields.push_back(a);
    html::Field g = F(T::kRadio, "granted", ctx.T("Afgørelse", "Decision"), "", true);
    g.options = {{"yes", ctx.T("Bevilget", "Granted")}, {"no", ctx.T("Afslået", "Refused")}};
    s.fields.push_back(g);
    s.conv["amount"] = Conv::kInt;
    s.conv["granted"] = Conv::kBool;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kHousingDebt, ctx.T("Gæld, der hindrer en lejekontrakt", "Debt that stands in the way of a lease"), "", {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field a = F(T::kNumber, "amount", ctx.T("Beløb (kr.)", "Amount (kr)"), "", true);
    a.input_class = "input-width-s";
    s.fields.push_back(a);
    html::Field to = F(T::kSelect, "to", ctx.T("Gæld til", "Owed to"), "", true);
    to.options = TableOptions(l, "debt_to");
    to.empty_option = ctx.T("Vælg", "Choose");
    s.fields.push_back(to);
    s.conv["amount"] = Conv::kInt;
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kYouthStatus, ctx.T("Uddannelse og beskæftigelse (unge)", "Education and work (youth)"),
               ctx.T("Samarbejdsmodellen \"Vejen til uddannelse og beskæftigelse\" for unge under 30.", "The youth model \"path to education and employment\" for people under 30."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field a = F(T::kSelect, "activity", ctx.T("Aktivitet", "Activity"), "", true);
    a.options = TableOptions(l, "activity");
    a.empty_option = ctx.T("Vælg aktivitet", "Choose an activity");
    s.fields.push_back(a);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kMoved, ctx.T("Flytning til anden kommune", "Move to another municipality"),
               ctx.T("Borgeren overgår til den nye handlekommune fra datoen.", "The new responsible municipality takes over from the date."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field to = F(T::kSelect, "to", ctx.T("Ny handlekommune", "New responsible municipality"), "", true);
    for (const auto& m : AllMunicipalities())
      if (m.code != p.municipality) to.options.push_back({m.code, m.name + " (" + m.code + ")"});
    to.empty_option = ctx.T("Vælg kommune", "Choose a municipality");
    s.fields.push_back(to);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kNote, ctx.T("Notat", "Note"), "", {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field text = F(T::kTextarea, "text", ctx.T("Notat", "Note"), "", true);
    text.max_length = kMaxTextLength;
    s.fields.push_back(text);
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kDied, ctx.T("Dødsfald", "Death"), ctx.T("Borgeren tælles ikke længere med i situationen.", "The citizen no longer counts in the situation figures."), {}, {}};
    s.fields.push_back(date_field("Dødsdato", "Date of death"));
    forms.push_back(s);
  }
  {
    FormSpec s{Kind::kVoid, ctx.T("Annullér en post", "Void an entry"),
               ctx.T("En forkert post annulleres og registreres derefter korrekt. Intet slettes.", "A wrong entry is voided and then recorded again correctly. Nothing is deleted."), {}, {}};
    s.fields.push_back(date_field("Dato", "Date"));
    html::Field e = F(T::kSelect, "entry", ctx.T("Post", "Entry"), "", true);
    for (const Entry* x : entries)
      if (x->kind() != Kind::kVoid && x->kind() != Kind::kRegistered)
        e.options.push_back({x->id, html::FormatDate(l, x->date) + " · " + html::Label(l, "kind", KindName(x->kind())) + " (" + x->id + ")"});
    e.empty_option = ctx.T("Vælg post", "Choose an entry");
    s.fields.push_back(e);
    html::Field reason = F(T::kTextarea, "reason", ctx.T("Begrundelse", "Reason"),
                           ctx.T("Hvorfor annulleres posten? Begrundelsen gemmes som et notat i journalen.",
                                 "Why is the entry voided? The reason is saved as a note in the journal."), true);
    reason.max_length = kMaxAnnulReasonLength;
    s.fields.push_back(reason);
    forms.push_back(s);
  }
  const CitizenFilter filter = FilterFor(p);
  std::erase_if(forms, [&](const FormSpec& s) {
    if (!MayRecord(p, s.kind)) return true;
    return (s.kind == Kind::kAssessment && !filter.assessments) || (s.kind == Kind::kNote && !filter.notes) ||
           (s.kind == Kind::kDecision && !filter.decisions);
  });
  return forms;
}

// Default values of a fresh form.
html::Values Defaults(const PageContext& ctx, const CitizenCourse& c, Kind kind) {
  html::Values v{{"date", ctx.today.ToString()}};
  if (kind == Kind::kCourseStarted || kind == Kind::kContact) v["worker"] = ctx.who().user;
  if ((kind == Kind::kCoursePhase || kind == Kind::kCourseEnded)) {
    auto open = c.OpenCourses(ctx.today);
    if (kind == Kind::kCoursePhase) std::erase_if(open, [](const CourseInfo* k) { return k->method != Method::kCTI; });
    if (open.size() == 1) v["course"] = open[0]->id;
  }
  return v;
}

// ---- Entry summaries for the journal list ----

std::string Summary(const PageContext& ctx, const Entry& e) {
  const Lang l = ctx.lang;
  auto L = [&](std::string_view t, std::string_view id) { return html::Label(l, t, id); };
  auto Kr = [&](int64_t v) { return html::FormatInt(l, v) + " kr."; };
  return std::visit(
      [&](const auto& b) -> std::string {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, Registered>) {
          std::string s = ctx.T("Registreret", "Registered");
          if (b.anonymous) s += ctx.T(" anonymt som ", " anonymously as ") + b.alias.value_or("") +
                                (b.age_estimate ? ctx.T(", anslået ", ", estimated ") + std::to_string(*b.age_estimate) + ctx.T(" år", " years") : "");
          if (b.referred_by) s += ", " + ctx.T("henvist af ", "referred by ") + L("referral", NameOf(kReferralNames, *b.referred_by));
          return s;
        } else if constexpr (std::is_same_v<B, Housing>) {
          std::string s = L("situation", SituationName(b.situation));
          if (b.ready_for_housing) s += *b.ready_for_housing ? ctx.T(" (klar til bolig)", " (ready for housing)") : ctx.T(" (ikke klar til bolig)", " (not ready for housing)");
          return s;
        } else if constexpr (std::is_same_v<B, Assessment>) {
          std::string s;
          for (size_t i = 0; i < b.needs.size(); ++i)
            if (b.needs[i] >= 0) s += (s.empty() ? "" : ", ") + L("life_area", kLifeAreaNames[i]) + " " + std::to_string(b.needs[i]);
          if (s.empty()) s = ctx.T("Ingen områder vurderet", "No areas assessed");
          s += "; " + ctx.T("almindelige tilbud: ", "ordinary services: ") + Lower(L("ordinary", NameOf(kOrdinaryServicesNames, b.uses_ordinary_services)));
          if (b.transition_only && *b.transition_only) s += "; " + ctx.T("kun overgangen", "transition only");
          return s;
        } else if constexpr (std::is_same_v<B, Decision>) {
          return L("paragraph", b.paragraph) + ": " + (b.granted ? ctx.T("bevilget", "granted") : ctx.T("afslået", "refused"));
        } else if constexpr (std::is_same_v<B, ActionPlan>) {
          return ctx.T("Handleplan ", "Action plan ") + Lower(L("plan", NameOf(kPlanStatusNames, b.status)));
        } else if constexpr (std::is_same_v<B, CourseStarted>) {
          return L("method", MethodName(b.method)) + " (" + b.course + "), " + ctx.T("tovholder ", "coordinator ") + b.worker;
        } else if constexpr (std::is_same_v<B, CoursePhase>) {
          return ctx.T("Fase ", "Phase ") + std::to_string(b.phase) + " (" + b.course + ")";
        } else if constexpr (std::is_same_v<B, CourseEnded>) {
          return b.course + ": " + L("end_reason", NameOf(kEndReasonNames, b.reason));
        } else if constexpr (std::is_same_v<B, Contact>) {
          return L("mode", NameOf(kContactModeNames, b.mode)) + ", " + std::to_string(b.minutes) + ctx.T(" min., ", " min, ") + b.worker +
                 (b.place ? ", " + *b.place : "") + (b.night && *b.night ? ctx.T(" (nat)", " (night)") : "");
        } else if constexpr (std::is_same_v<B, ReleasePlanned>) {
          return ctx.T("Fra ", "From ") + Lower(L("release_from", NameOf(kReleaseFromNames, b.from))) + ctx.T(" forventet ", " expected ") +
                 html::FormatDate(l, b.expected) + ", " + (b.housing_solution ? ctx.T("med boligløsning", "with a housing solution") : ctx.T("uden boligløsning", "without a housing solution"));
        } else if constexpr (std::is_same_v<B, HousingOffer>) {
          std::string s = b.unit + ": " + Lower(L("offer", NameOf(kOfferStatusNames, b.status)));
          if (b.reason) s += " (" + Lower(L("decline_reason", NameOf(kDeclineReasonNames, *b.reason))) + ")";
          return s;
        } else if constexpr (std::is_same_v<B, UnitListed>) {
          return L("unit_kind", NameOf(kUnitKindNames, b.unit_kind)) + ", " + std::to_string(b.rooms) +
                 ctx.T(" vær., ", " rooms, ") + Kr(b.rent) + ctx.T(" pr. md.", " a month");
        } else if constexpr (std::is_same_v<B, UnitWithdrawn>) {
          return ctx.T("Trukket tilbage", "Withdrawn");
        } else if constexpr (std::is_same_v<B, HousingApproved>) {
          std::string s = ctx.T("Mindst ", "At least ") + std::to_string(b.rooms_min) + ctx.T(" vær.", " rooms");
          if (b.max_rent) s += ", " + ctx.T("husleje højst ", "rent at most ") + Kr(*b.max_rent);
          if (b.accessible && *b.accessible) s += ", " + ctx.T("handicapvenlig", "accessible");
          if (b.areas) {
            std::string a;
            for (const auto& x : *b.areas) a += (a.empty() ? "" : ", ") + x;
            s += "; " + ctx.T("områder: ", "areas: ") + a;
          }
          return s;
        } else if constexpr (std::is_same_v<B, HousingApprovalEnded>) {
          return L("approval_end", NameOf(kApprovalEndReasonNames, b.reason));
        } else if constexpr (std::is_same_v<B, DepositLoan>) {
          return Kr(b.amount) + ", " + (b.granted ? ctx.T("bevilget", "granted") : ctx.T("afslået", "refused"));
        } else if constexpr (std::is_same_v<B, HousingDebt>) {
          return Kr(b.amount) + ctx.T(" til ", " to ") + Lower(L("debt_to", NameOf(kDebtToNames, b.to)));
        } else if constexpr (std::is_same_v<B, YouthStatus>) {
          return L("activity", NameOf(kActivityNames, b.activity));
        } else if constexpr (std::is_same_v<B, Moved>) {
          return ctx.T("Til ", "To ") + html::MunicipalityName(b.to);
        } else if constexpr (std::is_same_v<B, Died>) {
          return ctx.T("Død", "Died");
        } else if constexpr (std::is_same_v<B, Note>) {
          return b.text;
        } else if constexpr (std::is_same_v<B, YouthTeam>) {
          std::string s;
          for (const auto& m : b.members)
            s += (s.empty() ? "" : ", ") + L("youth_role", NameOf(kYouthRoleNames, m.role)) +
                 (m.name ? " (" + *m.name + ")" : "");
          return s;
        } else if constexpr (std::is_same_v<B, YouthBackground>) {
          std::string s;
          if (b.former_placement) s += ctx.T("tidligere anbragt", "formerly placed in care");
          if (b.family_case) s += (s.empty() ? "" : ", ") + ctx.T("del af en familiesag", "part of a family case");
          if (b.own_family_case) s += (s.empty() ? "" : ", ") + ctx.T("egen familiesag", "own family case");
          return s.empty() ? ctx.T("Ingen af de registrerede forhold", "None of the recorded characteristics") : s;
        } else if constexpr (std::is_same_v<B, YouthGoal>) {
          return L("goal_area", NameOf(kGoalAreaNames, b.area)) + ": " + b.text + " (" +
                 Lower(L("goal_status", NameOf(kGoalStatusNames, b.status.value_or(GoalStatus::kSet)))) + ")";
        } else if constexpr (std::is_same_v<B, AlertFollowup>) {
          std::string s = L("alert_rule", NameOf(kAlertRuleNames, b.rule)) + ": " + L("followup_action", NameOf(kFollowupActionNames, b.action));
          if (b.assignee) s += " (" + *b.assignee + ")";
          if (b.text) s += " – " + *b.text;
          return s;
        } else if constexpr (std::is_same_v<B, Identified>) {
          return ctx.T("Identificeret med samtykke", "Identified with consent") + (b.name ? ": " + *b.name : "");
        } else if constexpr (std::is_same_v<B, SupportActivity> || std::is_same_v<B, ImplementationStatus>) {
          return std::string();  // about a municipality: never on a citizen's page
        } else {
          static_assert(std::is_same_v<B, Void>);
          return ctx.T("Annullerer ", "Voids ") + b.entry;
        }
      },
      e.body);
}

// ---- The timeline (SVG) ----

struct Palette {
  const char* fill;
  bool hatch;
};

Palette ColourOf(Situation s) {
  switch (s) {
    case Situation::kStreet: return {"#a4001d", true};
    case Situation::kNightShelter:
    case Situation::kShelter:
    case Situation::kHotel:
    case Situation::kTransitional: return {"#9b4800", true};
    case Situation::kFriendsFamily:
    case Situation::kMakeshift: return {"#6f5200", true};
    case Situation::kHospital:
    case Situation::kTreatment:
    case Situation::kPrison: return {"#5b2c86", false};
    case Situation::kOwnHome:
    case Situation::kSupportedHousing: return {"#1b6b2f", false};
    case Situation::kUnknown: return {"#5f6368", false};
  }
  return {"#5f6368", false};
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string MonthShort(Lang l, unsigned m) {
  static const char* da[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  static const char* en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return (l == Lang::kEn ? en : da)[(m - 1) % 12];
}

std::string Timeline(const PageContext& ctx, const CitizenCourse& c, const std::vector<const Entry*>& entries) {
  const Lang l = ctx.lang;
  const Date today = ctx.today;
  Date start = c.registered_on, end = today;
  for (const auto& s : c.situations) start = std::min(start, s.from), end = std::max(end, s.from);
  for (const auto& k : c.courses) {
    start = std::min(start, k.start);
    end = std::max(end, k.end.value_or(k.start));
  }
  for (const auto& r : c.releases) end = std::max(end, std::min(r.expected, today.AddDays(365)));
  if (end - start < 60) start = end.AddDays(-60);
  int span_days = end - start;
  Date lo = start.AddDays(-std::max(3, span_days / 40)), hi = end.AddDays(std::max(14, span_days / 40));
  const double x0 = 170, x1 = 940;
  auto X = [&](Date d) { return x0 + timeline::AxisX(d, lo, hi, x1 - x0); };

  // The day markers of the events row: §141 plans (triangles), planned releases (diamonds at the
  // expected date) and housing offers (houses), stacked into lanes so that none covers another
  // (timeline::StackMarkers).
  struct Marker {
    double x;
    std::string group;  // the <g> element's attributes: class and data-*
    std::string title;
    std::string shape;  // the shape, drawn around (0, 0) and moved into place
  };
  std::vector<Marker> markers;
  std::string offers_desc;
  for (const Entry* e : entries) {
    if (const auto* plan = e->As<ActionPlan>()) {
      markers.push_back({X(e->date), "class=\"tl-plan\"",
                         ctx.T("§ 141-handleplan ", "§141 action plan ") + Lower(html::Label(l, "plan", NameOf(kPlanStatusNames, plan->status))) + " " +
                             html::FormatDate(l, e->date),
                         "<path d=\"M0 -8 L8 7 L-8 7 Z\" fill=\"#1a1a1a\"/>"});
    } else if (const auto* offer = e->As<HousingOffer>()) {
      const std::string status(NameOf(kOfferStatusNames, offer->status));
      std::string title = ctx.T("Boligtilbud ", "Housing offer ") + offer->unit + ": " + Lower(html::Label(l, "offer", status));
      if (offer->reason) title += " (" + Lower(html::Label(l, "decline_reason", NameOf(kDeclineReasonNames, *offer->reason))) + ")";
      title += " " + html::FormatDate(l, e->date);
      const char* fill = offer->status == OfferStatus::kDeclined ? "#a4001d" : offer->status == OfferStatus::kMovedIn ? "#1b6b2f" : "#0a5a9c";
      markers.push_back({X(e->date), "class=\"tl-offer\" data-status=\"" + status + "\" data-date=\"" + e->date.ToString() + "\"", title,
                         std::string("<path d=\"M-8 8 L-8 -1 L0 -9 L8 -1 L8 8 Z\" fill=\"") + fill + "\" stroke=\"#ffffff\"/>"});
      offers_desc += (offers_desc.empty() ? "" : "; ") + title;
    }
  }
  for (const auto& r : c.releases)
    markers.push_back({X(std::min(r.expected, hi)), "class=\"tl-release\"",
                       ctx.T("Forventet løsladelse/udskrivning ", "Expected release/discharge ") + html::FormatDate(l, r.expected) +
                           (r.housing_solution ? ctx.T(" med boligløsning", " with housing") : ctx.T(" uden boligløsning", " without housing")),
                       std::string("<path d=\"M0 -9 L9 0 L0 9 L-9 0 Z\" fill=\"") + (r.housing_solution ? "#1b6b2f" : "#a4001d") + "\" stroke=\"#ffffff\"/>"});
  std::vector<double> marker_xs;
  for (const Marker& m : markers) marker_xs.push_back(m.x);
  constexpr double kMarkerWidth = 20, kLaneHeight = 22;
  const std::vector<int> lanes = timeline::StackMarkers(marker_xs, kMarkerWidth);
  const int lane_count = timeline::LaneCount(lanes);

  const double housing_y = 34, housing_h = 36;
  const double course_y0 = housing_y + housing_h + 18, course_h = 22, course_gap = 8;
  const size_t n_courses = c.courses.size();
  const double events_y = course_y0 + std::max<size_t>(n_courses, 1) * (course_h + course_gap) + 6;
  const double axis_y = events_y + 36 + kLaneHeight * (lane_count - 1);
  const double height = axis_y + 80;

  std::string title = ctx.T("Boligsituation over tid", "Housing situation over time");
  std::string desc;
  for (size_t i = 0; i < c.situations.size(); ++i) {
    const auto& s = c.situations[i];
    desc += (i ? "; " : "") + html::Label(l, "situation", SituationName(s.situation)) + ctx.T(" fra ", " from ") + html::FormatDate(l, s.from);
  }
  if (desc.empty()) desc = ctx.T("Ingen boligsituation registreret.", "No housing situation recorded.");
  else desc += ".";
  for (const auto& k : c.courses)
    desc += " " + html::Label(l, "method", MethodName(k.method)) + ctx.T("-forløb fra ", " course from ") + html::FormatDate(l, k.start) +
            (k.end ? ctx.T(" til ", " to ") + html::FormatDate(l, *k.end) : ctx.T(" (åbent)", " (open)")) + ".";
  if (!offers_desc.empty()) desc += " " + offers_desc + ".";

  std::string svg = "<svg class=\"timeline-svg\" viewBox=\"0 0 960 " + Num(height) + "\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" "
                    "xmlns=\"http://www.w3.org/2000/svg\" data-spans=\"" + std::to_string(c.situations.size()) + "\" data-lanes=\"" +
                    std::to_string(lane_count) + "\">";
  svg += "<title id=\"tl-title\">" + html::Esc(title) + "</title><desc id=\"tl-desc\">" + html::Esc(desc) + "</desc>";
  svg += "<defs><pattern id=\"tl-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#ffffff\" stroke-opacity=\"0.35\" stroke-width=\"3\"/></pattern></defs>";
  // Row labels.
  auto row_label = [&](double y, const std::string& text) {
    svg += "<text x=\"8\" y=\"" + Num(y) + "\" class=\"tl-row-label\" font-size=\"13\" font-weight=\"600\" fill=\"#1a1a1a\">" + html::Esc(text) + "</text>";
  };
  row_label(housing_y + housing_h / 2 + 5, ctx.T("Boligsituation", "Housing"));
  row_label(course_y0 + course_h / 2 + 5, ctx.T("Forløb", "Courses"));
  row_label(events_y + 14, ctx.T("Hændelser", "Events"));
  // Grid and axis: ticks by the span (timeline::ChooseTimeTicks), a gridline at every tick up to
  // the axis's end, labels only where they keep apart.
  svg += "<line x1=\"" + Num(x0) + "\" x2=\"" + Num(x1) + "\" y1=\"" + Num(axis_y) + "\" y2=\"" + Num(axis_y) + "\" stroke=\"#6b6b6b\"/>";
  const timeline::TimeAxis axis = timeline::ChooseTimeTicks(lo, hi, x1 - x0);
  for (const timeline::TimeTick& t : axis.ticks) {
    const double x = X(t.date);
    svg += "<line class=\"tl-grid\" x1=\"" + Num(x) + "\" x2=\"" + Num(x) + "\" y1=\"" + Num(housing_y - 6) + "\" y2=\"" + Num(axis_y + 5) + "\" stroke=\"#d9d9d9\"/>";
    if (!t.labelled) continue;
    std::string label = std::to_string(t.date.year());
    if (axis.unit == timeline::TickUnit::kMonth) {
      std::string month = MonthShort(l, t.date.month());
      if (t.with_year) month += " " + label;
      label = month;
    }
    svg += "<text class=\"tl-tick\" x=\"" + Num(x) + "\" y=\"" + Num(axis_y + 20) + "\" text-anchor=\"middle\" font-size=\"12\" fill=\"#454545\">" +
           html::Esc(label) + "</text>";
  }
  // A bar from a to b at least min_w wide, ending at b (so that it never reaches past today).
  auto bar_x = [](double a, double b, double min_w) { return std::min(a, b - min_w); };
  // Housing spans, cut at today (timeline::ClipToToday): the last one is open and ends today.
  for (size_t i = 0; i < c.situations.size(); ++i) {
    const auto& s = c.situations[i];
    const std::optional<Date> next = i + 1 < c.situations.size() ? std::optional<Date>(c.situations[i + 1].from) : std::nullopt;
    const std::optional<timeline::DaySpan> shown = timeline::ClipToToday(s.from, next, today);
    if (!shown) continue;
    const double b = X(shown->to), a = bar_x(X(shown->from), b, 2);
    Palette pal = ColourOf(s.situation);
    std::string name = html::Label(l, "situation", SituationName(s.situation));
    std::string when = html::FormatDate(l, s.from) + " – " + (next ? html::FormatDate(l, *next) : ctx.T("nu", "now"));
    svg += "<g class=\"tl-span\" data-situation=\"" + std::string(SituationName(s.situation)) + "\" data-from=\"" + s.from.ToString() + "\">";
    svg += "<title>" + html::Esc(name + ": " + when) + "</title>";
    svg += "<rect x=\"" + Num(a) + "\" y=\"" + Num(housing_y) + "\" width=\"" + Num(b - a) + "\" height=\"" + Num(housing_h) +
           "\" fill=\"" + pal.fill + "\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
    if (pal.hatch)
      svg += "<rect x=\"" + Num(a) + "\" y=\"" + Num(housing_y) + "\" width=\"" + Num(b - a) + "\" height=\"" + Num(housing_h) +
             "\" fill=\"url(#tl-hatch)\"/>";
    // The label when it fits (about 7 px per character at 12 px).
    std::string short_name = name.substr(0, name.find(" ("));
    if (b - a > 7.0 * double(short_name.size()) + 12)
      svg += "<text x=\"" + Num(a + 6) + "\" y=\"" + Num(housing_y + housing_h / 2 + 4) + "\" font-size=\"12\" font-weight=\"600\" fill=\"#ffffff\">" +
             html::Esc(short_name) + "</text>";
    svg += "</g>";
  }
  if (c.situations.empty())
    svg += "<text x=\"" + Num(x0 + 6) + "\" y=\"" + Num(housing_y + housing_h / 2 + 4) + "\" font-size=\"13\" fill=\"#454545\">" +
           ctx.T("Ingen boligsituation registreret", "No housing situation recorded") + "</text>";
  // Courses, one row each, with CTI phase ticks, cut at today like the spans.
  for (size_t i = 0; i < n_courses; ++i) {
    const auto& k = c.courses[i];
    double y = course_y0 + double(i) * (course_h + course_gap);
    std::string name = html::Label(l, "method", MethodName(k.method));
    std::string short_name = name.substr(0, name.find(" ("));
    svg += "<g class=\"tl-course\" data-method=\"" + std::string(MethodName(k.method)) + "\"><title>" +
           html::Esc(name + " (" + k.id + "): " + html::FormatDate(l, k.start) + " – " + (k.end ? html::FormatDate(l, *k.end) : ctx.T("åbent", "open"))) + "</title>";
    const std::optional<timeline::DaySpan> shown = timeline::ClipToToday(k.start, k.end, today);
    if (!shown) {
      svg += "</g>";
      continue;
    }
    const double b = X(shown->to), a = bar_x(X(shown->from), b, 3);
    svg += "<rect x=\"" + Num(a) + "\" y=\"" + Num(y) + "\" width=\"" + Num(b - a) + "\" height=\"" + Num(course_h) +
           "\" rx=\"3\" fill=\"#0a5a9c\"" + (k.end ? "" : " stroke=\"#002f5f\" stroke-dasharray=\"4 2\"") + "/>";
    for (const auto& [d, ph] : k.phases) {
      if (d > today) continue;
      double px = X(d);
      svg += "<line x1=\"" + Num(px) + "\" x2=\"" + Num(px) + "\" y1=\"" + Num(y) + "\" y2=\"" + Num(y + course_h) + "\" stroke=\"#ffffff\" stroke-width=\"2\"/>";
      svg += "<text x=\"" + Num(px + 3) + "\" y=\"" + Num(y + 15) + "\" font-size=\"11\" fill=\"#ffffff\">" + std::to_string(ph) + "</text>";
    }
    std::string text = short_name + (k.end ? "" : ctx.T(" (åbent)", " (open)"));
    const double text_w = 7.0 * double(text.size()) + 10;
    if (b - a > text_w && k.phases.empty())
      svg += "<text x=\"" + Num(a + 6) + "\" y=\"" + Num(y + 15) + "\" font-size=\"12\" font-weight=\"600\" fill=\"#ffffff\">" + html::Esc(text) + "</text>";
    else if (b + text_w < 958)
      svg += "<text x=\"" + Num(b + 5) + "\" y=\"" + Num(y + 15) + "\" font-size=\"12\" fill=\"#1a1a1a\">" + html::Esc(text) + "</text>";
    else
      svg += "<text x=\"" + Num(a - 5) + "\" y=\"" + Num(y + 15) + "\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">" + html::Esc(text) + "</text>";
    svg += "</g>";
  }
  if (n_courses == 0)
    svg += "<text x=\"" + Num(x0 + 6) + "\" y=\"" + Num(course_y0 + 15) + "\" font-size=\"13\" fill=\"#454545\">" +
           ctx.T("Ingen forløb", "No courses") + "</text>";
  // The markers, each in its lane.
  for (size_t i = 0; i < markers.size(); ++i) {
    const Marker& m = markers[i];
    const double y = events_y + 10 + kLaneHeight * lanes[i];
    svg += "<g " + m.group + " data-lane=\"" + std::to_string(lanes[i]) + "\" transform=\"translate(" + Num(m.x) + " " + Num(y) + ")\"><title>" +
           html::Esc(m.title) + "</title>" + m.shape + "</g>";
  }
  // Today.
  double tx = X(today);
  svg += "<line class=\"tl-today\" x1=\"" + Num(tx) + "\" x2=\"" + Num(tx) + "\" y1=\"" + Num(housing_y - 14) + "\" y2=\"" + Num(axis_y) +
         "\" stroke=\"#1a1a1a\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>";
  svg += "<text x=\"" + Num(tx) + "\" y=\"" + Num(housing_y - 18) + "\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#1a1a1a\">" + ctx.T("I dag", "Today") + "</text>";
  // Legend: the colours of the spans, then the markers.
  double ly = axis_y + 42, lx = x0;
  auto legend = [&](const char* fill, bool hatch, const std::string& text) {
    svg += "<rect x=\"" + Num(lx) + "\" y=\"" + Num(ly - 11) + "\" width=\"14\" height=\"14\" fill=\"" + fill + "\"/>";
    if (hatch) svg += "<rect x=\"" + Num(lx) + "\" y=\"" + Num(ly - 11) + "\" width=\"14\" height=\"14\" fill=\"url(#tl-hatch)\"/>";
    svg += "<text x=\"" + Num(lx + 19) + "\" y=\"" + Num(ly) + "\" font-size=\"12\" fill=\"#1a1a1a\">" + html::Esc(text) + "</text>";
    lx += 28 + 6.6 * double(text.size());
  };
  legend("#a4001d", true, ctx.T("Gade", "Street"));
  legend("#9b4800", true, ctx.T("Herberg, hotel, udslusning", "Shelter, hotel, transitional"));
  legend("#6f5200", true, ctx.T("Familie/venner, nødløsning", "Friends/family, makeshift"));
  legend("#5b2c86", false, ctx.T("Institution", "Institution"));
  legend("#1b6b2f", false, ctx.T("Egen bolig, botilbud", "Own home, supported"));
  ly += 24;
  lx = x0;
  auto marker_legend = [&](const std::string& shape, const std::string& text) {
    svg += "<g class=\"tl-legend-marker\" transform=\"translate(" + Num(lx + 7) + " " + Num(ly - 4) + ") scale(0.8)\">" + shape + "</g>";
    svg += "<text x=\"" + Num(lx + 19) + "\" y=\"" + Num(ly) + "\" font-size=\"12\" fill=\"#1a1a1a\">" + html::Esc(text) + "</text>";
    lx += 28 + 6.6 * double(text.size());
  };
  marker_legend("<path d=\"M0 -8 L8 7 L-8 7 Z\" fill=\"#1a1a1a\"/>", ctx.T("§ 141-handleplan", "§141 action plan"));
  marker_legend("<path d=\"M0 -9 L9 0 L0 9 L-9 0 Z\" fill=\"#5f6368\"/>", ctx.T("Forventet løsladelse", "Expected release"));
  marker_legend("<path d=\"M-8 8 L-8 -1 L0 -9 L8 -1 L8 8 Z\" fill=\"#0a5a9c\"/>", ctx.T("Boligtilbud (rød: afslået, grøn: flyttet ind)", "Housing offer (red: declined, green: moved in)"));
  svg += "</svg>";
  return svg;
}

// ---- The page ----

// The worker pickers' colleagues (none for a role without them).
std::vector<UserInfo> Colleagues(const PageContext& ctx) {
  auto c = ListColleagues(ctx.web.app(), ctx.who());
  return c.ok() ? *c : std::vector<UserInfo>{};
}

struct FormState {
  Kind kind;
  html::Values values;
  html::Errors errors;
  std::string confirm_html;  // not empty: the confirmation step of a consequential entry
};

// The entries whose form asks for a confirmation before it stores (issue 14): they hand the
// citizen away, end their course in the figures, or close a course.
bool AsksConfirmation(Kind k) { return k == Kind::kMoved || k == Kind::kDied || k == Kind::kCourseEnded; }

// What will happen when `e` is stored, in words (escaped HTML).
std::string ConfirmText(const PageContext& ctx, const Entry& e, const CitizenCourse& c) {
  const Lang l = ctx.lang;
  const std::string date = html::FormatDate(l, e.date);
  if (const auto* m = e.As<Moved>())
    return html::Esc(ctx.T("Borgeren overdrages til ", "The citizen is handed over to ") + html::MunicipalityName(m->to) +
                     ctx.T(" fra ", " from ") + date +
                     ctx.T(", og du vil ikke længere kunne se borgeren. Er flytningen en fejl, kan din kommune annullere den i ",
                           ", and you will no longer be able to see the citizen. If the move is a mistake, your municipality can void it for ") +
                     std::to_string(kAnnulMoveDays) +
                     ctx.T(" dage, så længe der ikke er registreret andet på borgeren.", " days, as long as nothing else is recorded for the citizen."));
  if (e.As<Died>())
    return html::Esc(ctx.T("Borgeren registreres som død den ", "The citizen is recorded as dead on ") + date +
                     ctx.T(" og tælles ikke længere med i opgørelserne. Åbne forløb skal afsluttes for sig.",
                           " and no longer counts in the figures. Open courses are ended separately."));
  if (const auto* k = e.As<CourseEnded>()) {
    std::string what = k->course;
    for (const auto& info : c.courses)
      if (info.id == k->course) what = html::Label(l, "method", MethodName(info.method)) + " (" + k->course + ")";
    return html::Esc(ctx.T("Forløbet ", "The course ") + what + ctx.T(" afsluttes den ", " ends on ") + date + ctx.T(" med årsagen \u201c", " for the reason \u201c") +
                     html::Label(l, "end_reason", NameOf(kEndReasonNames, k->reason)) + ctx.T("\u201d. Et afsluttet forløb kan ikke genåbnes, kun annulleres.", "\u201d. An ended course cannot be reopened, only voided."));
  }
  return "";
}

// The page an old municipality's caseworker sees instead of a 404 after a move they may still
// annul (MayAnnulMove): where the citizen went and a form to annul the move with a reason.
http::Response MovedAwayPage(PageContext& ctx, const std::string& key, const MovedAway& m, int status, const html::Values& values,
                             const html::Errors& errors, const std::string& notice) {
  const Lang l = ctx.lang;
  const std::string name = m.name.value_or(ctx.T("Borger ", "Citizen ") + key);
  std::string body = "<h1 class=\"citizen-name\">" + html::Esc(name) + " <span class=\"citizen-key\">" + html::Esc(key) + "</span></h1>" + notice;
  body += html::AlertBox(l, "info", ctx.T("Borgeren er overdraget til ", "The citizen was handed over to ") + html::MunicipalityName(m.to),
                         html::Esc(ctx.T("Flytningen gælder fra ", "The move holds from ") + html::FormatDate(l, m.date) +
                                   ctx.T(". Du kan ikke længere se borgerens journal. Var flytningen en fejl, kan du annullere den, så borgeren igen hører til din kommune. Det kan du, indtil der registreres andet på borgeren, og højst ",
                                         ". You can no longer see the citizen's journal. If the move was a mistake you can void it, so that the citizen belongs to your municipality again. You can do so until anything else is recorded for the citizen, and for at most ") +
                                   std::to_string(kAnnulMoveDays) + ctx.T(" dage efter registreringen.", " days after it was recorded.")));
  html::Field reason = F(html::Field::Type::kTextarea, "reason", ctx.T("Begrundelse", "Reason"),
                         ctx.T("Hvorfor annulleres flytningen? Begrundelsen gemmes som et notat i journalen.",
                               "Why is the move voided? The reason is saved as a note in the journal."), true);
  reason.max_length = kMaxAnnulReasonLength;
  std::map<std::string, std::string> labels{{"reason", reason.label}, {"date", ctx.T("Dato", "Date")}, {"entry", ctx.T("Post", "Entry")}};
  body += "<section id=\"form-void\" data-testid=\"annul-move\"><h2>" + ctx.T("Annullér flytningen", "Void the move") + "</h2>";
  body += html::ErrorSummary(l, "f-void-", errors, labels);
  body += "<form method=\"post\" action=\"/borger/" + html::Esc(html::UrlEncode(key)) + "#form-void\" novalidate>" +
          html::HiddenInput("csrf_token", ctx.session->csrf_token) + html::HiddenInput("kind", "void") + html::HiddenInput("entry", m.move) +
          html::RenderField(l, reason, "f-void-", values, errors) + "<button type=\"submit\" class=\"button button-primary\">" +
          ctx.T("Annullér flytningen", "Void the move") + "</button></form></section>";
  return Render(ctx, status, name, "citizens", body);
}

// The page for a refused look at a citizen: one who does not exist and one the user may not see
// answer alike (404); a role that may never, 403.
http::Response CitizenError(PageContext& ctx, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied)
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"),
                     ctx.T("Din rolle må ikke dette.", "Your role may not do this."));
  if (s.code() == StatusCode::kNotFound)
    return ErrorPage(ctx, 404, ctx.T("Borgeren findes ikke", "No such citizen"),
                     ctx.T("Der er ingen borger med det id, som du har adgang til.", "There is no citizen with that id that you have access to."));
  return ErrorPage(ctx, 500, ctx.T("Fejl", "Error"), ctx.T("Siden kunne ikke vises. Prøv igen.", "The page could not be shown. Please try again."));
}

bool IsAllocationForm(Kind k) {
  return k == Kind::kHousingApproved || k == Kind::kHousingApprovalEnded || k == Kind::kDepositLoan || k == Kind::kHousingDebt;
}

// The "Bolig" section: the approval and its terms, the points in words, the open offers with the
// rent against the approval's limit, the deposit and deposit loans, debts, the offers so far;
// the allocation's forms; and, when an accepted offer meets a release plan without a housing
// solution, the plan's form filled in for an update. No health data.
template <typename RenderForm>
std::string AllocationSection(const PageContext& ctx, const std::string& key, const AllocationSummary& a,
                              const std::vector<FormSpec>& forms, RenderForm&& render_form) {
  const Lang l = ctx.lang;
  auto Kr = [&](int64_t v) { return html::FormatInt(l, v) + " kr."; };
  std::string out = "<section id=\"bolig\" class=\"citizen-section allocation\" aria-labelledby=\"h-allocation\" data-testid=\"allocation\"><h2 id=\"h-allocation\">" +
                    ctx.T("Bolig", "Housing allocation") + "</h2>";
  if (a.approved && a.terms) {
    out += "<p data-testid=\"approval\">" + ctx.T("Godkendt til kommunal anvisning fra ", "Approved for municipal allocation from ") + html::FormatDate(l, *a.approved) + ": " +
           html::Esc(ApprovalWords(ctx, *a.terms)) + (ApprovalWords(ctx, *a.terms).back() == '.' ? "" : ".") + "</p>";
    if (a.on_list)
      out += "<p data-testid=\"points\">" + ctx.T("På ventelisten med ", "On the waiting list with ") + "<strong>" + html::FormatInt(l, a.parts.total()) + ctx.T(" point</strong>: ", " points</strong>: ") +
             html::Esc(PriorityWords(ctx, a.parts, a.homeless_days, a.weights)) + ". <a href=\"/boliger/venteliste\">" + ctx.T("Se ventelisten", "See the waiting list") + "</a></p>";
  } else {
    out += "<p data-testid=\"approval\">" + ctx.T("Ikke godkendt til kommunal anvisning", "Not approved for municipal allocation") +
           (a.approval_ended ? ctx.T(" (seneste godkendelse ophørte ", " (the latest approval ended ") + html::FormatDate(l, *a.approval_ended) + ")" : std::string()) + ".</p>";
  }
  // Open offers and affordability.
  if (!a.open_offers.empty()) {
    out += "<h3 class=\"h5\">" + ctx.T("Boligtilbud i gang", "Offers in progress") + "</h3><ul class=\"offer-list\">";
    for (const auto& o : a.open_offers) {
      out += "<li data-unit=\"" + html::Esc(o.unit) + "\"><a href=\"/boliger/" + html::Esc(html::UrlEncode(o.unit)) + "\">" + html::Esc(o.unit) + "</a>: " +
             html::Esc(html::Label(l, "offer", NameOf(kOfferStatusNames, o.status))) + " " + html::FormatDate(l, o.since) + " (" + html::FormatInt(l, o.age_days) +
             ctx.T(" dage)", " days)");
      if (o.terms) {
        out += "<br>" + html::Esc(html::Label(l, "unit_kind", NameOf(kUnitKindNames, o.terms->unit_kind))) + ", " + std::to_string(o.terms->rooms) + ctx.T(" vær., husleje ", " rooms, rent ") +
               Kr(o.terms->rent) + ctx.T(" pr. md.", " a month") + (o.terms->deposit ? ctx.T(", depositum ", ", deposit ") + Kr(*o.terms->deposit) : std::string());
        if (o.rent_over_limit)
          out += " <span class=\"badge badge-warning\" data-testid=\"rent-over-limit\">" + ctx.T("Huslejen er over borgerens grænse på ", "The rent is above the citizen's limit of ") +
                 Kr(*a.terms->max_rent) + "</span>";
      }
      out += "</li>";
    }
    out += "</ul>";
  }
  out += "<h3 class=\"h5\">" + ctx.T("Depositum og gæld", "Deposit and debt") + "</h3><ul class=\"barriers\" data-testid=\"barriers\">";
  if (a.deposit_loans.empty()) out += "<li>" + ctx.T("Intet indskudslån registreret.", "No deposit loan recorded.") + "</li>";
  for (const auto& d : a.deposit_loans)
    out += "<li>" + ctx.T("Indskudslån ", "Deposit loan ") + Kr(d.loan.amount) + ", " + (d.loan.granted ? ctx.T("bevilget", "granted") : ctx.T("afslået", "refused")) + " " +
           html::FormatDate(l, d.date) + "</li>";
  for (const auto& d : a.debts)
    out += "<li>" + ctx.T("Gæld ", "Debt ") + Kr(d.debt.amount) + ctx.T(" til ", " to ") + html::Esc(Lower(html::Label(l, "debt_to", NameOf(kDebtToNames, d.debt.to)))) + " " +
           html::FormatDate(l, d.date) + "</li>";
  if (a.debt_to_associations > 0)
    out += "<li><span class=\"badge badge-warning\">" + ctx.T("Gæld til boligselskab i alt ", "Debt to housing associations in all ") + Kr(a.debt_to_associations) +
           ctx.T(": kan hindre en lejekontrakt", ": may stand in the way of a lease") + "</span></li>";
  out += "</ul>";
  if (!a.history.empty()) {
    out += "<details class=\"details\"><summary class=\"details-summary\">" + ctx.T("Tilbud indtil nu", "Offers so far") + " (" + html::FormatInt(l, static_cast<long long>(a.history.size())) +
           ")</summary><div class=\"details-text\"><ul>";
    for (const auto& s : a.history)
      out += "<li>" + html::FormatDate(l, s.date) + " · " + html::Esc(s.unit) + ": " +
             html::Esc(Lower(html::Label(l, "offer", NameOf(kOfferStatusNames, s.status))) +
                       (s.reason ? " (" + Lower(html::Label(l, "decline_reason", NameOf(kDeclineReasonNames, *s.reason))) + ")" : "")) + "</li>";
    out += "</ul></div></details>";
  }
  // God løsladelse: an accepted home, a release plan without one.
  if (a.release_to_update) {
    const PlannedRelease& r = *a.release_to_update;
    std::string text = ctx.T("Borgeren har accepteret et boligtilbud, men den planlagte løsladelse eller udskrivning ", "The citizen has accepted an offer, but the planned release or discharge ") +
                       html::FormatDate(l, r.expected) + ctx.T(" står uden boligløsning.", " has no housing solution.");
    auto spec = std::find_if(forms.begin(), forms.end(), [](const FormSpec& f) { return f.kind == Kind::kReleasePlanned; });
    std::string inner = "<p>" + html::Esc(text) + "</p>";
    if (spec != forms.end()) {
      inner += "<p>" + ctx.T("Opdatér planen:", "Update the plan:") + "</p>" +
               render_form(*spec, html::Values{{"date", ctx.today.ToString()}, {"from", std::string(NameOf(kReleaseFromNames, r.from))}, {"expected", r.expected.ToString()}, {"housing_solution", "yes"}},
                           "-update");
    } else {
      inner += "<p>" + html::Esc(ctx.T("Giv myndighedssagsbehandleren besked, så planen kan opdateres.", "Tell the caseworker, so that the plan can be updated.")) + "</p>";
    }
    out += "<div data-testid=\"release-update\">" + html::AlertBox(l, "warning", ctx.T("Opdatér løsladelsesplanen", "Update the release plan"), inner) + "</div>";
  }
  for (const auto& f : forms)
    if (IsAllocationForm(f.kind)) out += render_form(f, std::nullopt, "");
  out += "<p><a href=\"/boliger\">" + ctx.T("Se kommunens boliger", "See the municipality's dwellings") + "</a></p>";
  (void)key;
  return out + "</section>";
}

http::Response RenderCitizen(PageContext& ctx, const std::string& key, int status, const std::optional<FormState>& posted,
                             const std::string& notice) {
  const Principal& p = ctx.who();
  const Lang l = ctx.lang;
  std::string body, name;
  // The allocation (roles with read_allocation; PermissionDenied for the others: no section).
  auto allocation = CitizenAllocationOn(ctx.web.app(), p, key, ctx.today, "web allocation");
  const std::vector<UserInfo> colleagues = Colleagues(ctx);
  // ?vis_cpr=1 shows the CPR number in full to the roles that may reveal it, logged as reveal_cpr.
  const bool reveal = ctx.req.method == "GET" && ctx.req.Query("vis_cpr").value_or("") == "1" && Allowed(p.role, Permission::kRevealCpr);
  Status viewed = ViewCitizen(ctx.web.app(), p, key, reveal, "web", [&](const CitizenAccess& access) {
    const CitizenCourse& c = access.course;
    const CitizenFilter& filter = access.filter;
    const report::Thresholds& thresholds = access.thresholds;
    name = c.name.value_or(c.alias ? *c.alias : ctx.T("Borger ", "Citizen ") + key);

    // The entries the user may see (voids too), newest first.
    std::vector<const Entry*> all = access.VisibleEntries();
    std::set<std::string> voided;
    for (const Entry* e : all)
      if (const auto* v = e->As<Void>()) voided.insert(v->entry);
    std::sort(all.begin(), all.end(), [](const Entry* a, const Entry* b) { return CourseOrder(*b, *a); });
    std::vector<const Entry*> live;  // not voided, newest first (for the void form)
    for (const Entry* e : all)
      if (!voided.count(e->id)) live.push_back(e);

    // Header.
    body += "<nav class=\"breadcrumbs\" aria-label=\"" + ctx.T("Brødkrumme", "Breadcrumb") + "\"><ol class=\"breadcrumbs__list\"><li class=\"breadcrumbs__list-item\"><a href=\"/borgere\" class=\"breadcrumbs__link\">" +
            ctx.T("Borgere", "Citizens") + "</a></li><li class=\"breadcrumbs__list-item\" aria-current=\"page\"><svg class=\"icon-svg\" focusable=\"false\" aria-hidden=\"true\"><use href=\"/static/vendor/dkfds/img/all-svg-icons.svg#chevron-right\"></use></svg>" + html::Esc(name) + "</li></ol></nav>";
    body += "<h1 class=\"citizen-name\">" + html::Esc(name) + " <span class=\"citizen-key\">" + html::Esc(key) + "</span></h1>";
    body += notice;
    if (std::any_of(c.courses.begin(), c.courses.end(), [](const CourseInfo& k) { return k.method == Method::kYouth; }))
      body += "<p class=\"youth-link\"><a href=\"/borger/" + html::Esc(html::UrlEncode(key)) + "/unge\" data-testid=\"youth-page-link\">" +
              ctx.T("Ungemodellen: team, mål, baggrund og overgangen ved 18 år", "Youth model: team, goals, background and the transition at 18") + "</a></p>";
    if (c.AnonymousOn(ctx.today))
      body += "<p class=\"anonymous-note\" id=\"anonymous-note\"><span class=\"badge\">" + ctx.T("Anonym", "Anonymous") + "</span> " +
              ctx.T("Registreret anonymt under kaldenavnet ", "Registered anonymously under the alias ") + html::Esc(c.alias.value_or("")) +
              (c.age_estimate ? ctx.T(", anslået alder ", ", estimated age ") + std::to_string(*c.age_estimate) + ctx.T(" år ved registreringen", " at registration") : "") +
              ".</p>";
    else if (c.identified_on)
      body += "<p class=\"anonymous-note\" id=\"identified-note\">" + ctx.T("Identificeret ", "Identified on ") + html::FormatDate(ctx.lang, *c.identified_on) +
              ctx.T(" (tidligere anonym som ", " (formerly anonymous as ") + html::Esc(c.alias.value_or("")) + ").</p>";
    auto situation = c.SituationOn(ctx.today);
    const SituationSpan* span = c.SpanOn(ctx.today);
    auto age = c.AgeOn(ctx.today);
    std::string cpr = "–";
    if (c.cpr)
      if (auto parsed = ParseCpr(*c.cpr)) {
        cpr = html::Esc(filter.full_cpr ? parsed->Formatted() : parsed->Masked());
        if (!filter.full_cpr && Allowed(p.role, Permission::kRevealCpr))
          cpr += " <a href=\"/borger/" + html::UrlEncode(key) + "?vis_cpr=1\" data-testid=\"reveal-cpr\" rel=\"nofollow\">" +
                 ctx.T("Vis hele nummeret", "Show the whole number") + "</a> <span class=\"muted\">(" + ctx.T("logges", "logged") + ")</span>";
      }
    if (Allowed(p.role, Permission::kReadAccessLog))
      cpr += "<br><a href=\"/adgangslog?borger=" + html::UrlEncode(key) + "\" data-testid=\"access-log-link\">" +
             ctx.T("Hvem har set borgeren (adgangslog)", "Who has seen the citizen (access log)") + "</a>";
    auto open = c.OpenCourses(ctx.today);
    auto alerts = filter.alerts ? report::AlertsFor(c, ctx.today, thresholds) : std::vector<report::Alert>{};
    body += "<section class=\"citizen-summary\" aria-label=\"" + ctx.T("Overblik", "Summary") + "\"><dl class=\"summary-list\">";
    auto item = [&](const std::string& dt, const std::string& dd_html, const char* testid) {
      body += std::string("<div class=\"summary-item\" data-testid=\"") + testid + "\"><dt>" + html::Esc(dt) + "</dt><dd>" + dd_html + "</dd></div>";
    };
    item(ctx.T("Alder", "Age"), age ? std::to_string(*age) + ctx.T(" år", " years") : "–", "age");
    item(ctx.T("CPR-nummer", "CPR number"), cpr, "cpr");
    item(ctx.T("Handlekommune", "Responsible municipality"), html::Esc(html::MunicipalityName(c.MunicipalityOn(ctx.today))), "municipality");
    item(ctx.T("Boligsituation", "Housing situation"),
         situation ? "<strong>" + html::Esc(html::Label(l, "situation", SituationName(*situation))) + "</strong>" +
                         (span ? "<br><span class=\"muted\">" + ctx.T("siden ", "since ") + html::FormatDate(l, span->from) + "</span>" : "")
                   : "–",
         "situation");
    std::string courses_html;
    for (const auto* k : open) {
      std::string phase = k->method == Method::kCTI ? ctx.T(", fase ", ", phase ") + std::to_string(k->PhaseOn(ctx.today)) : "";
      courses_html += "<span class=\"tag-static\">" + html::Esc(html::Label(l, "method", MethodName(k->method)) + phase) + "</span> ";
    }
    item(ctx.T("Åbne forløb", "Open courses"), courses_html.empty() ? ctx.T("Ingen", "None") : courses_html, "courses");
    item(ctx.T("§ 141-handleplan", "§141 action plan"),
         c.first_action_plan ? ctx.T("Tilbudt ", "Offered ") + html::FormatDate(l, *c.first_action_plan) : ctx.T("Ikke tilbudt", "Not offered"), "plan");
    item(ctx.T("Registreret", "Registered"), html::FormatDate(l, c.registered_on) +
                                                 (c.referred_by ? "<br><span class=\"muted\">" + ctx.T("Henvist af: ", "Referred by: ") +
                                                                     html::Esc(html::Label(l, "referral", NameOf(kReferralNames, *c.referred_by))) + "</span>"
                                                               : ""),
         "registered");
    if (c.died) item(ctx.T("Død", "Died"), html::FormatDate(l, *c.died), "died");
    body += "</dl>";
    if (filter.alerts) body += "<div class=\"citizen-alerts\" data-testid=\"alerts\"><h2 class=\"h4\">" + ctx.T("Advarsler", "Alerts") + "</h2>";
    if (!filter.alerts) {
    } else if (alerts.empty()) {
      body += "<p>" + ctx.T("Ingen advarsler.", "No alerts.") + "</p>";
    } else {
      body += "<ul class=\"alert-list\">";
      for (const auto& a : alerts) {
        auto w = html::AlertLabel(l, a.rule, thresholds.shelter_months, thresholds.youth_age, thresholds.cti_months, thresholds.release_days, thresholds.action_plan_days);
        body += "<li data-rule=\"" + html::Esc(a.rule) + "\"><span class=\"badge badge-warning\">" + html::Esc(w.name) + "</span> <span class=\"muted\">" +
                html::Esc(html::Label(l, "alert_since", a.rule)) + " " + html::FormatDate(l, a.since) + "</span></li>";
      }
      body += "</ul>";
    }
    body += std::string(filter.alerts ? "</div>" : "") + "</section>";

    // Timeline.
    body += "<section id=\"tidslinje\" class=\"citizen-section\" aria-labelledby=\"h-timeline\"><h2 id=\"h-timeline\">" + ctx.T("Forløbet over tid", "The course over time") + "</h2>";
    body += "<div class=\"timeline\" id=\"timeline\">" + Timeline(ctx, c, live) + "</div>";
    body += "<details class=\"details\"><summary class=\"details-summary\">" + ctx.T("Boligsituationer som tabel", "Housing situations as a table") +
            "</summary><div class=\"details-text\"><table class=\"table table--compact\"><thead><tr><th scope=\"col\">" + ctx.T("Fra", "From") +
            "</th><th scope=\"col\">" + ctx.T("Til", "To") + "</th><th scope=\"col\">" + ctx.T("Boligsituation", "Housing situation") + "</th></tr></thead><tbody>";
    for (size_t i = 0; i < c.situations.size(); ++i) {
      const auto& s = c.situations[i];
      body += "<tr><td>" + html::FormatDate(l, s.from) + "</td><td>" + (i + 1 < c.situations.size() ? html::FormatDate(l, c.situations[i + 1].from) : "–") +
              "</td><td>" + html::Esc(html::Label(l, "situation", SituationName(s.situation))) + "</td></tr>";
    }
    body += "</tbody></table></div></details></section>";

    // The forms, rendered here or in the "Bolig" section: `preset` values instead of the
    // defaults, `tag` to tell a second copy's ids apart.
    auto forms = Forms(ctx, c, live, colleagues);
    auto render_form = [&](const FormSpec& f, const std::optional<html::Values>& preset, const std::string& tag) {
      std::string out;
      const std::string kind(KindName(f.kind));
      const bool this_one = posted && posted->kind == f.kind && tag.empty();
      html::Values values = this_one ? posted->values : preset ? *preset : Defaults(ctx, c, f.kind);
      html::Errors errors = this_one ? posted->errors : html::Errors{};
      std::string prefix = "f-" + kind + tag + "-";
      std::map<std::string, std::string> labels;
      for (const auto& fld : f.fields) labels[fld.name] = fld.label;
      out += "<details class=\"details entry-form\" id=\"form-" + kind + tag + "\" data-kind=\"" + kind + "\"" + (this_one || preset ? " open" : "") +
             "><summary class=\"details-summary\">" + html::Esc(f.title) + "</summary><div class=\"details-text\">";
      if (!f.intro.empty()) out += "<p class=\"form-intro\">" + html::Esc(f.intro) + "</p>";
      out += html::ErrorSummary(l, prefix, errors, labels);
      if (this_one && !posted->confirm_html.empty()) {
        // The confirmation step: what will happen, and the typed values carried to the second post.
        out += "<div class=\"alert alert-warning confirm-step\" role=\"alert\" tabindex=\"-1\" data-testid=\"confirm\"><div class=\"alert-body\"><p class=\"alert-heading\">" +
               ctx.T("Er du sikker?", "Are you sure?") + "</p><p class=\"alert-text\">" + posted->confirm_html + "</p></div></div>";
        out += "<form method=\"post\" action=\"/borger/" + html::Esc(html::UrlEncode(key)) + "#form-" + kind + "\" novalidate>";
        out += html::HiddenInput("csrf_token", ctx.session->csrf_token) + html::HiddenInput("kind", kind);
        for (const auto& [n, v] : values) out += html::HiddenInput(n, v);
        out += "<button type=\"submit\" name=\"confirm\" value=\"yes\" class=\"button button-primary\">" + ctx.T("Bekræft", "Confirm") +
               "</button> <button type=\"submit\" name=\"confirm\" value=\"undo\" class=\"button button-secondary\">" + ctx.T("Fortryd", "Cancel") + "</button>";
        out += "</form></div></details>";
        return out;
      }
      out += "<form method=\"post\" action=\"/borger/" + html::Esc(html::UrlEncode(key)) + "#form-" + kind + "\" novalidate>";
      out += html::HiddenInput("csrf_token", ctx.session->csrf_token) + html::HiddenInput("kind", kind);
      for (const auto& fld : f.fields) out += html::RenderField(l, fld, prefix, values, errors);
      out += "<button type=\"submit\" class=\"button button-primary\">" + html::Esc(html::Label(l, "kind_save", kind)) + "</button>";
      out += "</form></div></details>";
      return out;
    };
    if (allocation.ok()) body += AllocationSection(ctx, key, *allocation, forms, render_form);

    body += "<div class=\"row\"><div class=\"col-12 col-lg-7\">";
    // Recommendation.
    if (filter.recommendation) {
      auto rec = report::Recommend(c, ctx.today);
      body += "<section id=\"anbefaling\" class=\"citizen-section recommendation\" aria-labelledby=\"h-rec\" data-testid=\"recommendation\"><h2 id=\"h-rec\">" +
              ctx.T("Anbefalet metode", "Recommended method") + "</h2>";
      if (!rec.assessed) {
        body += "<p>" + ctx.T("Der er ingen udredning endnu. Registrér en udredning for at få en anbefaling.", "There is no assessment yet. Record an assessment to get a recommendation.") + "</p>";
      } else {
        body += "<p class=\"rec-method\">";
        if (rec.method) body += "<strong class=\"rec-badge\" data-method=\"" + std::string(MethodName(*rec.method)) + "\">" + html::Esc(html::Label(l, "method", MethodName(*rec.method))) + "</strong> ";
        else body += "<strong class=\"rec-badge\">" + ctx.T("Ingen af de tre metoder", "None of the three methods") + "</strong> ";
        if (rec.youth_model) body += "<strong class=\"rec-badge rec-youth\">" + html::Esc(html::Label(l, "method", "youth")) + "</strong>";
        body += "</p><p class=\"muted\">" + ctx.T("Ud fra udredningen ", "From the assessment of ") + html::FormatDate(l, rec.assessed_on) + "</p>";
        const auto& reasons = l == Lang::kEn ? rec.reasons_en : rec.reasons_da;
        if (!reasons.empty()) {
          body += "<h3 class=\"h5\">" + ctx.T("Begrundelse", "Reasons") + "</h3><ul>";
          for (const auto& r : reasons) body += "<li>" + html::Esc(r) + "</li>";
          body += "</ul>";
        }
        if (c.latest_assessment) {
          const auto* a = c.latest_assessment->As<Assessment>();
          std::vector<svg::Bar> bars;
          for (size_t i = 0; i < a->needs.size(); ++i)
            if (a->needs[i] >= 0) bars.push_back({html::Label(l, "life_area", kLifeAreaNames[i]), double(a->needs[i])});
          if (!bars.empty()) {
            svg::ChartOptions o;
            o.title = ctx.T("Støttebehov (0–4) i seneste udredning", "Need of support (0–4) in the latest assessment");
            o.width = 560;
            o.height = 260;
            o.decimals = 0;
            o.axis_max = 4;  // the scale of the needs assessment: a gridline at 0, 1, 2, 3 and 4
            o.id = "needs-chart";
            body += "<div class=\"chart\">" + svg::HorizontalBarChart(bars, o) + "</div>";
          }
        }
      }
      body += "</section>";
    }
    // Journal.
    body += "<section id=\"journal\" class=\"citizen-section\" aria-labelledby=\"h-journal\"><h2 id=\"h-journal\">" + ctx.T("Journal", "Journal") + "</h2>";
    body += "<p class=\"muted\">" + ctx.T("Nyeste først. Intet slettes: en forkert post annulleres.", "Newest first. Nothing is deleted: a wrong entry is voided.") + "</p>";
    body += "<div class=\"table--responsive-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + ctx.T("Journal", "Journal") +
            "\"><table class=\"table table--compact journal-table\"><thead><tr><th scope=\"col\">" + ctx.T("Dato", "Date") + "</th><th scope=\"col\">" +
            ctx.T("Type", "Kind") + "</th><th scope=\"col\">" + ctx.T("Indhold", "Content") + "</th><th scope=\"col\">" + ctx.T("Registreret af", "Recorded by") +
            "</th></tr></thead><tbody>";
    const bool whole_journal = ctx.req.Query("journal").value_or("") == "alle";
    size_t listed = 0, listable = 0;
    listable = all.size();
    // A long note folds: its first characters, and the whole on request (a note of 20,000
    // characters would make a row thousands of pixels tall).
    auto entry_text = [&](const Entry& e) {
      std::string text = Summary(ctx, e);
      if (e.kind() != Kind::kNote || CodePointCount(text) <= kFoldAfter) return html::Esc(text);
      return "<details class=\"entry-fold\"><summary><span class=\"entry-preview\">" + html::Esc(FirstCharacters(text, kFoldPreview)) +
             "\u2026</span><span class=\"fold-more\">" + ctx.T("Vis hele notatet", "Show the whole note") + " (" +
             html::FormatInt(l, static_cast<long long>(CodePointCount(text))) + ctx.T(" tegn)", " characters)") + "</span></summary>" +
             html::Esc(text) + "</details>";
    };
    for (const Entry* e : all) {
      if (!whole_journal && ++listed > kJournalRows) break;
      bool is_voided = voided.count(e->id) > 0;
      body += "<tr data-kind=\"" + std::string(KindName(e->kind())) + "\" data-id=\"" + html::Esc(e->id) + "\"" + (is_voided ? " class=\"voided\"" : "") + "><td>" +
              html::FormatDate(l, e->date) + "</td><td>" + html::Esc(html::Label(l, "kind", KindName(e->kind()))) +
              (is_voided ? " <span class=\"badge\">" + ctx.T("annulleret", "voided") + "</span>" : "") + "</td><td class=\"entry-text\">" + entry_text(*e) +
              "</td><td>" + html::Esc(e->by.empty() ? "–" : e->by) + "<br><span class=\"muted small\">" + html::Esc(html::FormatTime(l, e->recorded)) +
              " · " + html::Esc(e->id) + "</span></td></tr>";
    }
    body += "</tbody></table></div>";
    if (!whole_journal && listable > kJournalRows)
      body += "<p><a href=\"/borger/" + html::Esc(html::UrlEncode(key)) + "?journal=alle#journal\">" + ctx.T("Vis hele journalen", "Show the whole journal") +
              " (" + html::FormatInt(l, static_cast<long long>(listable)) + ctx.T(" poster)", " entries)") + "</a></p>";
    body += "</section>";
    body += "</div><div class=\"col-12 col-lg-5\">";

    // Forms (the allocation's are in the "Bolig" section above).
    body += "<section id=\"registrer\" class=\"citizen-section entry-forms\" aria-labelledby=\"h-forms\"><h2 id=\"h-forms\">" + ctx.T("Registrér", "Record") + "</h2>";
    if (forms.empty()) body += "<p>" + ctx.T("Din rolle kan ikke registrere på borgeren.", "Your role cannot record for this citizen.") + "</p>";
    for (const auto& f : forms)
      if (!(allocation.ok() && IsAllocationForm(f.kind))) body += render_form(f, std::nullopt, "");
    body += "</section></div></div>";
  });
  if (viewed.code() == StatusCode::kNotFound) {
    // A move this user's municipality may still take back: not a 404 but the way back.
    auto away = FindAnnullableMove(ctx.web.app(), p, key);
    if (away.ok() && *away) {
      html::Values values;
      html::Errors errors;
      if (posted && posted->kind == Kind::kVoid) values = posted->values, errors = posted->errors;
      return MovedAwayPage(ctx, key, **away, errors.empty() ? 200 : 422, values, errors, notice);
    }
  }
  if (!viewed.ok()) return CitizenError(ctx, viewed);
  return Render(ctx, status, name, "citizens", body, true);
}

}  // namespace

http::Response CitizenPage(PageContext& ctx, const std::string& key) {
  std::string notice;
  if (ctx.req.Query("registreret"))
    notice = html::AlertBox(ctx.lang, "success", ctx.T("Borgeren er registreret", "The citizen was registered"),
                            html::Esc(ctx.T("Registreringen og boligsituationen er gemt i journalen.", "The registration and the housing situation are saved in the journal.")));
  if (auto saved = ctx.req.Query("gemt"))
    // The page opens at the banner (#gemt; app.js gives it the focus), not at the page's top.
    notice = SavedBanner(ctx, html::Esc(html::Label(ctx.lang, "kind_saved", *saved)));
  return RenderCitizen(ctx, key, 200, std::nullopt, notice);
}

namespace {

// The post of MovedAwayPage: the void of the move with its reason.
http::Response AnnulMovePost(PageContext& ctx, const std::string& key, const html::Values& form) {
  auto recorded = AnnulEntry(ctx.web.app(), ctx.who(), key, Get(form, "entry"), Get(form, "reason"));
  if (recorded.ok()) return RedirectTo(ctx, "/borger/" + html::UrlEncode(key) + "?gemt=void#gemt");
  const Status& s = recorded.status();
  if (s.field_errors().empty()) return CitizenError(ctx, s);
  FormState st{Kind::kVoid, {{"reason", Get(form, "reason")}}, TranslateErrors(ctx, s.field_errors()), ""};
  return RenderCitizen(ctx, key, 422, st,
                       html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                                      "<a href=\"#form-void\">" + html::Esc(ctx.T("Ret fejlene i formularen", "Correct the errors in the form")) + "</a>"));
}

}  // namespace

http::Response CitizenPost(PageContext& ctx, const std::string& key) {
  const Principal& p = ctx.who();
  html::Values form = *ParseForm(ctx.req);
  auto kind = ParseName<Kind>(kKindNames, Get(form, "kind"));
  if (!kind || *kind == Kind::kRegistered)
    return ErrorPage(ctx, 400, ctx.T("Ukendt formular", "Unknown form"), ctx.T("Formularen har en ukendt type.", "The form has an unknown kind."));
  // Authorise as the API does: the citizen must be readable, the kind writable.
  std::vector<FormSpec> forms;
  std::optional<CitizenCourse> course;
  std::string course_id;  // of a new course: made here, never typed
  const std::vector<UserInfo> colleagues = Colleagues(ctx);
  Status viewed = ViewCitizen(ctx.web.app(), p, key, false, "web form", [&](const CitizenAccess& access) {
    forms = Forms(ctx, access.course, {}, colleagues);
    if (AsksConfirmation(*kind)) course = access.course;
    if (*kind == Kind::kCourseStarted) {
      auto method = ParseName<Method>(kMethodNames, Get(form, "method"));
      auto start = ParseDate(Get(form, "date"));
      course_id = method && start ? NextCourseId(key, *method, *start, access.journal.EntriesOf(key)) : key + "-new";
    }
  });
  if (!viewed.ok()) {
    // The old municipality annulling a wrong move of a citizen it no longer sees (the app
    // layer decides whether it may).
    if (*kind == Kind::kVoid && viewed.code() == StatusCode::kNotFound) return AnnulMovePost(ctx, key, form);
    return CitizenError(ctx, viewed);
  }
  if (!MayRecord(p, *kind))
    return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), ctx.T("Din rolle må ikke registrere denne type post på borgeren.", "Your role may not record this kind of entry for the citizen."));
  auto spec = std::find_if(forms.begin(), forms.end(), [&](const FormSpec& s) { return s.kind == *kind; });
  if (spec == forms.end()) return ErrorPage(ctx, 403, ctx.T("Ingen adgang", "No access"), "");

  // The entry as JSON: only the form's own fields; citizen, municipality, kind and `by` from the
  // server (never `recorded`).
  json j{{"citizen", key}, {"municipality", p.municipality}, {"kind", std::string(KindName(*kind))}, {"by", p.user}};
  if (!course_id.empty()) j["course"] = course_id;
  html::Values kept;
  json needs = json::object();
  bool has_needs = false;
  for (const auto& fld : spec->fields) {
    std::string v = Get(form, fld.name);
    kept[fld.name] = v;
    auto cit = spec->conv.find(fld.name);
    Conv conv = cit == spec->conv.end() ? Conv::kString : cit->second;
    if (conv == Conv::kNeeds) {
      has_needs = true;
      if (v.empty()) continue;
      std::string area = fld.name.substr(6);
      if (v.size() == 1 && std::isdigit(static_cast<unsigned char>(v[0]))) needs[area] = v[0] - '0';
      else needs[area] = v;
      continue;
    }
    if (v.empty()) continue;
    if (conv == Conv::kBool) {
      if (v == "yes" || v == "true") j[fld.name] = true;
      else if (v == "no" || v == "false") j[fld.name] = false;
      else j[fld.name] = v;
    } else if (conv == Conv::kList) {
      json words = json::array();
      size_t i = 0;
      while (i <= v.size()) {
        size_t k = v.find(',', i);
        if (k == std::string::npos) k = v.size();
        std::string w = v.substr(i, k - i);
        w.erase(0, w.find_first_not_of(' '));
        w.erase(w.find_last_not_of(' ') + 1);
        if (!w.empty()) words.push_back(w);
        i = k + 1;
      }
      j[fld.name] = words;
    } else if (conv == Conv::kInt) {
      if (v.size() <= 9 && std::all_of(v.begin(), v.end(), ::isdigit)) j[fld.name] = std::stoi(v);
      else j[fld.name] = v;
    } else {
      j[fld.name] = v;
    }
  }
  if (has_needs) j["needs"] = needs;
  if (*kind == Kind::kIdentified && !j.contains("consent")) j["consent"] = false;  // an unticked box

  auto fail = [&](const std::vector<FieldError>& errors) {
    FormState st{*kind, kept, TranslateErrors(ctx, errors), ""};
    std::string notice = html::AlertBox(ctx.lang, "error", ctx.T("Intet er gemt", "Nothing was saved"),
                                        "<a href=\"#form-" + std::string(KindName(*kind)) + "\">" +
                                            html::Esc(ctx.T("Ret fejlene i formularen ", "Correct the errors in the form ") + "\u201c" + spec->title + "\u201d") + "</a>");
    return RenderCitizen(ctx, key, 422, st, notice);
  };
  if (AsksConfirmation(*kind) && course) {
    const std::string confirm = Get(form, "confirm");
    if (confirm == "undo")
      return RenderCitizen(ctx, key, 200, FormState{*kind, kept, {}, ""},
                           html::AlertBox(ctx.lang, "info", ctx.T("Intet er gemt", "Nothing was saved"),
                                          "<a href=\"#form-" + std::string(KindName(*kind)) + "\">" +
                                              html::Esc(ctx.T("Formularen er udfyldt, som du forlod den.", "The form is filled in as you left it.")) + "</a>"));
    if (confirm != "yes") {
      // The first post: check the fields, then say what will happen; only the confirmed post stores.
      auto parsed = ParseEntry(j, ParseOptions{ctx.web.app().Now(), true});
      if (!parsed.ok()) return fail(parsed.status().field_errors());
      return RenderCitizen(ctx, key, 200, FormState{*kind, kept, {}, ConfirmText(ctx, *parsed, *course)}, "");
    }
  }
  auto recorded = *kind == Kind::kVoid ? AnnulEntry(ctx.web.app(), p, key, Get(form, "entry"), Get(form, "reason"), Get(form, "date"))
                                       : RecordEntry(ctx.web.app(), p, j);
  if (!recorded.ok()) {
    const Status& s = recorded.status();
    if (s.code() == StatusCode::kPermissionDenied || s.code() == StatusCode::kNotFound) return CitizenError(ctx, s);
    std::vector<FieldError> fields = s.field_errors();
    if (fields.empty()) fields.push_back({spec->fields.empty() ? "date" : spec->fields.front().name, s.message()});
    return fail(fields);
  }
  return RedirectTo(ctx, "/borger/" + html::UrlEncode(key) + "?gemt=" + std::string(KindName(*kind)) + "#gemt");
}

}  // namespace tov::web::pages
