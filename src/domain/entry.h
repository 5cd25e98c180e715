// The journal entry: one immutable fact about a citizen, or about a dwelling of the municipal
// allocation (docs/journal-format.md, docs/housing.md).
//
// Every entry has common fields (id, citizen, municipality, kind, date, recorded, by) and a body
// that depends on its kind. The journal is append-only; a correction is a new entry, and `void`
// cancels an earlier one. Pure value types: parsing from and writing to JSON is in entry_json.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/date.h"

namespace tov {

// Enumerations of the journal format. Each has a name table below; the names are the contract.
enum class Kind : uint8_t {
  kRegistered, kHousing, kAssessment, kDecision, kActionPlan, kCourseStarted, kCoursePhase,
  kCourseEnded, kContact, kReleasePlanned, kHousingOffer, kYouthStatus, kMoved, kDied, kNote,
  kVoid,
  // Housing allocation (docs/housing.md): two kinds about a dwelling, four about a citizen.
  kUnitListed, kUnitWithdrawn, kHousingApproved, kHousingApprovalEnded, kDepositLoan, kHousingDebt,
  // The youth model (DESIGN §10, docs/journal-format.md): the team, the background, goals.
  kYouthTeam, kYouthBackground, kYouthGoal,
  // The travel team and implementation (DESIGN §10): two kinds about a municipality.
  kSupportActivity, kImplementationStatus,
  // The follow-up of an alert about a citizen (docs/journal-format.md): acknowledged, assigned, a comment.
  kAlertFollowup,
  // Outreach (DESIGN §10): an anonymous person gives their identity.
  kIdentified,
};
inline constexpr std::array<std::string_view, 29> kKindNames = {
    "registered", "housing", "assessment", "decision", "action_plan", "course_started",
    "course_phase", "course_ended", "contact", "release_planned", "housing_offer",
    "youth_status", "moved", "died", "note", "void",
    "unit_listed", "unit_withdrawn", "housing_approved", "housing_approval_ended", "deposit_loan",
    "housing_debt", "youth_team", "youth_background", "youth_goal", "support_activity",
    "implementation_status", "alert_followup", "identified"};
// The kinds whose subject is a dwelling (`unit`) instead of a citizen; a `void` names either.
inline bool IsDwellingKind(Kind k) { return k == Kind::kUnitListed || k == Kind::kUnitWithdrawn; }
// The kinds whose subject is the entry's municipality: neither a citizen nor a dwelling.
inline bool IsMunicipalityKind(Kind k) {
  return k == Kind::kSupportActivity || k == Kind::kImplementationStatus;
}

// The housing situation (boligsituation); the first seven are the national count's homeless
// categories (HOMELESS_BASE, docs/indicators.md).
enum class Situation : uint8_t {
  kStreet, kNightShelter, kShelter, kHotel, kFriendsFamily, kTransitional, kMakeshift,
  kHospital, kTreatment, kPrison, kOwnHome, kSupportedHousing, kUnknown,
};
inline constexpr std::array<std::string_view, 13> kSituationNames = {
    "street", "night_shelter", "shelter", "hotel", "friends_family", "transitional", "makeshift",
    "hospital", "treatment", "prison", "own_home", "supported_housing", "unknown"};
inline bool IsHomelessBase(Situation s) { return s <= Situation::kMakeshift; }
inline bool IsInstitution(Situation s) {
  return s == Situation::kHospital || s == Situation::kTreatment || s == Situation::kPrison;
}
inline bool IsHoused(Situation s) {
  return s == Situation::kOwnHome || s == Situation::kSupportedHousing;
}

enum class Referral : uint8_t {
  kSelf, kOutreach, kShelter, kHospital, kTreatment, kPrison, kChildWelfare,
  kOtherMunicipality, kOther,
};
inline constexpr std::array<std::string_view, 9> kReferralNames = {
    "self", "outreach", "shelter", "hospital", "treatment", "prison", "child_welfare",
    "other_municipality", "other"};

// The eight life areas of the Danish CTI/ICM manuals, each scored 0 (no need) … 4 (complete need).
enum class LifeArea : uint8_t {
  kHousing, kMentalHealth, kPhysicalHealth, kFinances, kDailyLiving, kNetwork, kSubstanceUse,
  kEducationWork,
};
inline constexpr std::array<std::string_view, 8> kLifeAreaNames = {
    "housing", "mental_health", "physical_health", "finances", "daily_living", "network",
    "substance_use", "education_work"};

enum class OrdinaryServices : uint8_t { kYes, kPartly, kNo };
inline constexpr std::array<std::string_view, 3> kOrdinaryServicesNames = {"yes", "partly", "no"};

// Paragraphs of Serviceloven a decision may concern.
inline constexpr std::array<std::string_view, 8> kParagraphs = {"85",  "85a", "99",  "107",
                                                                "108", "110", "141", "142"};

enum class PlanStatus : uint8_t { kOffered, kAccepted, kDeclined, kRevised };
inline constexpr std::array<std::string_view, 4> kPlanStatusNames = {"offered", "accepted",
                                                                     "declined", "revised"};

// Support methods: the three Housing First methods, the youth model ("Vejen til uddannelse og
// beskæftigelse"), outreach and God løsladelse (release).
enum class Method : uint8_t { kACT, kICM, kCTI, kYouth, kOutreach, kRelease };
inline constexpr std::array<std::string_view, 6> kMethodNames = {"ACT",   "ICM",      "CTI",
                                                                 "youth", "outreach", "release"};

enum class EndReason : uint8_t {
  kCompleted, kGoalsMet, kMovedAway, kDeclined, kNoContact, kDied, kTransferred, kOther,
};
inline constexpr std::array<std::string_view, 8> kEndReasonNames = {
    "completed", "goals_met", "moved_away", "declined", "no_contact", "died", "transferred",
    "other"};

enum class ContactMode : uint8_t { kVisit, kPhone, kMeeting, kEscort, kOutreach };
inline constexpr std::array<std::string_view, 5> kContactModeNames = {"visit", "phone", "meeting",
                                                                      "escort", "outreach"};

enum class ReleaseFrom : uint8_t { kPrison, kHospital, kTreatment };
inline constexpr std::array<std::string_view, 3> kReleaseFromNames = {"prison", "hospital",
                                                                      "treatment"};

enum class OfferStatus : uint8_t { kOffered, kAccepted, kDeclined, kMovedIn };
inline constexpr std::array<std::string_view, 4> kOfferStatusNames = {"offered", "accepted",
                                                                      "declined", "moved_in"};

// The reason a citizen declined an offer (absent: other).
enum class DeclineReason : uint8_t { kLocation, kSize, kRent, kCondition, kNotReady, kNoAnswer, kOther };
inline constexpr std::array<std::string_view, 7> kDeclineReasonNames = {
    "location", "size", "rent", "condition", "not_ready", "no_answer", "other"};

// Kinds of dwelling: almen (public family dwelling), startbolig, ungdomsbolig, akutbolig
// (emergency dwelling), skaev (skæve boliger, for the most burdened), udslusning (a step out of
// a shelter), bofaellesskab (shared housing), privat (private rental).
enum class UnitKind : uint8_t {
  kAlmen, kStartbolig, kUngdomsbolig, kAkutbolig, kSkaev, kUdslusning, kBofaellesskab, kPrivat,
};
inline constexpr std::array<std::string_view, 8> kUnitKindNames = {
    "almen", "startbolig", "ungdomsbolig", "akutbolig", "skaev", "udslusning", "bofaellesskab",
    "privat"};

enum class ApprovalEndReason : uint8_t { kHoused, kWithdrawn, kMovedAway, kDied, kOther };
inline constexpr std::array<std::string_view, 5> kApprovalEndReasonNames = {
    "housed", "withdrawn", "moved_away", "died", "other"};

enum class DebtTo : uint8_t { kHousingAssociation, kUtility, kOther };
inline constexpr std::array<std::string_view, 3> kDebtToNames = {"housing_association", "utility",
                                                                 "other"};

enum class Activity : uint8_t { kEducation, kEmployment, kJobSeeking, kActivation, kNone };
inline constexpr std::array<std::string_view, 5> kActivityNames = {
    "education", "employment", "job_seeking", "activation", "none"};

// The youth model: the roles of the team around a young person, the areas and statuses of goals.
enum class YouthRole : uint8_t {
  kCoordinator, kYoungPerson, kUuGuidance, kJobcentre, kIcmWorker, kChildWelfare, kPsychiatry,
  kAddiction, kHousing, kOther,
};
inline constexpr std::array<std::string_view, 10> kYouthRoleNames = {
    "coordinator", "young_person", "uu_guidance", "jobcentre", "icm_worker", "child_welfare",
    "psychiatry", "addiction", "housing", "other"};

enum class GoalArea : uint8_t { kHousing, kEducation, kEmployment, kFinances, kHealth, kNetwork };
inline constexpr std::array<std::string_view, 6> kGoalAreaNames = {
    "housing", "education", "employment", "finances", "health", "network"};

enum class GoalStatus : uint8_t { kSet, kProgress, kMet, kDropped };
inline constexpr std::array<std::string_view, 4> kGoalStatusNames = {"set", "progress", "met",
                                                                     "dropped"};

// The travel team (Socialstyrelsens rejsehold): its kinds of support to a municipality and their
// topics, and the stages of a municipality's implementation of a method (DESIGN §10).
enum class SupportKind : uint8_t { kOnSite, kNetwork, kPhone, kTraining, kAmbassador };
inline constexpr std::array<std::string_view, 5> kSupportKindNames = {
    "on_site", "network", "phone", "training", "ambassador"};

enum class SupportTopic : uint8_t {
  kHousingFirst, kAct, kIcm, kCti, kYouthModel, kAssessment, kRelease, kOutreach, kDocumentation,
  kHousing,
};
inline constexpr std::array<std::string_view, 10> kSupportTopicNames = {
    "housing_first", "act", "icm", "cti", "youth_model", "assessment", "release", "outreach",
    "documentation", "housing"};

// The methods a municipality implements: Housing First, the three support methods, the youth
// model, Udredning og plan (assessment), God løsladelse (release), outreach.
enum class ImplMethod : uint8_t {
  kHousingFirst, kACT, kICM, kCTI, kYouth, kAssessment, kRelease, kOutreach,
};
inline constexpr std::array<std::string_view, 8> kImplMethodNames = {
    "housing_first", "ACT", "ICM", "CTI", "youth", "assessment", "release", "outreach"};

enum class ImplStage : uint8_t { kPlanned, kStarted, kImplemented, kAnchored };
inline constexpr std::array<std::string_view, 4> kImplStageNames = {"planned", "started",
                                                                    "implemented", "anchored"};

// The alert rules (report/alerts.h, docs/indicators.md) that an alert_followup names.
enum class AlertRule : uint8_t {
  kYouthInShelter, kShelterOver6Months, kStreetSleeper, kReleaseWithoutHousing, kNoActionPlan,
  kCtiOver9Months, kReturnedToHomelessness, kOfferStalled,
};
inline constexpr std::array<std::string_view, 8> kAlertRuleNames = {
    "youth_in_shelter", "shelter_over_6_months", "street_sleeper", "release_without_housing",
    "no_action_plan", "cti_over_9_months", "returned_to_homelessness", "offer_stalled"};

// What a follow-up does: acknowledges the alert (it is being handled), assigns it to a colleague,
// or only comments.
enum class FollowupAction : uint8_t { kAcknowledged, kAssigned, kComment };
inline constexpr std::array<std::string_view, 3> kFollowupActionNames = {"acknowledged", "assigned", "comment"};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, E e) {
  return names[static_cast<size_t>(e)];
}
template <typename E, size_t N>
std::optional<E> ParseName(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}
inline std::string_view KindName(Kind k) { return NameOf(kKindNames, k); }
inline std::string_view SituationName(Situation s) { return NameOf(kSituationNames, s); }
inline std::string_view MethodName(Method m) { return NameOf(kMethodNames, m); }

// ---- Entry bodies, one per kind ----
struct Registered {
  bool operator==(const Registered&) const = default;
  std::optional<std::string> cpr;   // as written (10 digits, optional dash)
  std::optional<Date> birth_date;   // given, or derived from the CPR
  bool birth_date_given = false;    // whether `birth_date` was a field of the entry
  std::optional<std::string> name;
  std::optional<Referral> referred_by;
  // Outreach (DESIGN §10): a person met on the street, registered without CPR number or birth
  // date under an alias, with an optional estimate of their age (whole years on `date`).
  bool anonymous = false;
  std::optional<int> age_estimate;
  std::optional<std::string> alias;  // only (and always) for an anonymous registration
};
struct Housing {
  bool operator==(const Housing&) const = default;
  Situation situation = Situation::kUnknown;
  std::optional<bool> ready_for_housing;
};
struct Assessment {
  bool operator==(const Assessment&) const = default;
  std::array<int8_t, 8> needs{-1, -1, -1, -1, -1, -1, -1, -1};  // -1: area not assessed
  OrdinaryServices uses_ordinary_services = OrdinaryServices::kYes;
  std::optional<bool> transition_only;
  int need(LifeArea a) const { return needs[static_cast<size_t>(a)]; }
};
struct Decision {
  bool operator==(const Decision&) const = default;
  std::string paragraph;
  bool granted = false;
};
struct ActionPlan {  // Handleplan, Serviceloven §141
  bool operator==(const ActionPlan&) const = default;
  PlanStatus status = PlanStatus::kOffered;
};
struct CourseStarted {
  bool operator==(const CourseStarted&) const = default;
  std::string course;
  Method method = Method::kACT;
  std::string worker;
};
struct CoursePhase {
  bool operator==(const CoursePhase&) const = default;
  std::string course;
  int phase = 1;
};
struct CourseEnded {
  bool operator==(const CourseEnded&) const = default;
  std::string course;
  EndReason reason = EndReason::kOther;
};
struct Contact {
  bool operator==(const Contact&) const = default;
  std::string worker;
  ContactMode mode = ContactMode::kVisit;
  int minutes = 0;
  std::optional<bool> night;         // outreach: met at night
  std::optional<std::string> place;  // outreach: where the person was met (free text)
};
struct ReleasePlanned {  // God løsladelse
  bool operator==(const ReleasePlanned&) const = default;
  ReleaseFrom from = ReleaseFrom::kPrison;
  Date expected;
  bool housing_solution = false;
};
struct HousingOffer {
  bool operator==(const HousingOffer&) const = default;
  std::string unit;
  OfferStatus status = OfferStatus::kOffered;
  std::optional<DeclineReason> reason;  // only when declined
};
struct YouthStatus {
  bool operator==(const YouthStatus&) const = default;
  Activity activity = Activity::kNone;
};
struct Moved {
  bool operator==(const Moved&) const = default;
  std::string to;
};
struct Died {
  bool operator==(const Died&) const = default;
};
struct Note {
  bool operator==(const Note&) const = default;
  std::string text;
};
struct Void {
  bool operator==(const Void&) const = default;
  std::string entry;
};
// A dwelling at the municipality's disposal from the entry's date (vacant until let or withdrawn).
// (Fields ordered, and amounts in 32 bits, so that it is no larger than a registration: the
// size of every entry is that of its largest kind.)
struct UnitListed {
  bool operator==(const UnitListed&) const = default;
  UnitKind unit_kind = UnitKind::kAlmen;
  std::optional<bool> accessible, youth_only, quota;  // quota: let under the council's anvisning quota
  int rooms = 1;
  int32_t rent = 0;                // kr per month
  std::optional<int32_t> deposit;  // kr
  std::optional<std::string> area;
  std::optional<std::string> association;  // the housing association
};
struct UnitWithdrawn {
  bool operator==(const UnitWithdrawn&) const = default;
};
// The citizen is approved for municipal allocation (boligvisitation).
struct HousingApproved {
  bool operator==(const HousingApproved&) const = default;
  int rooms_min = 1;
  std::optional<int64_t> max_rent;         // kr per month
  std::optional<std::vector<std::string>> areas;
  std::optional<bool> accessible;
};
struct HousingApprovalEnded {
  bool operator==(const HousingApprovalEnded&) const = default;
  ApprovalEndReason reason = ApprovalEndReason::kOther;
};
struct DepositLoan {  // indskudslån
  bool operator==(const DepositLoan&) const = default;
  int64_t amount = 0;
  bool granted = false;
};
struct HousingDebt {  // a barrier to a lease
  bool operator==(const HousingDebt&) const = default;
  int64_t amount = 0;
  DebtTo to = DebtTo::kOther;
};

// The youth model (DESIGN §10). The latest youth_team is the team.
struct YouthTeamMember {
  bool operator==(const YouthTeamMember&) const = default;
  YouthRole role = YouthRole::kOther;
  std::optional<std::string> name;
};
struct YouthTeam {
  bool operator==(const YouthTeam&) const = default;
  std::vector<YouthTeamMember> members;  // 1 to 30
};
struct YouthBackground {
  bool operator==(const YouthBackground&) const = default;
  bool former_placement = false;  // has been placed in care (anbragt)
  bool family_case = false;       // has been part of a family case
  bool own_family_case = false;   // has a family case of their own
};
struct YouthGoal {
  bool operator==(const YouthGoal&) const = default;
  GoalArea area = GoalArea::kHousing;
  std::string text;
  std::optional<GoalStatus> status;  // absent: set
};

// The travel team's support to the entry's municipality (DESIGN §10). `with`: the other
// municipalities of a network activity (the minutes count for the entry's municipality only).
struct SupportActivity {
  bool operator==(const SupportActivity&) const = default;
  SupportKind activity = SupportKind::kOnSite;
  SupportTopic topic = SupportTopic::kHousingFirst;
  int minutes = 0;
  std::optional<int> participants;
  std::optional<std::vector<std::string>> with;  // municipality codes
};
// The stage of the entry's municipality's implementation of a method, from the entry's date.
struct ImplementationStatus {
  bool operator==(const ImplementationStatus&) const = default;
  ImplMethod method = ImplMethod::kHousingFirst;
  ImplStage stage = ImplStage::kPlanned;
  std::optional<std::string> text;
};

// The follow-up of the citizen's alert under `rule`: `assignee` (a user name) for assigned and
// only then, `text` required for a comment and optional otherwise.
struct AlertFollowup {
  bool operator==(const AlertFollowup&) const = default;
  AlertRule rule = AlertRule::kYouthInShelter;
  FollowupAction action = FollowupAction::kAcknowledged;
  std::optional<std::string> assignee;
  std::optional<std::string> text;
};

// An anonymously registered citizen gives their identity, with consent, from the entry's date
// (DESIGN §10): the same citizen from then on.
struct Identified {
  bool operator==(const Identified&) const = default;
  std::string cpr;                 // as written (10 digits, optional dash)
  Date birth_date;                 // derived from the CPR
  std::optional<std::string> name;
  bool consent = true;             // always true once validated
};

// Alternatives in the order of Kind.
using EntryBody = std::variant<Registered, Housing, Assessment, Decision, ActionPlan, CourseStarted,
                               CoursePhase, CourseEnded, Contact, ReleasePlanned, HousingOffer,
                               YouthStatus, Moved, Died, Note, Void, UnitListed, UnitWithdrawn,
                               HousingApproved, HousingApprovalEnded, DepositLoan, HousingDebt,
                               YouthTeam, YouthBackground, YouthGoal, SupportActivity,
                               ImplementationStatus, AlertFollowup, Identified>;

struct Entry {
  bool operator==(const Entry&) const = default;
  std::string id;
  std::string citizen;        // empty for an entry about a dwelling or a municipality
  std::string unit;           // the dwelling of a unit_listed, unit_withdrawn or a void of one; else empty
  // 3-digit code of the municipality that records the entry; of an entry about a municipality
  // (support_activity, implementation_status, a void of one), the municipality it is about.
  std::string municipality;
  Date date;                 // when the fact holds (valid time)
  Timestamp recorded;        // when it was entered (record time)
  std::string by;            // user or worker id; empty when not given
  int64_t seq = 0;           // position in the journal (1-based); 0 before it is stored
  EntryBody body;

  Kind kind() const { return static_cast<Kind>(body.index()); }
  bool about_dwelling() const { return !unit.empty(); }
  // An entry about its municipality (neither citizen nor dwelling, DESIGN §10).
  bool about_municipality() const { return citizen.empty() && unit.empty(); }
  // The key the entry is about: the citizen's, or the dwelling's (empty for a municipality's).
  const std::string& subject() const { return unit.empty() ? citizen : unit; }
  template <typename T>
  const T* As() const {
    return std::get_if<T>(&body);
  }
};

// The CPR number an entry gives its citizen (a registration's, or an identification's), or
// nullptr. Every rule of one citizen per number, and the store's encryption, go by it.
inline const std::string* GivenCpr(const Entry& e) {
  if (const auto* r = e.As<Registered>()) return r->cpr ? &*r->cpr : nullptr;
  if (const auto* i = e.As<Identified>()) return &i->cpr;
  return nullptr;
}

// Journal order of two entries of one citizen (docs/indicators.md): by date, then recorded, then position.
inline bool CourseOrder(const Entry& a, const Entry& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.recorded != b.recorded) return a.recorded < b.recorded;
  return a.seq < b.seq;
}

}  // namespace tov
