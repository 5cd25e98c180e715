// Synthetic demo journal: simulates each citizen's course through homelessness (docs/design.md, the strategy) and
// writes it as journal entries (docs/journal-format.md), then merges all citizens by record time.
//
// Shape of the generator: the citizens' registration days are drawn and sorted first, so that
// citizen keys number in registration order; then each citizen is simulated on their own (own
// PRNG stream) into a small list of events, which are ordered by day and given record times;
// all citizens' entries are kept as compact 32-byte structs, sorted by (recorded, generation
// order) and only then turned into JSON one at a time for the sink.
#include "demo/demo.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <string_view>
#include <unordered_set>

#include "domain/date.h"
#include "domain/entry.h"
#include "domain/municipality.h"

namespace tov::demo {
namespace {

constexpr int32_t kNever = INT32_MAX / 2;  // "no such day": an open course, no move, no death

// ---------------------------------------------------------------------------------------------
// Determinism: our own PRNG (splitmix64) and integer arithmetic only. No std::random_device, no
// std::*_distribution (their output differs across standard libraries) and no floating point
// transcendental functions (libm results may differ in the last bit across versions).

uint64_t Mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (inclusive); the modulo bias is negligible for 64-bit draws.
  int Uniform(int lo, int hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int per_mille) { return Uniform(0, 999) < per_mille; }
  // Index drawn with the given integer weights.
  int Pick(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = Uniform(0, total - 1);
    int i = 0;
    for (int w : weights) {
      if (r < w) return i;
      r -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  uint64_t state_;
};

// A duration drawn from a piecewise-uniform table (weights per range of days).
struct Bucket {
  int lo, hi, weight;
};
template <size_t N>
int Draw(Rng& rng, const std::array<Bucket, N>& buckets) {
  int total = 0;
  for (const Bucket& b : buckets) total += b.weight;
  int r = rng.Uniform(0, total - 1);
  for (const Bucket& b : buckets) {
    if (r < b.weight) return rng.Uniform(b.lo, b.hi);
    r -= b.weight;
  }
  return buckets.back().hi;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: the journal's own (domain/entry.h). The simulation keeps plain enums as indices
// into the domain's name tables, because it does arithmetic on them and packs them into the
// 32-byte Entry below; the static_asserts tie each index to its name. Kinds are tov::Kind.

enum Situation : uint8_t {
  kStreet,
  kNightShelter,
  kShelter,
  kHotel,
  kFriendsFamily,
  kTransitional,
  kMakeshift,
  kHospital,
  kTreatment,
  kPrison,
  kOwnHome,
  kSupportedHousing,
  kUnknown
};
static_assert(kSituationNames.size() == kUnknown + 1 && kSituationNames[kStreet] == "street" &&
              kSituationNames[kNightShelter] == "night_shelter" &&
              kSituationNames[kShelter] == "shelter" && kSituationNames[kHotel] == "hotel" &&
              kSituationNames[kFriendsFamily] == "friends_family" &&
              kSituationNames[kTransitional] == "transitional" &&
              kSituationNames[kMakeshift] == "makeshift" &&
              kSituationNames[kHospital] == "hospital" &&
              kSituationNames[kTreatment] == "treatment" && kSituationNames[kPrison] == "prison" &&
              kSituationNames[kOwnHome] == "own_home" &&
              kSituationNames[kSupportedHousing] == "supported_housing" &&
              kSituationNames[kUnknown] == "unknown");
bool IsHomelessBase(int s) { return tov::IsHomelessBase(static_cast<tov::Situation>(s)); }
bool IsInstitution(int s) { return tov::IsInstitution(static_cast<tov::Situation>(s)); }

enum Referral : uint8_t {
  kRefSelf,
  kRefOutreach,
  kRefShelter,
  kRefHospital,
  kRefTreatment,
  kRefPrison,
  kRefChildWelfare,
  kRefOtherMunicipality,
  kRefOther
};
static_assert(kReferralNames.size() == kRefOther + 1 && kReferralNames[kRefSelf] == "self" &&
              kReferralNames[kRefOutreach] == "outreach" &&
              kReferralNames[kRefShelter] == "shelter" &&
              kReferralNames[kRefHospital] == "hospital" &&
              kReferralNames[kRefTreatment] == "treatment" &&
              kReferralNames[kRefPrison] == "prison" &&
              kReferralNames[kRefChildWelfare] == "child_welfare" &&
              kReferralNames[kRefOtherMunicipality] == "other_municipality" &&
              kReferralNames[kRefOther] == "other");

// The eight life areas of the CTI/ICM manuals; uses_ordinary_services is an index into
// kOrdinaryServicesNames ("yes", "partly", "no").
enum Area { kAHousing, kAMental, kAPhysical, kAFinances, kADaily, kANetwork, kASubstance, kAEdu };
static_assert(kLifeAreaNames.size() == kAEdu + 1 && kLifeAreaNames[kAHousing] == "housing" &&
              kLifeAreaNames[kAMental] == "mental_health" &&
              kLifeAreaNames[kAPhysical] == "physical_health" &&
              kLifeAreaNames[kAFinances] == "finances" &&
              kLifeAreaNames[kADaily] == "daily_living" && kLifeAreaNames[kANetwork] == "network" &&
              kLifeAreaNames[kASubstance] == "substance_use" &&
              kLifeAreaNames[kAEdu] == "education_work");
static_assert(kOrdinaryServicesNames[0] == "yes" && kOrdinaryServicesNames[1] == "partly" &&
              kOrdinaryServicesNames[2] == "no");

enum Paragraph { kP85, kP85a, kP99, kP107, kP108, kP110, kP141, kP142 };
static_assert(kParagraphs.size() == kP142 + 1 && kParagraphs[kP85] == "85" &&
              kParagraphs[kP85a] == "85a" && kParagraphs[kP99] == "99" &&
              kParagraphs[kP107] == "107" && kParagraphs[kP108] == "108" &&
              kParagraphs[kP110] == "110" && kParagraphs[kP141] == "141" &&
              kParagraphs[kP142] == "142");

enum PlanStatus { kPlanOffered, kPlanAccepted, kPlanDeclined, kPlanRevised };
static_assert(kPlanStatusNames.size() == kPlanRevised + 1 &&
              kPlanStatusNames[kPlanOffered] == "offered" &&
              kPlanStatusNames[kPlanAccepted] == "accepted" &&
              kPlanStatusNames[kPlanDeclined] == "declined" &&
              kPlanStatusNames[kPlanRevised] == "revised");

enum Method : uint8_t { kACT, kICM, kCTI, kYouth, kOutreach, kRelease };
static_assert(kMethodNames.size() == kRelease + 1 && kMethodNames[kACT] == "ACT" &&
              kMethodNames[kICM] == "ICM" && kMethodNames[kCTI] == "CTI" &&
              kMethodNames[kYouth] == "youth" && kMethodNames[kOutreach] == "outreach" &&
              kMethodNames[kRelease] == "release");

enum Reason : uint8_t {
  kCompleted,
  kGoalsMet,
  kMovedAway,
  kDeclined,
  kNoContact,
  kDied,
  kTransferred,
  kOtherReason
};
static_assert(kEndReasonNames.size() == kOtherReason + 1 &&
              kEndReasonNames[kCompleted] == "completed" &&
              kEndReasonNames[kGoalsMet] == "goals_met" &&
              kEndReasonNames[kMovedAway] == "moved_away" &&
              kEndReasonNames[kDeclined] == "declined" &&
              kEndReasonNames[kNoContact] == "no_contact" && kEndReasonNames[kDied] == "died" &&
              kEndReasonNames[kTransferred] == "transferred" &&
              kEndReasonNames[kOtherReason] == "other");

enum Mode { kVisit, kPhone, kMeeting, kEscort, kOutreachMode };
static_assert(kContactModeNames.size() == kOutreachMode + 1 &&
              kContactModeNames[kVisit] == "visit" && kContactModeNames[kPhone] == "phone" &&
              kContactModeNames[kMeeting] == "meeting" && kContactModeNames[kEscort] == "escort" &&
              kContactModeNames[kOutreachMode] == "outreach");

enum OfferStatus { kOffered, kAccepted, kOfferDeclined, kMovedIn };
static_assert(kOfferStatusNames.size() == kMovedIn + 1 &&
              kOfferStatusNames[kOffered] == "offered" &&
              kOfferStatusNames[kAccepted] == "accepted" &&
              kOfferStatusNames[kOfferDeclined] == "declined" &&
              kOfferStatusNames[kMovedIn] == "moved_in");

// The housing allocation (docs/housing.md): kinds of dwelling, why an approval ends, who a debt
// is owed to, why an offer is declined (stored + 1, 0 for none).
enum UnitKindIndex { kAlmen, kStartbolig, kUngdomsbolig, kAkutbolig, kSkaev, kUdslusning, kBofaellesskab, kPrivat };
static_assert(kUnitKindNames.size() == kPrivat + 1 && kUnitKindNames[kAlmen] == "almen" &&
              kUnitKindNames[kUngdomsbolig] == "ungdomsbolig" && kUnitKindNames[kSkaev] == "skaev" &&
              kUnitKindNames[kPrivat] == "privat");
enum ApprovalEndIndex { kApprovalHoused, kApprovalWithdrawn };
static_assert(kApprovalEndReasonNames[kApprovalHoused] == "housed" &&
              kApprovalEndReasonNames[kApprovalWithdrawn] == "withdrawn");
static_assert(kDebtToNames[0] == "housing_association" && kDeclineReasonNames[0] == "location");

// The areas of every municipality (bydele) and some housing associations.
constexpr int kAreas = 5;
constexpr const char* kAreaNames[kAreas] = {"Centrum", "Nord", "Syd", "Øst", "Vest"};
constexpr const char* kAssociations[] = {"KAB", "DAB", "Lejerbo", "Boligkontoret Danmark", "AAB", "fsb"};

// Monthly rents like a Danish municipality's (kr, whole 50s): almen 4,500–7,500 for 1–3 rooms,
// start and youth dwellings 3,000–4,500, skæve boliger 3,000–4,000, private rentals dearer.
int UnitRent(Rng& rng, int kind, int rooms) {
  switch (kind) {
    case kAlmen: return 4500 + 1000 * (std::min(rooms, 3) - 1) + 50 * rng.Uniform(0, 20);
    case kStartbolig:
    case kUngdomsbolig: return 3000 + 50 * rng.Uniform(0, 30);
    case kAkutbolig: return 3500 + 50 * rng.Uniform(0, 20);
    case kSkaev: return 3000 + 50 * rng.Uniform(0, 20);
    case kUdslusning: return 3500 + 50 * rng.Uniform(0, 30);
    case kBofaellesskab: return 3000 + 50 * rng.Uniform(0, 20);
    default: return 6000 + 750 * (std::min(rooms, 3) - 1) + 50 * rng.Uniform(0, 20);
  }
}
// The deposit in months of rent, by kind.
constexpr int kDepositMonths[] = {3, 2, 2, 1, 1, 1, 2, 3};

// A listing's terms packed into one int: kind, rooms, area (0: none), accessible, youth only, quota.
int32_t PackTerms(int kind, int rooms, int area, bool accessible, bool youth, bool quota) {
  return kind | (rooms << 3) | (area << 6) | (accessible ? 1 << 9 : 0) | (youth ? 1 << 10 : 0) | (quota ? 1 << 11 : 0);
}

// Youth status activities are indices into kActivityNames (education, employment, job_seeking,
// activation, none).

// Neutral case notes; no health details.
// The youth model's goals (DESIGN §10): three texts for each area, in kGoalAreaNames' order.
constexpr const char* kGoalTexts[6][3] = {
    {"Egen bolig inden for et år", "Blive boende i ungdomsboligen", "Finde et værelse tæt på skolen"},
    {"Begynde på HF", "Gøre 9. klasse færdig på VUC", "Starte på en erhvervsuddannelse"},
    {"Fritidsjob i weekenderne", "Praktik i en virksomhed", "Fast job inden for et år"},
    {"Betale gælden af efter en plan", "Lave et budget for måneden", "Få styr på regningerne"},
    {"Komme i behandling for misbrug", "Gå til psykolog", "Sove og spise regelmæssigt"},
    {"Genoptage kontakten til familien", "Være med i en klub eller forening", "Have en ven at ringe til"}};
static_assert(kGoalAreaNames.size() == 6 && kGoalStatusNames.size() == 4 && kYouthRoleNames.size() == 10);

constexpr const char* kNotes[] = {"Samtale om boligønsker.",
                                  "Borgeren udeblev fra aftalt møde.",
                                  "Ledsaget til jobcenteret.",
                                  "Aftale om fast ugentlig kontakt.",
                                  "Borgeren ønsker bolig tæt på sit netværk.",
                                  "Indskudslån søgt.",
                                  "Netværksmøde afholdt med pårørende.",
                                  "Borgeren er skrevet op til boligsøgning.",
                                  "Opfølgning på handleplan.",
                                  "Kontakt til egen læge formidlet.",
                                  "Hjælp til budget og faste udgifter.",
                                  "Borgeren har fået ny telefon; nummer opdateret."};

constexpr const char* kMaleNames[] = {
    "Anders",   "Bo",      "Brian",  "Carsten", "Christian", "Claus",  "Daniel", "Erik",
    "Frederik", "Henrik",  "Jan",    "Jens",    "Jesper",    "Johnny", "Kim",    "Lars",
    "Martin",   "Michael", "Mads",   "Morten",  "Niels",     "Ole",    "Peter",  "René",
    "Rasmus",   "Søren",   "Thomas", "Torben",  "Jonas",     "Mikkel"};
constexpr const char* kFemaleNames[] = {
    "Anne",  "Bente",  "Camilla", "Charlotte", "Dorte",  "Hanne", "Helle",    "Ida",
    "Julie", "Karina", "Kirsten", "Lene",      "Louise", "Maria", "Marianne", "Mette",
    "Pia",   "Sanne",  "Susanne", "Tina",      "Emma",   "Sofie", "Freja",    "Laura",
    "Signe", "Maja",   "Nanna",   "Line",      "Rikke",  "Jette"};
constexpr const char* kSurnames[] = {
    "Nielsen",     "Jensen",    "Hansen",    "Pedersen",     "Andersen",  "Christensen",
    "Larsen",      "Sørensen",  "Rasmussen", "Jørgensen",    "Petersen",  "Madsen",
    "Kristensen",  "Olsen",     "Thomsen",   "Christiansen", "Poulsen",   "Johansen",
    "Møller",      "Mortensen", "Knudsen",   "Jakobsen",     "Mikkelsen", "Olesen",
    "Frederiksen", "Laursen",   "Henriksen", "Lund",         "Schmidt",   "Eriksen"};
constexpr int kNamesPerGender = 30;

// ---------------------------------------------------------------------------------------------
// Compact storage: one 32-byte struct per entry, one small struct per citizen.

// `by` is packed: the role in the top two bits, the person's number in the low six.
enum Role : uint8_t { kCaseworker = 0, kWorker = 1, kHousingAllocation = 2 };
constexpr uint8_t By(Role role, int number) {
  return static_cast<uint8_t>((role << 6) | (number & 63));
}

struct Entry {
  int64_t recorded;       // seconds since the epoch, UTC
  uint32_t citizen;       // index into the citizens
  int32_t date;           // days since the epoch
  int32_t a, b, c;        // the kind's fields, see ToJson
  uint16_t municipality;  // code of the recording municipality
  Kind kind;
  uint8_t by;
};
static_assert(sizeof(Entry) == 32);

struct Citizen {
  int32_t birth;    // days since the epoch
  uint32_t number;  // the key's number within the home municipality
  uint16_t home;    // the key's municipality (of registration)
  uint16_t serial;  // the CPR's SSSS; its first digit is the century digit
  uint8_t first_name, last_name, referral;
  bool has_cpr;
};

struct Municipality {
  uint16_t code;
  bool youth;       // in the youth programme (Samarbejdsmodellen)
  int weight;       // relative size of the homeless population
  int workers;      // support workers w<code>-1..n
  int caseworkers;  // caseworkers cw<code>-1..n
};

struct Context {
  int32_t today;
  int64_t last_second;  // today 23:59:59Z, or DemoOptions::not_after when earlier
  int32_t first_day;    // the first registration day
  int32_t reform;       // 2023-10-01: Housing First methods granted under §85a
  std::vector<Municipality> munis;
  int total_weight = 0;
  const Municipality& Find(uint16_t code) const {
    for (const Municipality& m : munis)
      if (m.code == code) return m;
    return munis.front();
  }
};

// Relative size of each municipality's homeless population: København, Aarhus, Odense and
// Aalborg are much larger (København alone has about a third of the national count).
int WeightOf(int code) {
  switch (code) {
    case 101:
      return 60;  // København
    case 751:
      return 18;  // Aarhus
    case 461:
      return 15;  // Odense
    case 851:
      return 12;  // Aalborg
    case 561:
      return 7;  // Esbjerg
    case 147:
      return 6;  // Frederiksberg
    case 730:
    case 621:
    case 615:
      return 5;  // Randers, Kolding, Horsens
    case 370:
    case 330:
    case 740:
    case 657:
    case 791:    // Næstved, Slagelse, Silkeborg, Herning,
      return 4;  // Viborg
    case 607:
    case 217:
    case 376:
    case 479:
    case 510:
    case 661:
    case 169:
    case 159:
      return 3;
    default:
      return 2;
  }
}

int ParseCode(std::string_view s) {
  if (s.size() != 3) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The municipalities of the implementation programme (programme `implementation` of the
// strategy participation, domain/municipality.h: 26 in the seeds; if the data lists another
// number we take what it lists), kept only when the municipality is known, in the data's order.
std::vector<Municipality> LoadMunicipalities() {
  std::vector<int> youth;
  for (const std::string& code : ParticipantCodes("youth")) {
    int c = ParseCode(code);
    if (c > 0) youth.push_back(c);
  }
  std::vector<Municipality> out;
  for (const std::string& code : ParticipantCodes("implementation")) {
    int c = ParseCode(code);
    if (c <= 0 || FindMunicipality(code) == nullptr) continue;
    int w = WeightOf(c);
    // A handful of support workers per municipality, more in the large ones.
    out.push_back({static_cast<uint16_t>(c), false, w, 3 + w / 4, 2 + w / 8});
  }
  for (Municipality& m : out)
    m.youth = std::find(youth.begin(), youth.end(), m.code) != youth.end();
  return out;
}

// ---------------------------------------------------------------------------------------------
// One citizen's simulation.

enum Profile { kProfileACT, kProfileICM, kProfileCTI, kProfileYouth, kProfileLow };

struct Event {
  int32_t sort_day;  // the day it is recorded on (later than `date` for late entries)
  uint8_t prio;      // order of kinds within a day
  uint32_t seq;      // creation order, the last tie-break
  Entry e;
  int32_t target_seq = -1;   // for a void: the seq of the entry it cancels
  int8_t municipality = -1;  // -1: by position relative to a move; else 0 home, 1 new
};

// Priorities within one day.
constexpr uint8_t kPrioRegistered = 0, kPrioOffer = 8, kPrioHousing = 10, kPrioRelease = 12,
                  kPrioAssessment = 20, kPrioDecision = 22, kPrioPlan = 24, kPrioEnded = 26,
                  kPrioStarted = 28, kPrioPhase = 30, kPrioContact = 40, kPrioYouth = 42,
                  kPrioNote = 44, kPrioVoid = 50, kPrioCorrection = 51, kPrioEndedMove = 90,
                  kPrioMoved = 91, kPrioHousingAfterMove = 92, kPrioEndedDied = 98, kPrioDied = 99;

struct Course {
  int32_t start;
  int32_t end = kNever;
  uint8_t method;
  uint8_t reason = kCompleted;
  bool in_new_municipality = false;  // started after a move
  uint8_t worker = 1;
  int32_t phase2 = kNever, phase3 = kNever;  // CTI only
};

struct MoveIn {
  int32_t day;
  int32_t accepted;  // the day the offer was accepted (or the transition began)
};

struct PathStep {
  int32_t day;
  uint8_t situation;
  int8_t ready;  // -1 when not a shelter
};

class CitizenSim {
 public:
  CitizenSim(const Context& ctx, Rng& rng, Citizen& citizen, int32_t registered,
             const Municipality& home, int32_t* next_unit)
      : ctx_(ctx), rng_(rng), c_(citizen), reg_(registered), home_(home), next_unit_(next_unit) {}

  // Appends the citizen's entries (in their own recorded order) to `out`.
  void Run(uint32_t index, std::vector<Entry>* out);

 private:
  int U(int lo, int hi) { return rng_.Uniform(lo, hi); }
  bool Chance(int per_mille) { return rng_.Chance(per_mille); }

  Event& Add(int32_t day, Kind kind, uint8_t prio, int32_t a = 0, int32_t b = 0, int32_t c = 0,
             uint8_t by = By(kCaseworker, 1)) {
    Event ev;
    ev.sort_day = day;
    ev.prio = prio;
    ev.seq = static_cast<uint32_t>(events_.size());
    ev.e = Entry{0, 0, day, a, b, c, 0, kind, by};
    events_.push_back(ev);
    return events_.back();
  }
  uint8_t Caseworker() const { return By(kCaseworker, caseworker_); }

  void Demographics();
  void AddHousing(int32_t day, int situation, int ready, uint8_t prio = kPrioHousing);
  int PickHomeless(std::initializer_list<int> weights);  // over the HOMELESS_BASE situations
  int Transition(int from);
  void Release(int32_t day, int from, int32_t expected, bool solution);
  void DoMoveIn(int32_t day, int home, int32_t earliest);
  void Approve(int32_t day);
  void OfferToday();
  int32_t ListUnit(int32_t day);
  int32_t HomelessEpisode(int32_t start, bool first);
  void SimulatePath();
  void AssessAndDecide();
  void PlanCourses();
  void ApplyMoveAndDeath();
  void EmitCourses();
  void EmitYouthModel(const Course& c, uint8_t cw);
  void EmitPeriodic();
  void AddCorrections();
  void Finish(uint32_t index, std::vector<Entry>* out);
  int SituationOn(int32_t day, int8_t* ready) const;
  void AddAssessment(int32_t day, int reduce);

  const Context& ctx_;
  Rng& rng_;
  Citizen& c_;
  const int32_t reg_;
  const Municipality& home_;
  const Municipality* moved_to_ = nullptr;
  int32_t* next_unit_;  // the next dwelling number (one sequence for the whole demo)

  // The approval for municipal allocation of the current episode (-1: none), and its terms.
  int32_t approval_ = -1;  // index into events_
  int rooms_min_ = 1, max_rent_ = 0, areas_mask_ = 0;
  bool accessible_ = false;

  int age_ = 0;
  bool male_ = true;
  Profile profile_ = kProfileLow;
  int first_situation_ = kShelter;
  int caseworker_ = 1;
  int needs_[8] = {};
  int uses_ = 0;

  int32_t end_ = 0;  // min(today, death)
  int32_t death_ = kNever;
  int32_t lost_ = kNever;   // contact lost (situation `unknown`)
  int32_t active_end_ = 0;  // min(end_, lost_)
  int32_t move_ = kNever;
  int32_t grant_ = kNever;  // support granted (§85/§85a)
  int32_t assessed_ = kNever;
  int32_t reg_release_ = kNever;  // expected release when registered from prison

  int cur_situation_ = kUnknown;
  int cur_ready_ = -1;
  int32_t last_change_ = 0;

  std::vector<Event> events_;
  std::vector<PathStep> path_;
  std::vector<MoveIn> move_ins_;
  std::vector<Course> courses_;
};

void CitizenSim::Demographics() {
  // Ages at registration: about 1 in 4 under 25, so that about 1 in 5 of those homeless on a
  // date are under 25 (the stock ages; national count 2022: 744 aged 18–24 and 842 aged 25–29 of
  // 5,789), most 30–59, a few 60+.
  static constexpr std::array<Bucket, 7> kAges = {{{18, 24, 250},
                                                   {25, 29, 140},
                                                   {30, 39, 220},
                                                   {40, 49, 190},
                                                   {50, 59, 150},
                                                   {60, 69, 60},
                                                   {70, 79, 10}}};
  age_ = Draw(rng_, kAges);
  // Born in the year before the birthday that made them `age_` (a real date by construction).
  c_.birth = Date(reg_).AddMonths(-12 * age_).days() - U(0, 364);
  male_ = Chance(750);  // about three in four homeless people are men
  c_.first_name = static_cast<uint8_t>(U(0, kNamesPerGender - 1) + (male_ ? 0 : kNamesPerGender));
  c_.last_name = static_cast<uint8_t>(U(0, static_cast<int>(std::size(kSurnames)) - 1));

  // CPR: the 7th digit must give the birth year by the century rule (docs/journal-format.md).
  int year = Date(c_.birth).year(), yy = year % 100;
  int digits[6], n = 0;
  if (year >= 1900 && year <= 1999) {
    for (int d : {0, 1, 2, 3}) digits[n++] = d;
    if (yy > 36) digits[n++] = 4, digits[n++] = 9;
  } else if (year >= 2000 && year <= 2036) {
    for (int d : {4, 5, 6, 7, 8, 9}) digits[n++] = d;
  } else if ((year >= 2037 && year <= 2057) || (year >= 1858 && year <= 1899)) {
    for (int d : {5, 6, 7, 8}) digits[n++] = d;
  }
  // About 1 in 40 are registered with a birth date only (no CPR known yet).
  c_.has_cpr = n > 0 && !Chance(25);
  int d7 = n > 0 ? digits[U(0, n - 1)] : 0;
  int last = U(0, 4) * 2 + (male_ ? 1 : 0);  // odd last digit for men
  c_.serial = static_cast<uint16_t>(d7 * 1000 + U(0, 99) * 10 + last);

  // Support profile: which method fits the needs (docs/design.md, the strategy). Young people in the youth
  // programme municipalities follow the youth model; complex needs and trouble using ordinary
  // services → ACT; long-term needs → ICM; a critical transition only → CTI.
  if (age_ <= 29 && home_.youth) {
    profile_ = static_cast<Profile>(
        std::array{kProfileYouth, kProfileACT, kProfileLow}[rng_.Pick({800, 100, 100})]);
  } else {
    profile_ = static_cast<Profile>(rng_.Pick({age_ < 25 ? 80 : 180, 320, 330, 0, 170}));
  }

  // First housing situation: shelter about half, street ~10 %, friends/family ~20 %, the rest
  // night shelter, hotel, transitional, makeshift, or an institution before release. Young
  // people more often stay with friends or family (sofa surfing).
  if (age_ < 25) {
    first_situation_ = rng_.Pick({70, 30, 400, 30, 300, 40, 20, 30, 30, 50});
  } else {
    first_situation_ = rng_.Pick({100, 40, 460, 30, 190, 30, 30, 35, 25, 60});
  }

  // Referral, consistent with where the citizen was found.
  int ref;
  switch (first_situation_) {
    case kStreet:
      ref = rng_.Pick({250, 600, 0, 0, 0, 0, 0, 50, 100});
      break;
    case kNightShelter:
      ref = rng_.Pick({300, 300, 300, 0, 0, 0, 0, 50, 50});
      break;
    case kShelter:
      ref = rng_.Pick({250, 50, 600, 0, 0, 0, 0, 40, 60});
      break;
    case kHospital:
      ref = rng_.Pick({50, 0, 0, 900, 0, 0, 0, 0, 50});
      break;
    case kTreatment:
      ref = rng_.Pick({50, 0, 0, 0, 900, 0, 0, 0, 50});
      break;
    case kPrison:
      ref = rng_.Pick({50, 0, 0, 0, 0, 900, 0, 0, 50});
      break;
    default:
      ref = rng_.Pick({500, 100, 50, 50, 50, 0, 0, 100, 150});
      break;
  }
  // Young people leaving care come through child welfare (the transition at 18).
  if (age_ <= 22 && !IsInstitution(first_situation_) && Chance(350)) ref = kRefChildWelfare;
  c_.referral = static_cast<uint8_t>(ref);

  // Needs (0..4 per life area) by profile.
  auto set = [&](int area, int lo, int hi) { needs_[area] = U(lo, hi); };
  switch (profile_) {
    case kProfileACT:
      set(kAHousing, 3, 4), set(kAMental, 3, 4), set(kAPhysical, 2, 4), set(kAFinances, 2, 4);
      set(kADaily, 2, 4), set(kANetwork, 2, 4), set(kASubstance, 3, 4), set(kAEdu, 2, 4);
      uses_ = Chance(850) ? 2 : 1;
      break;
    case kProfileICM:
      set(kAHousing, 2, 4), set(kAMental, 1, 3), set(kAPhysical, 1, 3), set(kAFinances, 1, 3);
      set(kADaily, 1, 3), set(kANetwork, 1, 3), set(kASubstance, 1, 3), set(kAEdu, 1, 3);
      uses_ = Chance(500) ? 0 : 1;
      break;
    case kProfileCTI:
      set(kAHousing, 2, 3), set(kAMental, 0, 2), set(kAPhysical, 0, 2), set(kAFinances, 1, 2);
      set(kADaily, 0, 2), set(kANetwork, 0, 2), set(kASubstance, 0, 2), set(kAEdu, 0, 2);
      uses_ = Chance(700) ? 0 : 1;
      break;
    case kProfileYouth:
      set(kAHousing, 2, 4), set(kAMental, 0, 3), set(kAPhysical, 0, 1), set(kAFinances, 1, 3);
      set(kADaily, 1, 3), set(kANetwork, 1, 3), set(kASubstance, 0, 3), set(kAEdu, 2, 4);
      uses_ = Chance(600) ? 0 : 1;
      break;
    case kProfileLow:
      for (int& v : needs_) v = U(0, 2);
      needs_[kAHousing] = U(1, 3);
      uses_ = 0;
      break;
  }
  caseworker_ = U(1, home_.caseworkers);
}

// A `housing` entry. Entering a shelter (a §110 stay) brings the shelter's notice and decision
// within days; readiness for housing is about even at admission.
void CitizenSim::AddHousing(int32_t day, int situation, int ready, uint8_t prio) {
  if (situation == kShelter && ready < 0) ready = Chance(500) ? 1 : 0;
  if (situation != kShelter) ready = -1;
  bool new_stay = situation == kShelter && cur_situation_ != kShelter;
  Add(day, Kind::kHousing, prio, situation, ready, 0, Caseworker());
  path_.push_back({day, static_cast<uint8_t>(situation), static_cast<int8_t>(ready)});
  cur_situation_ = situation;
  cur_ready_ = ready;
  last_change_ = day;
  if (new_stay) {
    if (Chance(800)) Add(day + U(0, 3), Kind::kDecision, kPrioDecision, kP110, 1);
    if (Chance(100)) Add(day + U(7, 30), Kind::kDecision, kPrioDecision, kP142, 1);
  }
}

int CitizenSim::PickHomeless(std::initializer_list<int> weights) { return rng_.Pick(weights); }

// Moves within homelessness: street sleepers get into shelters (outreach), sofa surfing breaks
// down, a shelter stay may be marked ready for housing later by a new shelter entry.
int CitizenSim::Transition(int from) {
  switch (from) {
    case kStreet:
      return rng_.Pick({0, 20, 50, 5, 15, 0, 10});
    case kNightShelter:
      return rng_.Pick({20, 0, 50, 5, 20, 0, 5});
    case kShelter:
      return rng_.Pick({10, 5, cur_ready_ == 1 ? 0 : 45, 10, 20, 10, 0});
    case kHotel:
      return rng_.Pick({10, 10, 50, 0, 20, 10, 0});
    case kFriendsFamily:
      return rng_.Pick({20, 15, 40, 10, 0, 5, 10});
    case kTransitional:
      return rng_.Pick({10, 5, 40, 5, 30, 0, 10});
    default:
      return rng_.Pick({30, 20, 30, 0, 20, 0, 0});
  }
}

// God løsladelse: the release or discharge is planned with an expected day and whether a
// housing solution is in place (true about 60 % of the time).
void CitizenSim::Release(int32_t day, int from, int32_t expected, bool solution) {
  Add(day, Kind::kReleasePlanned, kPrioRelease, from, expected, solution ? 1 : 0, Caseworker());
}

// The approval for municipal allocation (boligvisitation), most often one room with no other
// terms; now and then a rent limit, wished-for areas or an accessible dwelling, and a debt to a
// housing association or a utility found on the way.
void CitizenSim::Approve(int32_t day) {
  rooms_min_ = 1 + rng_.Pick({80, 17, 3});
  max_rent_ = Chance(350) ? 4500 + 500 * U(0, 5) : 0;
  areas_mask_ = 0;
  if (Chance(250)) areas_mask_ = (1 << U(0, kAreas - 1)) | (1 << U(0, kAreas - 1));
  accessible_ = Chance(50);
  approval_ = static_cast<int32_t>(events_.size());
  Add(day, Kind::kHousingApproved, kPrioOffer - 2, rooms_min_, max_rent_, areas_mask_ | (accessible_ ? 32 : 0),
      By(kHousingAllocation, 1));
  if (Chance(120))
    Add(day + U(0, 20), Kind::kHousingDebt, kPrioOffer - 2, 500 * U(4, 60), rng_.Pick({60, 30, 10}), 0, Caseworker());
}

// Lists a dwelling that fits the approval in force (rooms, rent limit, areas, accessibility), of
// a kind that fits the citizen (youth dwellings for the young, skæve boliger for the most
// burdened), at Danish rents; returns its number.
int32_t CitizenSim::ListUnit(int32_t day) {
  int kind;
  if (age_ < 30) kind = rng_.Pick({30, 25, 25, 5, 5, 5, 3, 2});
  else if (profile_ == kProfileACT) kind = rng_.Pick({40, 0, 0, 5, 35, 10, 5, 5});
  else kind = rng_.Pick({65, 0, 0, 3, 7, 10, 5, 10});
  const bool small = kind == kStartbolig || kind == kUngdomsbolig || kind == kAkutbolig || kind == kSkaev;
  int rooms = std::max(rooms_min_, small ? 1 : U(1, 3));
  int rent = UnitRent(rng_, kind, rooms);
  if (max_rent_ > 0 && rent > max_rent_) rent = max_rent_ - 50 * U(0, 4);
  int area = 0;
  if (areas_mask_) {
    do area = U(1, kAreas);
    while (!(areas_mask_ & (1 << (area - 1))));
  } else if (Chance(900)) {
    area = U(1, kAreas);
  }
  const bool youth = kind == kUngdomsbolig || (kind == kStartbolig && age_ < 30 && Chance(500));
  const bool accessible = accessible_ || Chance(80);
  const bool quota = kind == kAlmen && Chance(600);
  const int32_t number = (*next_unit_)++;
  Add(day, Kind::kUnitListed, kPrioOffer - 1, number, PackTerms(kind, rooms, area, accessible, youth, quota), rent,
      By(kHousingAllocation, 1));
  return number;
}

// Some of those still waiting today hold an offer in progress: a dwelling that fits, listed in
// the last months, offered in the last weeks (some long enough to stall), perhaps accepted.
void CitizenSim::OfferToday() {
  if (approval_ < 0 || death_ != kNever || lost_ != kNever || end_ != ctx_.today) return;
  const int32_t approved = events_[approval_].e.date;
  if (approved > ctx_.today - 30 || !(IsHomelessBase(cur_situation_) || IsInstitution(cur_situation_))) return;
  if (!Chance(250)) return;
  const int32_t offered = std::max(approved + 1, ctx_.today - U(1, 25));
  const int unit = ListUnit(offered - U(1, 30));
  const uint8_t by = By(kHousingAllocation, 1);
  Add(offered, Kind::kHousingOffer, kPrioOffer, unit, kOffered, 0, by);
  if (Chance(400) && offered + 2 < ctx_.today) Add(U(offered + 1, ctx_.today), Kind::kHousingOffer, kPrioOffer, unit, kAccepted, 0, by);
}

// A move into own home goes through the municipal allocation: the citizen is approved (if not
// already), a dwelling that fits is listed and offered (sometimes a first offer of another one
// is declined, with a reason, and that one is let outside the allocation later: withdrawn),
// accepted, perhaps with a deposit loan, and moved into. The journal's offer rules hold by
// construction: each dwelling is offered to this citizen only, one offer at a time, and moved
// into after its listing. Supported housing is a §107/§108 decision instead, and ends the
// approval.
void CitizenSim::DoMoveIn(int32_t day, int home, int32_t earliest) {
  int32_t accepted = day;
  if (home == kOwnHome) {
    int32_t offered = std::max(earliest, day - U(14, 45));
    uint8_t by = By(kHousingAllocation, 1);
    const bool decline_first = Chance(200) && offered - 30 > earliest;
    int32_t first = decline_first ? std::max(earliest, offered - U(25, 40)) : offered;
    // The approval comes before the first offer (and strictly before the move-in, which ends it).
    int32_t approve_by = std::max(earliest, std::min(first, day - 1));
    if (approval_ < 0) {
      Approve(std::max(earliest, approve_by - U(3, 20)));
    } else if (events_[approval_].e.date > approve_by) {
      events_[approval_].e.date = events_[approval_].sort_day = std::max(earliest, approve_by - U(0, 10));
    }
    if (decline_first) {
      int unit = ListUnit(first - U(1, 20));
      int32_t declined = std::min(offered - 1, first + U(2, 10));
      Add(first, Kind::kHousingOffer, kPrioOffer, unit, kOffered, 0, by);
      Add(declined, Kind::kHousingOffer, kPrioOffer, unit, kOfferDeclined | ((1 + rng_.Pick({25, 15, 10, 15, 15, 10, 10})) << 4), 0, by);
      Add(declined + U(5, 40), Kind::kUnitWithdrawn, kPrioOffer + 1, unit, 0, 0, by);
    }
    int unit = ListUnit(offered - U(1, 30));
    accepted = std::min(day, offered + U(2, 7));
    // A shelter resident not yet marked ready is marked so before the offer.
    if (cur_situation_ == kShelter && cur_ready_ == 0) {
      int32_t ready_day = offered - U(7, 60);
      if (ready_day > last_change_) AddHousing(ready_day, kShelter, 1);
    }
    Add(offered, Kind::kHousingOffer, kPrioOffer, unit, kOffered, 0, by);
    if (accepted > offered) Add(accepted, Kind::kHousingOffer, kPrioOffer, unit, kAccepted, 0, by);
    if (Chance(350) && accepted < day)  // indskudslån for the deposit
      Add(accepted, Kind::kDepositLoan, kPrioOffer + 1, 100 * U(90, 220), Chance(850) ? 1 : 0, 0, Caseworker());
    Add(day, Kind::kHousingOffer, kPrioOffer, unit, kMovedIn, 0, by);
  } else {
    accepted = std::max(earliest, day - U(14, 60));
    Add(accepted, Kind::kDecision, kPrioDecision, Chance(600) ? kP107 : kP108, 1, 0, Caseworker());
    if (approval_ >= 0) {
      if (events_[approval_].e.date < day)
        Add(day, Kind::kHousingApprovalEnded, kPrioHousing + 1, kApprovalHoused, 0, 0, By(kHousingAllocation, 1));
      else
        events_[approval_].e.date = events_[approval_].sort_day = kNever;  // not approved after all
    }
  }
  approval_ = -1;
  // Own home for most, supported housing for some.
  AddHousing(day, home, -1);
  move_ins_.push_back({day, accepted});
}

// One spell of homelessness from `start` (the situation is already set). Returns the move-in
// day, or kNever when the citizen is still homeless (or out of contact) at the end.
int32_t CitizenSim::HomelessEpisode(int32_t start, bool first) {
  // Time from the start of an episode to a home: median about 8 months (the strategy's goal was
  // 3–4 months for those ready; shelter stays are long in practice).
  static constexpr std::array<Bucket, 5> kDelay = {
      {{30, 90, 8}, {91, 180, 22}, {181, 365, 35}, {366, 730, 25}, {731, 1100, 10}}};
  static constexpr std::array<Bucket, 3> kStay = {{{30, 90, 40}, {91, 180, 40}, {181, 300, 20}}};
  int chance = 500;  // a later episode (after a return to homelessness) ends in a home less often
  if (first) {
    static constexpr int kByProfile[] = {600, 700, 800, 750, 550};
    chance = kByProfile[profile_];
  }
  bool will_house = Chance(chance);
  int32_t end = kNever, lost = kNever;
  if (will_house) {
    int delay = Draw(rng_, kDelay);
    if (profile_ == kProfileCTI || profile_ == kProfileYouth) delay = delay * 3 / 4;
    if (profile_ == kProfileACT) delay = delay * 5 / 4;
    end = start + delay;
  } else if (Chance(250)) {
    lost = end = start + U(60, 540);  // contact lost; whereabouts unknown
  }

  // Most homeless citizens are approved for municipal allocation within weeks (the waiting list).
  if (Chance(850)) Approve(start + U(7, 45));

  // Moves within homelessness, now and then a stay in hospital, treatment or prison.
  int32_t cur = start;
  while (true) {
    int32_t next = cur + Draw(rng_, kStay);
    if (next + 14 >= end || next > end_) break;
    if (Chance(60)) {
      int inst = std::array{kHospital, kTreatment, kPrison}[rng_.Pick({45, 30, 25})];
      AddHousing(next, inst, -1);
      int32_t plan = next + U(1, 5);
      int32_t expected = plan + U(10, 45);
      bool solution = will_house && Chance(500);
      Release(plan, inst, expected, solution);
      if (solution) {  // released into a home
        end = expected;
        break;
      }
      if (expected + 14 >= end) {
        end = expected + U(14, 60);
        if (lost != kNever) lost = end;
      }
      if (expected > end_) return kNever;
      AddHousing(expected, PickHomeless({20, 10, 45, 0, 25, 0, 0}), -1);
      cur = expected;
    } else {
      int to = Transition(cur_situation_);
      AddHousing(next, to, to == kShelter && cur_situation_ == kShelter ? 1 : -1);
      cur = next;
    }
    if (Chance(450)) break;
  }

  // Some citizens still homeless today are in hospital, treatment or prison with a release in
  // the coming month, often without a housing solution (the release_without_housing figure).
  if (end > end_ && end_ == ctx_.today && death_ == kNever && Chance(30)) {
    int32_t stay = ctx_.today - U(5, 40);
    if (stay > last_change_) {
      int inst = std::array{kHospital, kTreatment, kPrison}[rng_.Pick({40, 30, 30})];
      AddHousing(stay, inst, -1);
      Release(std::min(ctx_.today, stay + U(1, 4)), inst, ctx_.today + U(1, 30), Chance(400));
      return kNever;
    }
  }
  if (will_house) {
    int home = Chance(850) ? kOwnHome : kSupportedHousing;
    DoMoveIn(end, home, start);
    return end;
  }
  if (lost != kNever && lost <= end_) {
    AddHousing(lost, kUnknown, -1);
    lost_ = lost;
    if (approval_ >= 0 && events_[approval_].e.date < lost)
      Add(lost + U(14, 60), Kind::kHousingApprovalEnded, kPrioHousing + 1, kApprovalWithdrawn, 0, 0, By(kHousingAllocation, 1));
    approval_ = -1;
  }
  return kNever;
}

void CitizenSim::SimulatePath() {
  // About 13 % of move-ins end in a return to homelessness (the strategy's result: 90–95 % of
  // those housed kept their home), mostly within the first year.
  static constexpr std::array<Bucket, 3> kReturn = {
      {{30, 180, 35}, {181, 365, 30}, {366, 720, 35}}};
  AddHousing(reg_, first_situation_, -1);
  bool first = true;
  int32_t t = reg_;
  while (t <= end_) {
    if (IsInstitution(cur_situation_)) {
      int32_t plan = t + U(0, 7);
      int32_t expected = plan + U(10, 60);
      bool solution = Chance(600);
      Release(plan, cur_situation_, expected, solution);
      if (t == reg_) reg_release_ = expected;
      if (expected > end_) return;
      if (solution) {
        DoMoveIn(expected, Chance(700) ? kOwnHome : kSupportedHousing, plan);
      } else {
        AddHousing(expected, PickHomeless({20, 10, 45, 0, 25, 0, 0}), -1);
        t = expected;
        continue;
      }
      t = expected;
      first = false;
    } else if (IsHomelessBase(cur_situation_)) {
      int32_t m = HomelessEpisode(t, first);
      first = false;
      if (m == kNever || m > end_) return;
      t = m;
    }
    // Housed.
    if (!Chance(130)) return;
    int32_t back = t + Draw(rng_, kReturn);
    if (back > end_) return;
    AddHousing(back, PickHomeless({25, 0, 45, 0, 30, 0, 0}), -1);
    t = back;
  }
}

void CitizenSim::AddAssessment(int32_t day, int reduce) {
  // Needs packed three bits per area; 7 means "not assessed" (left out).
  int32_t packed = 0;
  for (int area = 0; area < 8; ++area) {
    int v = std::max(0, needs_[area] - (reduce > 0 ? U(0, reduce) : 0));
    if ((area == kAEdu && Chance(100)) || (area == kAPhysical && Chance(50))) v = 7;
    packed |= v << (3 * area);
  }
  // transition_only: true for CTI, sometimes an explicit false, else left out.
  int transition = profile_ == kProfileCTI ? 1 : (Chance(200) ? 0 : -1);
  Add(day, Kind::kAssessment, kPrioAssessment, packed, uses_, transition, Caseworker());
}

// Assessment within weeks, §141 action plan offered to about 70 %, and the decision on support
// (§85 before the reform of 1 October 2023, §85a since), granted mostly.
void CitizenSim::AssessAndDecide() {
  if (Chance(950)) {
    assessed_ = reg_ + U(7, 42);
    if (assessed_ <= active_end_) {
      AddAssessment(assessed_, 0);
      // A later reassessment, needs somewhat lower.
      if (Chance(300)) {
        int32_t again = assessed_ + U(180, 365);
        if (again <= active_end_) AddAssessment(again, 1);
      }
    }
  }
  if (Chance(700)) {
    int32_t offered = reg_ + U(14, 70);
    if (offered <= active_end_) {
      Add(offered, Kind::kActionPlan, kPrioPlan, kPlanOffered, 0, 0, Caseworker());
      int answer = rng_.Pick({650, 150, 200});  // accepted, declined, no answer recorded
      int32_t answered = offered + U(3, 21);
      if (answer < 2 && answered <= active_end_) {
        Add(answered, Kind::kActionPlan, kPrioPlan, answer == 0 ? kPlanAccepted : kPlanDeclined, 0,
            0, Caseworker());
        if (answer == 0 && Chance(300))
          Add(answered + U(0, 7), Kind::kDecision, kPrioDecision, kP141, 1, 0, Caseworker());
        int32_t revised = answered + U(180, 365);
        if (answer == 0 && Chance(250) && revised <= active_end_)
          Add(revised, Kind::kActionPlan, kPrioPlan, kPlanRevised, 0, 0, Caseworker());
      }
    }
  }
  if (assessed_ > active_end_ || profile_ == kProfileLow) return;
  auto paragraph = [&](int32_t day) { return day >= ctx_.reform ? kP85a : kP85; };
  int32_t decided = assessed_ + U(5, 21);
  if (decided > active_end_) return;
  bool granted = Chance(880);
  Add(decided, Kind::kDecision, kPrioDecision, paragraph(decided), granted ? 1 : 0, 0,
      Caseworker());
  if (!granted && Chance(500)) {  // a new application later, granted
    decided += U(30, 90);
    if (decided > active_end_) return;
    Add(decided, Kind::kDecision, kPrioDecision, paragraph(decided), 1, 0, Caseworker());
    granted = true;
  }
  if (granted) grant_ = decided;
}

void CitizenSim::PlanCourses() {
  int32_t first_move_in = move_ins_.empty() ? kNever : move_ins_.front().day;
  auto add = [&](int32_t start, int method) -> Course& {
    Course c;
    c.start = start;
    c.method = static_cast<uint8_t>(method);
    courses_.push_back(c);
    return courses_.back();
  };
  if (grant_ != kNever) {
    switch (profile_) {
      case kProfileACT: {  // open-ended; sometimes contact is lost, or the citizen moves to ICM
        Course& c = add(grant_ + U(7, 40), kACT);
        if (Chance(100)) {
          c.end = c.start + U(180, 720), c.reason = kNoContact;
        } else if (Chance(70)) {
          c.end = c.start + U(365, 900), c.reason = kTransferred;
          add(c.end, kICM);  // `c` is not used after this: add() may reallocate
        }
        break;
      }
      case kProfileICM: {  // long-term, as long as needed
        Course& c = add(grant_ + U(7, 40), kICM);
        if (first_move_in != kNever && Chance(350)) {
          c.end = std::max(c.start, first_move_in) + U(180, 720), c.reason = kGoalsMet;
        } else if (Chance(50)) {
          c.end = c.start + U(30, 120), c.reason = kDeclined;
        }
        break;
      }
      case kProfileYouth: {
        Course& c = add(grant_ + U(7, 40), kYouth);
        if (first_move_in != kNever && Chance(300))
          c.end = std::max(c.start, first_move_in) + U(240, 600), c.reason = kGoalsMet;
        break;
      }
      case kProfileCTI: {
        // CTI starts at the critical transition (an accepted offer, a release into a home) and
        // runs 9 months in three phases of about 3 months; a few run over 9 months.
        if (move_ins_.empty()) break;
        const MoveIn& m = move_ins_.front();
        int32_t start = std::max(grant_ + 1, m.accepted - U(0, 14));
        if (start > m.day + 60) break;
        Course& c = add(start, kCTI);
        Date s(start);
        c.phase2 = s.AddMonths(3).days() + U(-7, 7);
        c.phase3 = s.AddMonths(6).days() + U(-7, 7);
        if (Chance(880)) {
          c.end = s.AddMonths(9).days() + U(-10, 5), c.reason = kCompleted;
        } else {
          c.end = s.AddMonths(9).days() + U(20, 150);
          c.reason = std::array{kCompleted, kGoalsMet, kOtherReason}[rng_.Pick({60, 20, 20})];
        }
        break;
      }
      case kProfileLow:
        break;
    }
  }
  // Outreach work with street sleepers, until they are in a shelter or other place.
  if ((first_situation_ == kStreet && Chance(500)) ||
      (first_situation_ == kNightShelter && Chance(200))) {
    Course& c = add(reg_ + U(0, 14), kOutreach);
    for (const PathStep& step : path_) {
      if (step.day > c.start && step.situation != kStreet) {
        c.end = step.day, c.reason = Chance(600) ? kTransferred : kGoalsMet;
        break;
      }
    }
  }
  // Release support (God løsladelse) for some of those registered from prison.
  if (first_situation_ == kPrison && reg_release_ != kNever && Chance(400)) {
    Course& c = add(reg_ + U(0, 10), kRelease);
    c.end = reg_release_ + U(0, 30), c.reason = kCompleted;
  }
  // Contact lost: open courses end with no_contact; nothing starts after.
  if (lost_ != kNever) {
    std::erase_if(courses_, [&](const Course& c) { return c.start >= lost_; });
    for (Course& c : courses_)
      if (c.end > lost_) c.end = lost_, c.reason = kNoContact;
  }
}

// About 3 % move to another municipality (the following entries carry the new code); open
// courses end `moved_away` and half restart there. About 1.5 % die; open courses end `died`.
void CitizenSim::ApplyMoveAndDeath() {
  if (Chance(30)) {
    int32_t lo = reg_ + 60, hi = std::min(active_end_, end_) - 1;
    if (lo <= hi && ctx_.munis.size() > 1) {
      move_ = U(lo, hi);
      int total = ctx_.total_weight - home_.weight;
      int r = U(0, total - 1);
      for (const Municipality& m : ctx_.munis) {
        if (m.code == home_.code) continue;
        if (r < m.weight) {
          moved_to_ = &m;
          break;
        }
        r -= m.weight;
      }
      if (moved_to_ == nullptr) move_ = kNever;
    }
  }
  if (move_ != kNever) {
    size_t n = courses_.size();
    for (size_t i = 0; i < n; ++i) {
      Course& c = courses_[i];
      if (c.start == move_) ++c.start;
      if (c.start > move_) {
        c.in_new_municipality = true;
      } else if (c.end > move_) {
        c.end = move_, c.reason = kMovedAway;
        if ((c.method == kACT || c.method == kICM || c.method == kYouth) && lost_ == kNever &&
            Chance(500)) {
          Course again;
          again.start = move_ + U(14, 60);
          again.method = c.method;
          again.in_new_municipality = true;
          courses_.push_back(again);  // `c` is not used after this
        }
      }
    }
    // The youth model only runs in the youth programme's municipalities; elsewhere a young
    // citizen gets ICM.
    for (Course& c : courses_)
      if (c.in_new_municipality && c.method == kYouth && !moved_to_->youth) c.method = kICM;
    // The new municipality records the citizen's situation on arrival.
    int8_t ready = -1;
    int situation = SituationOn(move_, &ready);
    Add(move_, Kind::kMoved, kPrioMoved, moved_to_->code, 0, 0, Caseworker()).municipality = 0;
    if (situation != kUnknown)
      Add(move_, Kind::kHousing, kPrioHousingAfterMove, situation, ready, 0, By(kCaseworker, 1))
          .municipality = 1;
  }
  if (death_ != kNever) {
    std::erase_if(courses_, [&](const Course& c) { return c.start > death_; });
    for (Course& c : courses_)
      if (c.end > death_) c.end = death_, c.reason = kDied;
    Add(death_, Kind::kDied, kPrioDied, 0, 0, 0, Caseworker());
  }
  // Courses are numbered in the order they start.
  std::stable_sort(courses_.begin(), courses_.end(),
                   [](const Course& x, const Course& y) { return x.start < y.start; });
}

int CitizenSim::SituationOn(int32_t day, int8_t* ready) const {
  int situation = kUnknown;
  for (const PathStep& step : path_) {
    if (step.day > day) break;
    situation = step.situation;
    *ready = step.ready;
  }
  return situation;
}

// Course entries and the contacts while a course is open: a few a month, 15–120 minutes, in the
// modes typical of each method.
void CitizenSim::EmitCourses() {
  int n = 0;
  for (Course& c : courses_) {
    ++n;
    if (c.start > end_) continue;
    const Municipality& muni = c.in_new_municipality ? *moved_to_ : home_;
    c.worker = static_cast<uint8_t>(U(1, muni.workers));
    uint8_t worker = By(kWorker, c.worker);
    uint8_t cw = By(kCaseworker, c.in_new_municipality ? U(1, muni.caseworkers) : caseworker_);
    if (c.in_new_municipality && c.method <= kYouth) {  // the new municipality grants it anew
      int32_t decided = std::max(move_ + 1, c.start - U(3, 10));
      Add(decided, Kind::kDecision, kPrioDecision, decided >= ctx_.reform ? kP85a : kP85, 1, 0, cw);
    }
    Add(c.start, Kind::kCourseStarted, kPrioStarted, n, c.method, c.worker, cw);
    if (c.method == kYouth) EmitYouthModel(c, cw);
    if (c.method == kCTI) {
      if (c.phase2 < c.end && c.phase2 <= end_)
        Add(c.phase2, Kind::kCoursePhase, kPrioPhase, n, 2, 0, worker);
      if (c.phase3 < c.end && c.phase3 <= end_)
        Add(c.phase3, Kind::kCoursePhase, kPrioPhase, n, 3, 0, worker);
    }
    if (c.end <= end_) {
      uint8_t prio = c.reason == kDied        ? kPrioEndedDied
                     : c.reason == kMovedAway ? kPrioEndedMove
                                              : kPrioEnded;
      Event& ev = Add(c.end, Kind::kCourseEnded, prio, n, c.reason, 0, cw);
      if (c.reason == kMovedAway) ev.municipality = 0;
    }
    // Days between contacts, and weights of visit, phone, meeting, escort, outreach.
    static constexpr int kGap[6][2] = {{7, 18}, {10, 28}, {6, 18}, {10, 28}, {4, 12}, {5, 12}};
    static constexpr int kModeWeights[6][5] = {{40, 20, 10, 15, 15}, {35, 30, 20, 15, 0},
                                               {35, 25, 20, 20, 0},  {25, 30, 35, 10, 0},
                                               {5, 5, 0, 5, 85},     {30, 20, 40, 10, 0}};
    const int lo = kGap[c.method][0], hi = kGap[c.method][1];
    const int* w = kModeWeights[c.method];
    int32_t stop = std::min(c.end, end_ + 1);
    for (int32_t day = c.start + U(1, hi); day < stop; day += U(lo, hi)) {
      int mode = rng_.Pick({w[0], w[1], w[2], w[3], w[4]});
      int minutes = mode == kPhone ? 5 * U(3, 9) : 5 * U(3, 24);
      Add(day, Kind::kContact, kPrioContact, c.worker, mode, minutes, worker);
    }
  }
}

// The youth model around a youth course (DESIGN §10): the team soon after the start (the
// coordinator, the young person and one to five others; now and then changed later), the
// background (about as often placed in care, part of a family case or with one of their own as
// Randers' young people in "Fra myte til viden"), and one to three goals, set early and later in
// progress, met or dropped.
void CitizenSim::EmitYouthModel(const Course& c, uint8_t cw) {
  const int32_t stop = std::min(c.end, end_ + 1);
  const int32_t team_day = c.start + U(0, 14);
  if (team_day >= stop) return;
  auto team = [&] {
    int roles = 1 << 0 | 1 << 1;  // coordinator, young_person
    for (int k = U(1, 5); k > 0; --k) roles |= 1 << U(2, 9);
    return roles;
  };
  Add(team_day, Kind::kYouthTeam, kPrioYouth, team(), 0, 0, cw);
  if (int32_t changed = team_day + U(90, 300); changed < stop && Chance(300))
    Add(changed, Kind::kYouthTeam, kPrioYouth, team(), 0, 0, cw);
  if (Chance(850))
    Add(team_day, Kind::kYouthBackground, kPrioYouth,
        (Chance(70) ? 1 : 0) | (Chance(333) ? 2 : 0) | (Chance(60) ? 4 : 0), 0, 0, cw);
  if (Chance(150)) return;  // a plan that stays sparse: no goals
  for (int g = U(1, 3); g > 0; --g) {
    const int area = U(0, 5), text = U(0, 2);
    int32_t day = team_day + U(0, 45);
    if (day >= stop) break;
    Add(day, Kind::kYouthGoal, kPrioYouth, area, 0, text, cw);  // set
    day += U(60, 240);
    if (day < stop) Add(day, Kind::kYouthGoal, kPrioYouth, area, 1 + rng_.Pick({55, 30, 15}), text, cw);
  }
}

// Youth status every few months for young citizens, and a few neutral notes.
void CitizenSim::EmitPeriodic() {
  if (age_ <= 29 && Chance(home_.youth ? 900 : 300)) {
    int32_t housed = move_ins_.empty() ? kNever : move_ins_.front().day;
    for (int32_t day = reg_ + U(30, 90); day <= active_end_; day += U(60, 150)) {
      int activity =
          day < housed ? rng_.Pick({15, 5, 20, 25, 35}) : rng_.Pick({30, 15, 20, 20, 15});
      Add(day, Kind::kYouthStatus, kPrioYouth, activity, 0, 0, Caseworker());
    }
  }
  int notes = rng_.Pick({700, 200, 100});
  for (int i = 0; i < notes && active_end_ > reg_; ++i)
    Add(U(reg_ + 1, active_end_), Kind::kNote, kPrioNote,
        U(0, static_cast<int>(std::size(kNotes)) - 1), 0, 0, Caseworker());
}

// Corrections: occasionally an entry is recorded 1–3 days late, and a few wrong entries are
// voided and entered again (the void refers to an earlier entry, never to a void). Neither
// crosses a move or a death, so the municipality and the order around them stay right.
void CitizenSim::AddCorrections() {
  size_t n = events_.size();
  for (size_t i = 0; i < n; ++i) {
    Event ev = events_[i];  // a copy: Add() may reallocate
    if (ev.municipality >= 0) continue;
    Kind kind = ev.e.kind;
    int32_t d = ev.e.date;
    int32_t limit = std::min(end_, death_ == kNever ? end_ : death_ - 1);
    if (move_ != kNever && d < move_) limit = std::min(limit, move_ - 1);
    int k = U(1, 3);
    if (d + k > limit) continue;
    bool voidable = (kind == Kind::kHousing && IsHomelessBase(ev.e.a) && Chance(6)) ||
                    (kind == Kind::kContact && Chance(1));
    if (voidable) {
      Event wrong = ev;
      if (kind == Kind::kHousing) {
        wrong.e.a = (ev.e.a + U(1, kMakeshift)) % (kMakeshift + 1);  // another base situation
        wrong.e.b = wrong.e.a == kShelter ? 0 : -1;
      } else {
        wrong.e.c = ev.e.c * 10;  // minutes mistyped
      }
      wrong.seq = static_cast<uint32_t>(events_.size());
      events_.push_back(wrong);
      Event& v = Add(d + k, Kind::kVoid, kPrioVoid, 0, 0, 0, ev.e.by);
      v.target_seq = static_cast<int32_t>(wrong.seq);
      events_[i].sort_day = d + k;  // the corrected entry, after the void
      events_[i].prio = kPrioCorrection;
      continue;
    }
    bool may_be_late = kind == Kind::kHousing || kind == Kind::kContact || kind == Kind::kNote ||
                       kind == Kind::kYouthStatus || kind == Kind::kAssessment;
    if (may_be_late && Chance(25)) events_[i].sort_day = d + k;
  }
}

// Orders the citizen's events, gives them record times and municipalities, and appends them.
void CitizenSim::Finish(uint32_t index, std::vector<Entry>* out) {
  const size_t created = events_.size();
  std::erase_if(events_, [&](const Event& ev) { return ev.e.date > end_ || ev.sort_day > end_; });
  std::sort(events_.begin(), events_.end(), [](const Event& x, const Event& y) {
    if (x.sort_day != y.sort_day) return x.sort_day < y.sort_day;
    if (x.prio != y.prio) return x.prio < y.prio;
    return x.seq < y.seq;
  });
  std::vector<int32_t> global(created, -1);  // seq → index in `out`
  int64_t cursor = INT64_MIN;
  bool after_move = false;
  uint16_t new_code = moved_to_ != nullptr ? moved_to_->code : home_.code;
  std::vector<std::pair<int32_t, uint16_t>> unit_codes;  // dwelling number → its listing's municipality
  for (Event& ev : events_) {
    // `recorded`: the day it was recorded on, in working hours (08:00–15:59Z), after the
    // citizen's previous entry, never after today 23:59:59Z (nor after the run's moment).
    int64_t rec = int64_t{ev.sort_day} * 86400 + 8 * 3600 +
                  (ev.e.kind == Kind::kRegistered ? U(0, 179) : U(0, 479)) * 60 + U(0, 59);
    if (rec <= cursor) rec = cursor + U(1, 9) * 60 + U(0, 59);
    rec = std::min(rec, ctx_.last_second);
    cursor = rec;
    Entry e = ev.e;
    e.recorded = rec;
    e.citizen = index;
    bool in_new = ev.municipality >= 0 ? ev.municipality == 1 : after_move;
    e.municipality = in_new ? new_code : home_.code;
    if (in_new && (e.by >> 6) == kCaseworker)  // a caseworker of the new municipality
      e.by = By(kCaseworker, 1 + ((e.by & 63) - 1) % moved_to_->caseworkers);
    if (e.kind == Kind::kMoved) after_move = true;
    if (e.kind == Kind::kVoid) e.a = global[static_cast<size_t>(ev.target_seq)];
    // A dwelling belongs to the municipality of its listing (listed before any offer of it):
    // its withdrawal is that municipality's, and its offers name it by that prefix.
    if (e.kind == Kind::kUnitListed) unit_codes.emplace_back(e.a, e.municipality);
    if (e.kind == Kind::kUnitWithdrawn || e.kind == Kind::kHousingOffer) {
      uint16_t code = e.municipality;
      for (const auto& [number, listed_in] : unit_codes)
        if (number == e.a) code = listed_in;
      if (e.kind == Kind::kUnitWithdrawn) e.municipality = code;
      else e.c = code;
    }
    global[ev.seq] = static_cast<int32_t>(out->size());
    out->push_back(e);
  }
}

void CitizenSim::Run(uint32_t index, std::vector<Entry>* out) {
  Demographics();
  // About 1–2 % die during the period (homeless people die young).
  if (Chance(15) && reg_ + 14 <= ctx_.today) death_ = U(reg_ + 14, ctx_.today);
  end_ = std::min(ctx_.today, death_);
  Add(reg_, Kind::kRegistered, kPrioRegistered, 0, 0, 0, Caseworker());
  SimulatePath();
  active_end_ = std::min(end_, lost_);
  AssessAndDecide();
  PlanCourses();
  ApplyMoveAndDeath();
  EmitCourses();
  EmitPeriodic();
  OfferToday();
  AddCorrections();
  Finish(index, out);
}

// ---------------------------------------------------------------------------------------------
// JSON.

// Formatting by hand: snprintf dominated the run time of 100,000 citizens.
char* PutDigits(char* p, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) p[i] = static_cast<char>('0' + value % 10);
  return p + width;
}

std::string Code3(int code) {
  char buf[3];
  PutDigits(buf, static_cast<unsigned>(code % 1000), 3);
  return std::string(buf, 3);
}

std::string Key(const Citizen& c) {
  char buf[3 + 1 + 10];
  char* p = PutDigits(buf, c.home % 1000u, 3);
  *p++ = '-';
  unsigned width = 4;
  for (uint32_t n = c.number; n >= 10000 && width < 10; n /= 10) ++width;
  p = PutDigits(p, c.number, static_cast<int>(width));
  return std::string(buf, p);
}

std::string ByString(uint8_t by, int code) {
  static constexpr const char* kPrefix[] = {"cw", "w", "ha", "x"};
  std::string out = kPrefix[by >> 6];
  out += Code3(code);
  out += '-';
  out += std::to_string(by & 63);
  return out;
}

char* PutDate(char* p, int32_t days) {
  std::chrono::year_month_day ymd = Date(days).ymd();
  p = PutDigits(p, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  *p++ = '-';
  p = PutDigits(p, static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  return PutDigits(p, static_cast<unsigned>(ymd.day()), 2);
}

std::string DateText(int32_t days) {
  char buf[10];
  return std::string(buf, PutDate(buf, days));
}

std::string Recorded(int64_t seconds) {
  int64_t days = seconds / 86400;  // record times are after 1970
  unsigned rem = static_cast<unsigned>(seconds - days * 86400);
  char buf[20];
  char* p = PutDate(buf, static_cast<int32_t>(days));
  *p++ = 'T';
  p = PutDigits(p, rem / 3600, 2);
  *p++ = ':';
  p = PutDigits(p, rem / 60 % 60, 2);
  *p++ = ':';
  p = PutDigits(p, rem % 60, 2);
  *p++ = 'Z';
  return std::string(buf, p);
}

// A dwelling's key: "<municipality>-B" and its number (at least four digits; one sequence for
// the whole demo, so keys are unique whatever the prefix).
std::string UnitKey(int code, int32_t number) {
  char buf[3 + 2 + 10];
  char* p = PutDigits(buf, static_cast<unsigned>(code % 1000), 3);
  *p++ = '-';
  *p++ = 'B';
  int width = 4;
  for (int32_t n = number; n >= 10000 && width < 10; n /= 10) ++width;
  p = PutDigits(p, static_cast<unsigned>(number), width);
  return std::string(buf, p);
}

nlohmann::json ToJson(const Entry& e, uint32_t position, const std::vector<uint32_t>& positions,
                      const std::vector<Citizen>& citizens) {
  const bool dwelling = e.kind == Kind::kUnitListed || e.kind == Kind::kUnitWithdrawn;
  const Citizen& c = citizens[dwelling ? 0 : e.citizen];
  nlohmann::json j = nlohmann::json::object();
  // Appended, not `"d" + std::to_string(...)`: GCC 12 -O3 reports a false -Wrestrict for that
  // (GCC bug 105329).
  std::string id(1, 'd');
  id += std::to_string(position + 1);
  j["id"] = std::move(id);
  if (dwelling) j["unit"] = UnitKey(e.municipality, e.a);
  else j["citizen"] = Key(c);
  j["municipality"] = Code3(e.municipality);
  j["kind"] = KindName(e.kind);
  j["date"] = DateText(e.date);
  j["recorded"] = Recorded(e.recorded);
  j["by"] = ByString(e.by, e.municipality);
  auto course = [&](int n) { return Key(c) + "-c" + std::to_string(n); };
  switch (e.kind) {
    case Kind::kRegistered: {
      if (c.has_cpr) {
        Date b(c.birth);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02u%02u%02d-%04u", b.day(), b.month(), b.year() % 100,
                      c.serial);
        j["cpr"] = buf;
      } else {
        j["birth_date"] = DateText(c.birth);
      }
      j["name"] = std::string(c.first_name < kNamesPerGender
                                  ? kMaleNames[c.first_name]
                                  : kFemaleNames[c.first_name - kNamesPerGender]) +
                  " " + kSurnames[c.last_name];
      j["referred_by"] = kReferralNames[c.referral];
      break;
    }
    case Kind::kHousing:
      j["situation"] = kSituationNames[e.a];
      if (e.a == kShelter) j["ready_for_housing"] = e.b == 1;
      break;
    case Kind::kAssessment: {
      nlohmann::json needs = nlohmann::json::object();
      for (int area = 0; area < 8; ++area) {
        int v = (e.a >> (3 * area)) & 7;
        if (v <= 4) needs[std::string(kLifeAreaNames[area])] = v;
      }
      j["needs"] = std::move(needs);
      j["uses_ordinary_services"] = kOrdinaryServicesNames[e.b];
      if (e.c >= 0) j["transition_only"] = e.c == 1;
      break;
    }
    case Kind::kDecision:
      j["paragraph"] = kParagraphs[e.a];
      j["granted"] = e.b == 1;
      break;
    case Kind::kActionPlan:
      j["status"] = kPlanStatusNames[e.a];
      break;
    case Kind::kCourseStarted:
      j["course"] = course(e.a);
      j["method"] = kMethodNames[e.b];
      j["worker"] = ByString(By(kWorker, e.c), e.municipality);
      break;
    case Kind::kCoursePhase:
      j["course"] = course(e.a);
      j["phase"] = e.b;
      break;
    case Kind::kCourseEnded:
      j["course"] = course(e.a);
      j["reason"] = kEndReasonNames[e.b];
      break;
    case Kind::kContact:
      j["worker"] = ByString(By(kWorker, e.a), e.municipality);
      j["mode"] = kContactModeNames[e.b];
      j["minutes"] = e.c;
      break;
    case Kind::kReleasePlanned:
      j["from"] = kSituationNames[e.a];
      j["expected"] = DateText(e.b);
      j["housing_solution"] = e.c == 1;
      break;
    case Kind::kHousingOffer:
      j["unit"] = UnitKey(e.c, e.a);  // c: the municipality of the dwelling's listing
      j["status"] = kOfferStatusNames[e.b & 15];
      if (e.b >> 4) j["reason"] = kDeclineReasonNames[(e.b >> 4) - 1];
      break;
    case Kind::kYouthStatus:
      j["activity"] = kActivityNames[e.a];
      break;
    case Kind::kMoved:
      j["to"] = Code3(e.a);
      break;
    case Kind::kDied:
      break;
    case Kind::kNote:
      j["text"] = kNotes[e.a];
      break;
    case Kind::kVoid:
      j["entry"] = "d" + std::to_string(positions[static_cast<size_t>(e.a)] + 1);
      break;
    case Kind::kUnitListed: {
      const int kind = e.b & 7, rooms = (e.b >> 3) & 7, area = (e.b >> 6) & 7;
      j["unit_kind"] = kUnitKindNames[kind];
      j["rooms"] = rooms;
      j["rent"] = e.c;
      j["deposit"] = e.c * kDepositMonths[kind];
      if (area) j["area"] = kAreaNames[area - 1];
      if (e.b & (1 << 9)) j["accessible"] = true;
      if (e.b & (1 << 10)) j["youth_only"] = true;
      if (e.b & (1 << 11)) j["quota"] = true;
      if (kind != kPrivat) j["association"] = kAssociations[static_cast<size_t>(e.a) % std::size(kAssociations)];
      break;
    }
    case Kind::kUnitWithdrawn:
      break;
    case Kind::kHousingApproved: {
      j["rooms_min"] = e.a;
      if (e.b) j["max_rent"] = e.b;
      if (e.c & 31) {
        nlohmann::json areas = nlohmann::json::array();
        for (int i = 0; i < kAreas; ++i)
          if (e.c & (1 << i)) areas.push_back(kAreaNames[i]);
        j["areas"] = std::move(areas);
      }
      if (e.c & 32) j["accessible"] = true;
      break;
    }
    case Kind::kHousingApprovalEnded:
      j["reason"] = kApprovalEndReasonNames[e.a];
      break;
    case Kind::kDepositLoan:
      j["amount"] = e.a;
      j["granted"] = e.b == 1;
      break;
    case Kind::kHousingDebt:
      j["amount"] = e.a;
      j["to"] = kDebtToNames[e.b];
      break;
    case Kind::kYouthTeam: {
      nlohmann::json members = nlohmann::json::array();
      for (size_t r = 0; r < kYouthRoleNames.size(); ++r)
        if (e.a & (1 << r)) members.push_back({{"role", kYouthRoleNames[r]}});
      j["members"] = std::move(members);
      break;
    }
    case Kind::kYouthBackground:
      j["former_placement"] = (e.a & 1) != 0;
      j["family_case"] = (e.a & 2) != 0;
      j["own_family_case"] = (e.a & 4) != 0;
      break;
    case Kind::kYouthGoal:
      j["area"] = kGoalAreaNames[e.a];
      j["text"] = kGoalTexts[e.a][e.c];
      if (e.b != 0) j["status"] = kGoalStatusNames[e.b];
      break;
    case Kind::kSupportActivity:
    case Kind::kImplementationStatus:
      break;  // the travel team's entries are written by demo_implementation.cc
    case Kind::kAlertFollowup:
      break;  // the demo does not follow up alerts
    case Kind::kIdentified:
      break;  // outreach's entries are written by AddOutreach
  }
  return j;
}

}  // namespace

std::optional<std::string> CheckOptions(const DemoOptions& options) {
  auto today = ParseDate(options.today);
  if (!today || today->year() < 1970) return "today: not a date YYYY-MM-DD in 1970–2199";
  if (options.citizens < 0 || options.citizens > 10'000'000) return "citizens: must be 0..10000000";
  if (options.years < 1 || options.years > 50) return "years: must be 1..50";
  return std::nullopt;
}

namespace {
// One citizen per CPR number (DESIGN §7): a number drawn for a second citizen (same birth date
// and serial) moves to the next free serial with the same century digit and sex; when all 500
// of them are taken (hundreds born on one day), the citizen is registered with a birth date only.
void MakeCprsUnique(std::vector<Citizen>& citizens) {
  std::unordered_set<uint64_t> taken;
  auto key = [](const Citizen& c, int serial) {
    return (uint64_t{static_cast<uint32_t>(c.birth)} << 16) | static_cast<uint64_t>(serial);
  };
  for (Citizen& c : citizens) {
    if (!c.has_cpr || taken.insert(key(c, c.serial)).second) continue;
    const int d7 = c.serial / 1000, parity = c.serial % 2;
    const int start = (c.serial / 10 % 100) * 5 + (c.serial % 10) / 2;
    bool placed = false;
    for (int k = 1; k < 500 && !placed; ++k) {
      int t = (start + k) % 500;
      int serial = d7 * 1000 + (t / 5) * 10 + (t % 5) * 2 + parity;
      if (taken.insert(key(c, serial)).second) {
        c.serial = static_cast<uint16_t>(serial);
        placed = true;
      }
    }
    if (!placed) c.has_cpr = false;
  }
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// The travel team (DESIGN §10): a year of Socialstyrelsens rejsehold's support to the 26
// municipalities and the stages of their implementation, from the seeds' method table
// (data/strategy_participation.csv): every municipality works with Housing First; the methods of
// the strategy 2009–2013 and the local strategies where it took part, the youth model in the
// youth programme, and one or two of CTI and ICM in the municipalities new to the methods.
// Municipalities of the first strategy are further along (anchored), the new ones start.

struct MunicipalityDemoEntry {
  int64_t recorded;  // seconds since 1970 (UTC)
  nlohmann::json j;  // without `id`
};

// Outreach (DESIGN §10): people met on the street in the big municipalities (København, Aarhus,
// Odense, Aalborg), registered anonymously under an alias (most with an age estimate), met again
// at the municipality's usual places, often at night; about a third give their identity later
// (a CPR number no generated citizen holds), and some of those move into a shelter.
std::vector<MunicipalityDemoEntry> OutreachEntries(uint64_t seed, int32_t today, int64_t last_second, int citizens,
                                                   const std::vector<Citizen>& others,
                                                   const std::vector<Municipality>& munis) {
  std::vector<MunicipalityDemoEntry> out;
  Rng rng(Mix(seed) ^ 0x6f7073f8676e6465ULL);
  std::unordered_set<uint64_t> taken;
  for (const Citizen& c : others)
    if (c.has_cpr) taken.insert((uint64_t{static_cast<uint32_t>(c.birth)} << 16) | c.serial);
  static constexpr const char* kAliases[] = {"Manden med hunden", "Kvinden med cyklen", "Hatten", "Rygsækken", "Guitaren",
                                             "Den høje", "Frakken", "Sovsen", "Kaptajnen", "Tasken", "Uglen", "Skæget"};
  struct Places {
    int code;
    int base;  // people at 100,000 citizens and more
    std::array<const char*, 4> places;
  };
  static constexpr Places kPlaces[] = {
      {101, 40, {"Hovedbanegården", "Nørreport", "Enghave Plads", "Kongens Have"}},
      {751, 20, {"Aarhus H", "Bruuns Galleri", "Mølleparken", "Havnen"}},
      {461, 12, {"Odense Banegård", "Kongens Have", "Thomas B. Thriges Gade", "Munke Mose"}},
      {851, 12, {"Aalborg Banegård", "Kildeparken", "Jomfru Ane Gade", "Østre Anlæg"}}};
  for (const Places& where : kPlaces) {
    if (std::none_of(munis.begin(), munis.end(), [&](const Municipality& m) { return m.code == where.code; })) continue;
    const std::string code = Code3(where.code);
    const int people = std::min(where.base, std::max(2, citizens / 250));
    for (int i = 0; i < people; ++i) {
      const std::string key = code + "-G" + std::to_string(1000 + i + 1).substr(1);
      int64_t clock = 0;  // this person's last record time
      auto add = [&](int32_t day, const char* kind, nlohmann::json f) {
        if (day > today) return false;
        int64_t at = std::max(int64_t{day} * 86400 + 8 * 3600 + rng.Uniform(0, 8 * 60) * 60, clock + 60);
        if (at > last_second) return false;
        clock = at;
        f["citizen"] = key;
        f["municipality"] = code;
        f["kind"] = kind;
        f["date"] = DateText(day);
        f["recorded"] = Recorded(at);
        f["by"] = "cw" + code + "-1";
        out.push_back({at, std::move(f)});
        return true;
      };
      const int32_t reg = today - rng.Uniform(5, 330);
      const int age = rng.Uniform(20, 65);
      nlohmann::json r{{"anonymous", true}, {"alias", kAliases[rng.Uniform(0, 11)]}, {"referred_by", "outreach"}};
      if (rng.Chance(800)) r["age_estimate"] = age;
      add(reg, "registered", r);
      add(reg, "housing", {{"situation", "street"}});
      auto contact = [&](int32_t day) {
        nlohmann::json c{{"worker", "w" + code + "-1"}, {"mode", "outreach"}, {"minutes", rng.Uniform(5, 40)},
                         {"place", where.places[rng.Uniform(0, 3)]}};
        if (rng.Chance(600)) c["night"] = true;
        add(day, "contact", c);
      };
      int32_t day = reg;
      contact(day);
      for (int k = rng.Uniform(0, 5); k > 0; --k) contact(day += rng.Uniform(1, 30));
      if (!rng.Chance(330)) continue;
      // Identified, with a CPR number no other citizen holds, later on.
      const int32_t when = day + rng.Uniform(1, 60);
      if (when > today) continue;
      Date birth(Date(when).AddMonths(-12 * (age + rng.Uniform(-3, 3))).days() - rng.Uniform(0, 364));
      const int d7 = birth.year() >= 2000 ? 4 : rng.Uniform(0, 3);
      int serial = 0;
      for (int tries = 0; tries < 100 && serial == 0; ++tries) {
        int s = d7 * 1000 + rng.Uniform(0, 999);
        if (taken.insert((uint64_t{static_cast<uint32_t>(birth.days())} << 16) | static_cast<uint64_t>(s)).second) serial = s;
      }
      if (serial == 0) continue;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%02u%02u%02d-%04d", birth.day(), birth.month(), birth.year() % 100, serial);
      const bool male = serial % 2 == 1;
      const std::string name = std::string(male ? kMaleNames[rng.Uniform(0, kNamesPerGender - 1)] : kFemaleNames[rng.Uniform(0, kNamesPerGender - 1)]) +
                               " " + kSurnames[rng.Uniform(0, 19)];
      if (!add(when, "identified", {{"cpr", buf}, {"name", name}, {"consent", true}})) continue;
      if (rng.Chance(500)) add(when + rng.Uniform(1, 30), "housing", {{"situation", "shelter"}, {"ready_for_housing", false}});
      if (rng.Chance(700)) contact(when + rng.Uniform(1, 30));
    }
  }
  return out;
}

std::vector<MunicipalityDemoEntry> TravelTeamEntries(uint64_t seed, int32_t today, int64_t last_second) {
  std::vector<MunicipalityDemoEntry> out;
  Rng rng(Mix(seed) ^ 0x72656a7365686f6cULL);
  const std::vector<std::string> codes = ParticipantCodes("implementation");
  const std::vector<std::string> youth = ParticipantCodes("youth");
  const int32_t year_ago = Date(today).AddMonths(-12).days() + 1;
  auto add = [&](int32_t day, const std::string& code, const char* kind, nlohmann::json fields) {
    if (day > today) return;
    fields["municipality"] = code;
    fields["kind"] = kind;
    fields["date"] = DateText(day);
    const int64_t at = std::min(int64_t{day} * 86400 + 8 * 3600 + rng.Uniform(0, 8 * 60) * 60, last_second);
    fields["recorded"] = Recorded(at);
    fields["by"] = "rejsehold";
    out.push_back({at, std::move(fields)});
  };
  for (const std::string& code : codes) {
    std::set<std::string> methods = {"housing_first"}, topics = {"housing_first", "documentation", "housing"};
    bool experienced = false;
    for (const Participation& p : AllParticipation()) {
      if (p.code != code || (p.programme != "strategy" && p.programme != "local-strategy")) continue;
      experienced = experienced || p.programme == "strategy";
      std::string word;
      for (char c : p.methods + " ") {
        if (c != ' ') {
          word += c;
          continue;
        }
        if (!word.empty()) methods.insert(word);
        word.clear();
      }
    }
    if (std::find(youth.begin(), youth.end(), code) != youth.end()) methods.insert("youth");
    if (methods.size() == 1 || (methods.size() == 2 && methods.count("youth"))) {
      methods.insert(rng.Chance(500) ? "CTI" : "ICM");
      if (rng.Chance(400)) methods.insert("ICM");
    }
    for (const std::string& m : methods) {
      std::string topic = m == "youth" ? "youth_model" : m;
      for (char& c : topic) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (topic != "housing_first") topics.insert(topic);
    }
    // Stages: the experienced are implemented a year ago and anchor during the year; the new
    // plan a year ago, start, and some get as far as implemented.
    for (const std::string& m : methods) {
      nlohmann::json f{{"method", m}};
      int32_t d = year_ago + rng.Uniform(0, 40);
      if (experienced && m != "youth") {
        f["stage"] = "implemented";
        add(d, code, "implementation_status", f);
        if (rng.Chance(600)) {
          f["stage"] = "anchored";
          f["text"] = "Metoden er en del af kommunens faste tilbud.";
          add(d + rng.Uniform(120, 300), code, "implementation_status", f);
        }
      } else {
        f["stage"] = "planned";
        add(d, code, "implementation_status", f);
        int32_t started = d + rng.Uniform(30, 120);
        f["stage"] = "started";
        add(started, code, "implementation_status", f);
        if (rng.Chance(500)) {
          f["stage"] = "implemented";
          add(started + rng.Uniform(90, 200), code, "implementation_status", f);
        }
      }
    }
    // Support: two to five activities a month, more for the new municipalities.
    const std::vector<std::string> topic_list(topics.begin(), topics.end());
    for (int32_t month = year_ago; month <= today; month = Date(month).AddMonths(1).days()) {
      for (int k = 0, n = rng.Uniform(experienced ? 1 : 2, experienced ? 3 : 5); k < n; ++k) {
        const int32_t day = month + rng.Uniform(0, 27);
        static const char* const kActivities[] = {"on_site", "network", "phone", "training", "ambassador"};
        const int a = rng.Pick({30, 15, 35, 15, experienced ? 10 : 0});
        nlohmann::json f{{"activity", kActivities[a]},
                         {"topic", topic_list[static_cast<size_t>(rng.Uniform(0, static_cast<int>(topic_list.size()) - 1))]}};
        static const int kMinutes[][2] = {{120, 300}, {180, 360}, {15, 60}, {240, 420}, {60, 180}};
        f["minutes"] = rng.Uniform(kMinutes[a][0], kMinutes[a][1]) / 15 * 15;
        if (a == 1 || a == 3) f["participants"] = rng.Uniform(4, 30);
        if (a == 1 || a == 4) {
          nlohmann::json with = nlohmann::json::array();
          for (int w = 0, count = rng.Uniform(1, 4); w < count; ++w) {
            const std::string& other = codes[static_cast<size_t>(rng.Uniform(0, static_cast<int>(codes.size()) - 1))];
            if (other != code && std::find(with.begin(), with.end(), other) == with.end()) with.push_back(other);
          }
          if (!with.empty()) f["with"] = with;
        }
        add(day, code, "support_activity", f);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MunicipalityDemoEntry& x, const MunicipalityDemoEntry& y) { return x.recorded < y.recorded; });
  return out;
}

void Generate(const DemoOptions& options, const std::function<void(const nlohmann::json&)>& sink) {
  if (CheckOptions(options)) return;
  Context ctx;
  Date today = *ParseDate(options.today);
  ctx.today = today.days();
  ctx.last_second = std::min(int64_t{ctx.today} * 86400 + 86399, options.not_after);
  ctx.first_day = today.AddMonths(-12 * options.years).days() + 1;
  ctx.reform = Date::FromYmd(2023, 10, 1).days();
  ctx.munis = LoadMunicipalities();
  if (ctx.munis.empty()) return;
  for (const Municipality& m : ctx.munis) ctx.total_weight += m.weight;

  // Registrations spread evenly over the period; sorted, so that keys number in time order.
  const size_t n = static_cast<size_t>(options.citizens);
  Rng top(Mix(options.seed) ^ 0x746f76686f6c6465ULL);
  std::vector<int32_t> registered(n);
  for (int32_t& d : registered) d = top.Uniform(ctx.first_day, ctx.today);
  std::sort(registered.begin(), registered.end());

  std::vector<Citizen> citizens(n);
  std::vector<uint32_t> counters(ctx.munis.size(), 0);
  std::vector<Entry> entries;
  entries.reserve(n * 40);  // about 36 entries per citizen: no reallocation
  int32_t next_unit = 1;
  for (size_t i = 0; i < n; ++i) {
    // Municipality by size.
    int r = top.Uniform(0, ctx.total_weight - 1);
    size_t m = 0;
    while (r >= ctx.munis[m].weight) r -= ctx.munis[m++].weight;
    citizens[i].home = ctx.munis[m].code;
    citizens[i].number = ++counters[m];
    // Each citizen has their own PRNG stream, derived from the seed and their index.
    Rng rng(Mix(options.seed) ^ Mix(0x5eed0000ULL + i));
    CitizenSim sim(ctx, rng, citizens[i], registered[i], ctx.munis[m], &next_unit);
    sim.Run(static_cast<uint32_t>(i), &entries);
  }

  MakeCprsUnique(citizens);

  // Dwellings vacant today with no offer yet, a few per municipality (more in the large ones),
  // listed in the last months: the housing role's work on `make run`.
  if (n > 0) {
    Rng units(Mix(options.seed) ^ 0x626f6c6967657200ULL);
    for (const Municipality& m : ctx.munis) {
      for (int k = 0, count = 2 + m.weight / 4; k < count; ++k) {
        int kind = units.Pick({55, 8, 8, 4, 10, 6, 4, 5});
        int rooms = kind == kAlmen || kind == kPrivat ? units.Uniform(1, 3) : 1;
        int32_t day = ctx.today - units.Uniform(1, 150);
        int area = units.Uniform(0, kAreas);
        Entry e{int64_t{day} * 86400 + 9 * 3600 + units.Uniform(0, 420) * 60, 0, day, next_unit++,
                PackTerms(kind, rooms, area, units.Chance(100), kind == kUngdomsbolig, kind == kAlmen && units.Chance(600)),
                UnitRent(units, kind, rooms), m.code, Kind::kUnitListed, By(kHousingAllocation, 1)};
        entries.push_back(e);
      }
    }
  }

  // Merge all citizens by record time; ties keep generation order (each citizen's own order).
  std::vector<uint32_t> order(entries.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (entries[x].recorded != entries[y].recorded)
      return entries[x].recorded < entries[y].recorded;
    return x < y;
  });
  // The travel team's entries about the municipalities merge in by record time too (after the
  // citizens' entries of the same second).
  std::vector<MunicipalityDemoEntry> travel = n > 0 ? TravelTeamEntries(options.seed, ctx.today, ctx.last_second)
                                                    : std::vector<MunicipalityDemoEntry>{};
  if (n > 0) {  // outreach's anonymous people, merged the same way
    std::vector<MunicipalityDemoEntry> street = OutreachEntries(options.seed, ctx.today, ctx.last_second, static_cast<int>(n), citizens, ctx.munis);
    travel.insert(travel.end(), std::make_move_iterator(street.begin()), std::make_move_iterator(street.end()));
    std::stable_sort(travel.begin(), travel.end(),
                     [](const MunicipalityDemoEntry& x, const MunicipalityDemoEntry& y) { return x.recorded < y.recorded; });
  }
  std::vector<uint32_t> positions(entries.size());
  {
    uint32_t out = 0;
    size_t t = 0;
    for (uint32_t p = 0; p < order.size(); ++p) {
      while (t < travel.size() && travel[t].recorded < entries[order[p]].recorded) ++t, ++out;
      positions[order[p]] = out++;
    }
  }
  size_t t = 0;
  uint32_t out = 0;
  auto emit_travel = [&](int64_t before) {
    for (; t < travel.size() && travel[t].recorded < before; ++t) {
      nlohmann::json j = travel[t].j;
      std::string id(1, 'd');
      id += std::to_string(++out);
      j["id"] = std::move(id);
      sink(j);
    }
  };
  for (uint32_t p = 0; p < order.size(); ++p) {
    emit_travel(entries[order[p]].recorded);
    sink(ToJson(entries[order[p]], positions[order[p]], positions, citizens));
    ++out;
  }
  emit_travel(INT64_MAX);
}

std::vector<nlohmann::json> GenerateAll(const DemoOptions& options) {
  std::vector<nlohmann::json> out;
  Generate(options, [&](const nlohmann::json& j) { out.push_back(j); });
  return out;
}

}  // namespace tov::demo
