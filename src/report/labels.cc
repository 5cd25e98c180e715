// The label tables. Each journal vocabulary lists its ids in the order of the name arrays of
// domain/entry.h (labels_test.cc checks this), so that forms and charts show them in the journal's
// order.
#include "report/labels.h"

#include <utility>

namespace tov::report {
namespace {

struct LabelRow {
  std::string_view id;
  std::string_view da;
  std::string_view en;
};

struct Table {
  std::string_view name;
  std::vector<LabelRow> rows;   // the journal's values, in order
  std::vector<LabelRow> extra = {};  // codes only the status report uses (no form options)
};

// Where two wordings existed (the pages and the reports), the more precise one was kept: the
// long one, with the paragraph written "§ 110" as Danish legal texts do.
const std::vector<Table>& Tables() {
  static const std::vector<Table> tables = {
      {"kind",
       {{"registered", "Registrering", "Registration"},
        {"housing", "Boligsituation", "Housing situation"},
        {"assessment", "Udredning", "Assessment"},
        {"decision", "Afgørelse", "Decision"},
        {"action_plan", "§ 141-handleplan", "§141 action plan"},
        {"course_started", "Forløb startet", "Course started"},
        {"course_phase", "CTI-fase", "CTI phase"},
        {"course_ended", "Forløb afsluttet", "Course ended"},
        {"contact", "Kontakt", "Contact"},
        {"release_planned", "Planlagt løsladelse/udskrivning", "Planned release/discharge"},
        {"housing_offer", "Boligtilbud", "Housing offer"},
        {"youth_status", "Uddannelse og beskæftigelse (unge)", "Education and work (youth)"},
        {"moved", "Flytning til anden kommune", "Move to another municipality"},
        {"died", "Dødsfald", "Death"},
        {"note", "Notat", "Note"},
        {"void", "Annullering af en post", "Void an entry"},
        {"unit_listed", "Bolig stillet til rådighed", "Dwelling listed"},
        {"unit_withdrawn", "Bolig trukket tilbage", "Dwelling withdrawn"},
        {"housing_approved", "Godkendt til boliganvisning", "Approved for allocation"},
        {"housing_approval_ended", "Godkendelse til boliganvisning ophørt", "Approval for allocation ended"},
        {"deposit_loan", "Indskudslån", "Deposit loan"},
        {"housing_debt", "Gæld (boligselskab, forsyning)", "Debt (housing association, utility)"},
        {"youth_team", "Teamet omkring den unge", "The team around the young person"},
        {"youth_background", "Baggrund (unge)", "Background (youth)"},
        {"youth_goal", "Mål (unge)", "Goal (youth)"},
        {"support_activity", "Rejseholdets støtte", "Support from the travel team"},
        {"implementation_status", "Implementeringsstatus", "Implementation status"},
        {"alert_followup", "Opfølgning på en advarsel", "Follow-up of an alert"},
        {"identified", "Identificeret", "Identified"}}},
      // The alert rules' names at the default thresholds (Thresholds in report/alerts.h); the
      // pages put a municipality's own thresholds in the same words (web/html.h, AlertLabel).
      {"alert_rule",
       {{"youth_in_shelter", "Ung under 30 år på herberg", "Young person under 30 in a shelter"},
        {"shelter_over_6_months", "Over 6 måneder på herberg og klar til bolig", "Over 6 months in a shelter and ready to move"},
        {"street_sleeper", "Gadesover", "Street sleeper"},
        {"release_without_housing", "Løsladelse/udskrivning inden for 30 dage uden boligløsning", "Release/discharge within 30 days without housing"},
        {"no_action_plan", "Ingen § 141-handleplan tilbudt efter 30 dage", "No §141 action plan offered after 30 days"},
        {"cti_over_9_months", "CTI-forløb over 9 måneder", "CTI course over 9 months"},
        {"returned_to_homelessness", "Hjemløs igen inden for et år efter indflytning", "Homeless again within a year of moving in"},
        {"offer_stalled", "Boligtilbud uden svar i over 14 dage", "Housing offer unanswered for over 14 days"}}},
      {"followup_action",
       {{"acknowledged", "Kvitteret: følges op", "Acknowledged: being followed up"},
        {"assigned", "Tildelt en kollega", "Assigned to a colleague"},
        {"comment", "Kommentar", "Comment"}}},
      {"situation",
       {{"street", "På gaden (gadesover)", "Street (rough sleeping)"},
        {"night_shelter", "Natvarmestue / nødovernatning", "Night shelter"},
        {"shelter", "Herberg / forsorgshjem (§ 110)", "Shelter (§110)"},
        {"hotel", "Hotel eller vandrehjem", "Hotel or hostel"},
        {"friends_family", "Midlertidigt hos familie eller venner", "Temporarily with family or friends"},
        {"transitional", "Udslusningsbolig", "Transitional housing"},
        {"makeshift", "Kolonihavehus, campingvogn o.l.", "Makeshift (hut, caravan)"},
        {"hospital", "Hospital", "Hospital"},
        {"treatment", "Behandlingstilbud", "Treatment"},
        {"prison", "Fængsel", "Prison"},
        {"own_home", "Egen bolig", "Own home"},
        {"supported_housing", "Botilbud", "Supported housing"},
        {"unknown", "Ukendt", "Unknown"}}},
      {"referral",
       {{"self", "Egen henvendelse", "Self"},
        {"outreach", "Opsøgende arbejde", "Outreach"},
        {"shelter", "Herberg / forsorgshjem", "Shelter"},
        {"hospital", "Hospital", "Hospital"},
        {"treatment", "Behandlingstilbud", "Treatment"},
        {"prison", "Kriminalforsorgen", "Prison service"},
        {"child_welfare", "Børne- og ungeområdet", "Child welfare"},
        {"other_municipality", "Anden kommune", "Other municipality"},
        {"other", "Andet", "Other"}},
       {{"unknown", "Ukendt", "Unknown"}}},
      {"method",
       {{"ACT", "ACT", "ACT"},
        {"ICM", "ICM", "ICM"},
        {"CTI", "CTI", "CTI"},
        {"youth", "Ungemodel (Vejen til uddannelse og beskæftigelse)", "Youth model (path to education and work)"},
        {"outreach", "Opsøgende arbejde", "Outreach"},
        {"release", "God løsladelse", "Good release"}},
       {{"other", "Anden indsats", "Other support"}, {"none", "Ingen indsats", "No support"}}},
      {"life_area",
       {{"housing", "Bolig", "Housing"},
        {"mental_health", "Psykisk helbred", "Mental health"},
        {"physical_health", "Fysisk helbred", "Physical health"},
        {"finances", "Økonomi", "Finances"},
        {"daily_living", "Praktiske færdigheder i hverdagen", "Daily living"},
        {"network", "Socialt netværk", "Social network"},
        {"substance_use", "Rusmidler", "Substance use"},
        {"education_work", "Uddannelse og beskæftigelse", "Education and work"}}},
      {"ordinary",
       {{"yes", "Ja", "Yes"}, {"partly", "Delvist", "Partly"}, {"no", "Nej", "No"}}},
      {"plan",
       {{"offered", "Tilbudt", "Offered"},
        {"accepted", "Accepteret", "Accepted"},
        {"declined", "Afslået", "Declined"},
        {"revised", "Revideret", "Revised"}}},
      {"end_reason",
       {{"completed", "Gennemført", "Completed"},
        {"goals_met", "Mål nået", "Goals met"},
        {"moved_away", "Fraflyttet", "Moved away"},
        {"declined", "Borgeren takkede nej", "Declined"},
        {"no_contact", "Ingen kontakt", "No contact"},
        {"died", "Død", "Died"},
        {"transferred", "Overdraget", "Transferred"},
        {"other", "Andet", "Other"}}},
      {"mode",
       {{"visit", "Hjemmebesøg", "Home visit"},
        {"phone", "Telefon", "Phone"},
        {"meeting", "Møde", "Meeting"},
        {"escort", "Ledsagelse", "Escort"},
        {"outreach", "Opsøgende kontakt", "Outreach"}}},
      {"release_from",
       {{"prison", "Fængsel", "Prison"},
        {"hospital", "Hospital", "Hospital"},
        {"treatment", "Behandlingstilbud", "Treatment"}}},
      {"offer",
       {{"offered", "Tilbudt", "Offered"},
        {"accepted", "Accepteret", "Accepted"},
        {"declined", "Afslået", "Declined"},
        {"moved_in", "Flyttet ind", "Moved in"}}},
      {"decline_reason",
       {{"location", "Beliggenhed", "Location"},
        {"size", "Størrelse", "Size"},
        {"rent", "Husleje", "Rent"},
        {"condition", "Boligens stand", "Condition"},
        {"not_ready", "Ikke klar til at flytte", "Not ready to move"},
        {"no_answer", "Intet svar", "No answer"},
        {"other", "Andet", "Other"}}},
      {"unit_kind",
       {{"almen", "Almen familiebolig", "Public family dwelling"},
        {"startbolig", "Startbolig", "Starter dwelling"},
        {"ungdomsbolig", "Ungdomsbolig", "Youth dwelling"},
        {"akutbolig", "Akutbolig", "Emergency dwelling"},
        {"skaev", "Skæv bolig", "Skæv bolig (for the most burdened)"},
        {"udslusning", "Udslusningsbolig", "Transitional dwelling"},
        {"bofaellesskab", "Bofællesskab", "Shared housing"},
        {"privat", "Privat udlejning", "Private rental"}}},
      {"approval_end",
       {{"housed", "Har fået bolig", "Housed"},
        {"withdrawn", "Trukket tilbage", "Withdrawn"},
        {"moved_away", "Fraflyttet kommunen", "Moved away"},
        {"died", "Død", "Died"},
        {"other", "Andet", "Other"}}},
      {"debt_to",
       {{"housing_association", "Boligselskab", "Housing association"},
        {"utility", "Forsyning (el, vand, varme)", "Utility"},
        {"other", "Andet", "Other"}}},
      {"ineligible",
       {{"too_few_rooms", "For få værelser", "Too few rooms"},
        {"rent_too_high", "Huslejen er over borgerens grænse", "Rent above the citizen's limit"},
        {"not_accessible", "Ikke handicapvenlig", "Not accessible"},
        {"other_area", "Uden for borgerens ønskede områder", "Outside the citizen's areas"},
        {"youth_only", "Kun for unge under 30", "For young people under 30 only"},
        {"offer_open", "Har allerede et åbent tilbud", "Already holds an open offer"},
        {"declined_before", "Har før takket nej til boligen", "Declined this dwelling before"}}},
      {"activity",
       {{"education", "I uddannelse", "In education"},
        {"employment", "I beskæftigelse", "Employed"},
        {"job_seeking", "Jobsøgende", "Job seeking"},
        {"activation", "I aktivering", "In activation"},
        {"none", "Ingen aktivitet", "No activity"}}},
      {"youth_role",
       {{"coordinator", "Koordinator", "Coordinator"},
        {"young_person", "Den unge", "The young person"},
        {"uu_guidance", "UU-vejleder", "UU guidance counsellor"},
        {"jobcentre", "Jobcenter", "Jobcentre"},
        {"icm_worker", "ICM-medarbejder", "ICM worker"},
        {"child_welfare", "Børne- og ungerådgiver", "Child welfare"},
        {"psychiatry", "Psykiatri", "Psychiatry"},
        {"addiction", "Misbrugsbehandling", "Addiction treatment"},
        {"housing", "Bolig", "Housing"},
        {"other", "Andet", "Other"}}},
      {"goal_area",
       {{"housing", "Bolig", "Housing"},
        {"education", "Uddannelse", "Education"},
        {"employment", "Beskæftigelse", "Employment"},
        {"finances", "Økonomi", "Finances"},
        {"health", "Helbred", "Health"},
        {"network", "Netværk", "Network"}}},
      {"support_kind",
       {{"on_site", "Implementeringsstøtte i kommunen", "Implementation support on site"},
        {"network", "Netværk på tværs af kommuner", "Network across municipalities"},
        {"phone", "Telefonrådgivning", "Phone counselling"},
        {"training", "Kompetenceudvikling", "Competence development"},
        {"ambassador", "Ambassadørkommune", "Ambassador municipality"}}},
      {"support_topic",
       {{"housing_first", "Housing First", "Housing First"},
        {"act", "ACT", "ACT"},
        {"icm", "ICM", "ICM"},
        {"cti", "CTI", "CTI"},
        {"youth_model", "Samarbejdsmodellen (unge)", "The youth model"},
        {"assessment", "Udredning og plan", "Assessment and plan"},
        {"release", "God løsladelse", "Good release"},
        {"outreach", "Opsøgende arbejde", "Outreach"},
        {"documentation", "Dokumentation", "Documentation"},
        {"housing", "Boliger", "Housing"}}},
      {"impl_method",
       {{"housing_first", "Housing First", "Housing First"},
        {"ACT", "ACT", "ACT"},
        {"ICM", "ICM", "ICM"},
        {"CTI", "CTI", "CTI"},
        {"youth", "Samarbejdsmodellen (unge)", "The youth model"},
        {"assessment", "Udredning og plan", "Assessment and plan"},
        {"release", "God løsladelse", "Good release"},
        {"outreach", "Opsøgende og kontaktskabende arbejde", "Outreach and contact work"}}},
      {"impl_stage",
       {{"planned", "Planlagt", "Planned"},
        {"started", "Igangsat", "Started"},
        {"implemented", "Implementeret", "Implemented"},
        {"anchored", "Forankret", "Anchored"}}},
      {"goal_status",
       {{"set", "Sat", "Set"},
        {"progress", "I gang", "In progress"},
        {"met", "Nået", "Met"},
        {"dropped", "Opgivet", "Dropped"}}},
      {"paragraph",
       {{"85", "§ 85 socialpædagogisk støtte", "§85 social-pedagogical support"},
        {"85a", "§ 85 a Housing First-støtte", "§85a Housing First support"},
        {"99", "§ 99 opsøgende arbejde", "§99 outreach"},
        {"107", "§ 107 midlertidigt botilbud", "§107 temporary supported housing"},
        {"108", "§ 108 længerevarende botilbud", "§108 long-term supported housing"},
        {"110", "§ 110 herberg / forsorgshjem", "§110 shelter"},
        {"141", "§ 141 handleplan", "§141 action plan"},
        {"142", "§ 142 plan under ophold på § 110", "§142 plan during a §110 stay"}}},
      {"need_level",
       {{"0", "0 – intet støttebehov", "0 – no need of support"},
        {"1", "1 – let støttebehov", "1 – slight need"},
        {"2", "2 – moderat støttebehov", "2 – moderate need"},
        {"3", "3 – omfattende støttebehov", "3 – extensive need"},
        {"4", "4 – fuldstændigt støttebehov", "4 – complete need of support"}}},
      // The glossary's phrases (docs/glossary.md). The user roles of docs/security.md, and the
      // command line's "operator": one name per role wherever a role is shown.
      {"role",
       {{"worker", "Bostøttemedarbejder", "Support worker"},
        {"caseworker", "Myndighedssagsbehandler", "Caseworker"},
        {"leader", "Leder", "Leader"},
        {"housing", "Boliganviser", "Housing allocation officer"},
        {"national", "Rejsehold, Social- og Boligstyrelsen", "Travel team, Social- og Boligstyrelsen"},
        {"admin", "Administrator", "Administrator"}},
       {{"operator", "Driftsansvarlig (kommandolinje)", "Operator (command line)"}}},
      // The button that records an entry of a kind: a whole phrase per kind, never "Gem" glued
      // to the kind's noun.
      {"kind_save",
       {{"registered", "Registrér borgeren", "Register the citizen"},
        {"housing", "Gem boligsituationen", "Save the housing situation"},
        {"assessment", "Gem udredningen", "Save the assessment"},
        {"decision", "Gem afgørelsen", "Save the decision"},
        {"action_plan", "Gem handleplanen", "Save the action plan"},
        {"course_started", "Start forløbet", "Start the course"},
        {"course_phase", "Skift CTI-fase", "Change the CTI phase"},
        {"course_ended", "Afslut forløbet", "End the course"},
        {"contact", "Gem kontakten", "Save the contact"},
        {"release_planned", "Gem planen for løsladelsen", "Save the release plan"},
        {"housing_offer", "Gem boligtilbuddet", "Save the housing offer"},
        {"youth_status", "Gem uddannelse og beskæftigelse", "Save education and work"},
        {"moved", "Registrér flytningen", "Record the move"},
        {"died", "Registrér dødsfaldet", "Record the death"},
        {"note", "Gem notatet", "Save the note"},
        {"void", "Annullér posten", "Void the entry"},
        {"unit_listed", "Stil boligen til rådighed", "List the dwelling"},
        {"unit_withdrawn", "Træk boligen tilbage", "Withdraw the dwelling"},
        {"housing_approved", "Godkend til boliganvisning", "Approve for allocation"},
        {"housing_approval_ended", "Afslut godkendelsen", "End the approval"},
        {"deposit_loan", "Gem indskudslånet", "Save the deposit loan"},
        {"housing_debt", "Gem gælden", "Save the debt"},
        {"youth_team", "Gem teamet", "Save the team"},
        {"youth_background", "Gem baggrunden", "Save the background"},
        {"youth_goal", "Gem målet", "Save the goal"},
        {"support_activity", "Gem støtten", "Save the support"},
        {"implementation_status", "Gem implementeringsstatus", "Save the implementation status"},
        {"alert_followup", "Gem opfølgningen", "Save the follow-up"},
        {"identified", "Registrér identiteten", "Record the identity"}}},
      // The banner after a kind's entry is recorded: a whole sentence per kind.
      {"kind_saved",
       {{"registered", "Borgeren er registreret.", "The citizen is registered."},
        {"housing", "Boligsituationen er gemt.", "The housing situation is saved."},
        {"assessment", "Udredningen er gemt.", "The assessment is saved."},
        {"decision", "Afgørelsen er gemt.", "The decision is saved."},
        {"action_plan", "Handleplanen er gemt.", "The action plan is saved."},
        {"course_started", "Forløbet er startet.", "The course is started."},
        {"course_phase", "CTI-fasen er skiftet.", "The CTI phase is changed."},
        {"course_ended", "Forløbet er afsluttet.", "The course is ended."},
        {"contact", "Kontakten er gemt.", "The contact is saved."},
        {"release_planned", "Planen for løsladelsen eller udskrivningen er gemt.", "The release plan is saved."},
        {"housing_offer", "Boligtilbuddet er gemt.", "The housing offer is saved."},
        {"youth_status", "Uddannelse og beskæftigelse er gemt.", "Education and work is saved."},
        {"moved", "Flytningen er registreret.", "The move is recorded."},
        {"died", "Dødsfaldet er registreret.", "The death is recorded."},
        {"note", "Notatet er gemt.", "The note is saved."},
        {"void", "Posten er annulleret.", "The entry is voided."},
        {"unit_listed", "Boligen er stillet til rådighed.", "The dwelling is listed."},
        {"unit_withdrawn", "Boligen er trukket tilbage.", "The dwelling is withdrawn."},
        {"housing_approved", "Borgeren er godkendt til boliganvisning.", "The citizen is approved for allocation."},
        {"housing_approval_ended", "Godkendelsen til boliganvisning er ophørt.", "The approval for allocation has ended."},
        {"deposit_loan", "Indskudslånet er gemt.", "The deposit loan is saved."},
        {"housing_debt", "Gælden er gemt.", "The debt is saved."},
        {"youth_team", "Teamet omkring den unge er gemt.", "The team around the young person is saved."},
        {"youth_background", "Baggrunden er gemt.", "The background is saved."},
        {"youth_goal", "Målet er gemt.", "The goal is saved."},
        {"support_activity", "Rejseholdets støtte er gemt.", "The travel team's support is saved."},
        {"implementation_status", "Implementeringsstatus er gemt.", "The implementation status is saved."},
        {"alert_followup", "Opfølgningen er registreret.", "The follow-up is recorded."},
        {"identified", "Borgeren er identificeret.", "The citizen is identified."}}},
      // What an alert's `since` date (docs/indicators.md) is for its rule, said before the date:
      // the start of the stay for one rule, the first day over the limit for another.
      {"alert_since",
       {{"youth_in_shelter", "på herberg siden", "in a shelter since"},
        {"shelter_over_6_months", "over grænsen siden", "over the limit since"},
        {"street_sleeper", "på gaden siden", "on the street since"},
        {"release_without_housing", "planen for løsladelsen er fra", "release plan dated"},
        {"no_action_plan", "uden handleplan siden", "without an action plan since"},
        {"cti_over_9_months", "over tiden siden", "over time since"},
        {"returned_to_homelessness", "hjemløs igen siden", "homeless again since"},
        {"offer_stalled", "uden svar siden", "unanswered since"}}},
      {"age_band",
       {{"<18", "Under 18", "Under 18"},
        {"18-24", "18–24", "18–24"},
        {"25-29", "25–29", "25–29"},
        {"30-39", "30–39", "30–39"},
        {"40-49", "40–49", "40–49"},
        {"50-59", "50–59", "50–59"},
        {"60+", "60+", "60+"}}},
  };
  return tables;
}

const Table* FindTable(std::string_view name) {
  for (const Table& t : Tables())
    if (t.name == name) return &t;
  return nullptr;
}

const LabelRow* FindRow(std::string_view table, std::string_view id) {
  const Table* t = FindTable(table);
  if (!t) return nullptr;
  for (const auto* rows : {&t->rows, &t->extra})
    for (const LabelRow& r : *rows)
      if (r.id == id) return &r;
  return nullptr;
}

struct Indicator {
  const char* id;
  const char* name_da;
  const char* definition_da;
};

const Indicator kIndicators[] = {
    {"homeless", "Hjemløse borgere",
     "Borgere, der på datoen er i en hjemløs situation: gade, natvarmestue, herberg (§110), "
     "hotel, hos venner/familie, midlertidigt ophold eller nødløsning — eller som "
     "løslades/udskrives inden for 30 dage uden en boligløsning."},
    {"homeless_under_25_share", "Andel hjemløse under 25 år",
     "Andelen af de hjemløse borgere, der er under 25 år på datoen."},
    {"street_sleepers", "Gadesovere",
     "Borgere, der på datoen bor på gaden. Målet er, at ingen borger bor på gaden."},
    {"youth_in_shelter", "Unge under 30 år på herberg",
     "Borgere under 30 år, der på datoen bor på herberg (§110). Målet er, at unge slet ikke "
     "bor på herberg."},
    {"shelter_over_6_months", "Over 6 måneder på herberg (klar til bolig)",
     "Borgere, der er klar til at flytte i egen bolig med støtte, og som på datoen har boet på "
     "herberg i mere end 6 måneder i træk. Målet er højst 6 måneder."},
    {"shelter_over_6_months_all", "Over 6 måneder på herberg (alle)",
     "Borgere, der på datoen har boet på herberg i mere end 6 måneder i træk, uanset om de er "
     "klar til at flytte."},
    {"action_plan_offered", "Tilbudt handleplan (§141)",
     "Andelen af de hjemløse borgere, der senest på datoen er tilbudt en handleplan efter "
     "servicelovens §141. Målet er, at alle i målgruppen får tilbuddet."},
    {"support_coverage", "Hjemløse med en indsats",
     "Andelen af de hjemløse borgere, der på datoen er i et åbent forløb: ACT, ICM, CTI, "
     "ungemodellen, opsøgende arbejde eller god løsladelse."},
    {"release_without_housing", "Løsladelse/udskrivning uden bolig",
     "Borgere i fængsel, på hospital eller i behandling, som efter den seneste plan løslades "
     "eller udskrives inden for 30 dage uden en boligløsning. Målet er, at det aldrig sker."},
    {"cti_over_9_months", "CTI-forløb over 9 måneder",
     "CTI-forløb, der er åbne på datoen og startede for mere end 9 måneder siden. CTI er en "
     "tidsafgrænset indsats på 9 måneder."},
    {"housing_retention_12m", "Fastholdt bolig i 12 måneder",
     "Af borgerne, der flyttede ind i egen bolig fra en hjemløs situation eller en institution "
     "for mindst 12 måneder siden: andelen, der ikke har været hjemløse en eneste dag i de 12 "
     "måneder efter indflytningen. Borgere, der døde inden for de 12 måneder, tælles ikke med. "
     "Fordelt på den indsats, borgeren havde ved indflytningen. Målet er, at 9 ud af 10 "
     "beholder deres bolig."},
    {"days_to_housing_median", "Dage til egen bolig (median)",
     "For borgere, der flyttede ind i deres første egen bolig i de seneste 12 måneder: "
     "medianen af antal dage fra registreringen til indflytningen."},
    {"new_citizens_12m", "Nye borgere de seneste 12 måneder",
     "Borgere, der er registreret i de seneste 12 måneder, fordelt på hvem der henviste dem."},
    {"caseload", "Sagsstamme pr. medarbejder",
     "For hver medarbejder: antal åbne forløb på datoen fordelt på metode, og antal kontakter "
     "med borgere de seneste 30 dage."},
    {"housing_waiting", "På ventelisten til en bolig",
     "Borgere, der på datoen er godkendt til kommunal boliganvisning og venter på en bolig."},
    {"housing_wait_days_median", "Ventetid til bolig (median, dage)",
     "For indflytninger i de seneste 12 måneder: medianen af antal dage fra godkendelsen til "
     "boliganvisning til indflytningen."},
    {"units_vacant", "Ledige boliger",
     "Boliger, som kommunen har til rådighed, og som er ledige på datoen, fordelt på boligtype."},
    {"vacant_unit_days_12m", "Tomgangsdage de seneste 12 måneder",
     "Summen over boligerne af de dage i de seneste 12 måneder, hvor de stod ledige."},
    {"offers_declined_12m", "Afslåede boligtilbud de seneste 12 måneder",
     "Boligtilbud, som borgeren takkede nej til i de seneste 12 måneder, fordelt på grund."},
    {"quota_moved_in_12m", "Indflytninger via anvisningskvoten (12 måneder)",
     "Indflytninger i de seneste 12 måneder i boliger, der blev anvist under kommunalbestyrelsens "
     "kvote (op til hver 4. ledige almene familiebolig)."},
};

const Indicator* FindIndicator(const std::string& id) {
  for (const Indicator& i : kIndicators)
    if (id == i.id) return &i;
  return nullptr;
}

}  // namespace

std::vector<std::string> LabelIds(std::string_view table) {
  std::vector<std::string> out;
  if (const Table* t = FindTable(table))
    for (const LabelRow& r : t->rows) out.emplace_back(r.id);
  return out;
}

std::string LabelDa(std::string_view table, std::string_view id) {
  const LabelRow* r = FindRow(table, id);
  return std::string(r ? r->da : id);
}

std::string LabelEn(std::string_view table, std::string_view id) {
  const LabelRow* r = FindRow(table, id);
  return std::string(r ? r->en : id);
}

std::string IndicatorNameDa(const std::string& id) {
  const Indicator* i = FindIndicator(id);
  return i ? i->name_da : id;
}

std::string IndicatorDefinitionDa(const std::string& id) {
  const Indicator* i = FindIndicator(id);
  return i ? i->definition_da : "";
}

std::string AlertRuleNameDa(const std::string& rule) { return LabelDa("alert_rule", rule); }

}  // namespace tov::report
