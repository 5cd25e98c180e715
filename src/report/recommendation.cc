// Method recommendation (docs/design.md, the strategy): a table of conditions over the latest assessment dated on
// or before the date asked, tried in order; the first row that matches names the method and
// gives the reasons, quoting the scores. The youth model is a separate flag for ages 18–29.
//
//   row                       condition                                             method
//   cti-transition            transition_only: the need is tied to the move home     CTI
//   act-complex-needs         mental health and/or substance use >= 3, and does not  ACT
//                             use the ordinary services ("no")
//   icm-long-term-needs       any area >= 3, or three or more areas >= 2, and uses   ICM
//                             the ordinary services (yes/partly)
//   cti-moderate-needs        otherwise, uses the ordinary services (yes/partly)     CTI
//   icm-no-ordinary-services  does not use the ordinary services, without high       ICM
//                             mental health / substance use needs
// The rows cover every assessment (each row after the first is reached only when the ones
// above did not match), so an assessed citizen always gets a method.
#include "report/recommendation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string_view>

#include "report/labels.h"

namespace tov::report {
namespace {

constexpr int kHigh = 3;      // a high need: 3 or 4 of 4
constexpr int kModerate = 2;  // areas at this level count towards "complex" when there are several
constexpr int kComplexAreas = 3;

// The English names of the life areas, in the order of LifeArea, as they read inside a sentence
// (kept as they were: the API's reasons_en). The Danish ones are the glossary's (AreaDa).
constexpr std::array<std::string_view, 8> kAreaEn = {
    "housing",      "mental health", "physical health", "finances",
    "daily living", "network",       "substance use",   "education and work"};

// What the rules look at, taken from one assessment.
struct Facts {
  const Assessment* a = nullptr;
  int max_need = -1;        // highest score over the assessed areas (-1: none assessed)
  int areas_moderate = 0;   // areas scored >= 2
  bool high_mh_su = false;  // mental health or substance use >= 3
  OrdinaryServices services = OrdinaryServices::kYes;

  int need(LifeArea area) const { return a->need(area); }
  bool Complex() const { return max_need >= kHigh || areas_moderate >= kComplexAreas; }
  bool UsesServices() const { return services != OrdinaryServices::kNo; }
};

Facts FactsOf(const Assessment& a) {
  Facts f;
  f.a = &a;
  f.services = a.uses_ordinary_services;
  for (int8_t n : a.needs) {
    f.max_need = std::max<int>(f.max_need, n);
    if (n >= kModerate) ++f.areas_moderate;
  }
  f.high_mh_su =
      a.need(LifeArea::kMentalHealth) >= kHigh || a.need(LifeArea::kSubstanceUse) >= kHigh;
  return f;
}

// Upper-cases the first letter: ASCII, and the Latin-1 letters of UTF-8 (æ ø å → Æ Ø Å).
std::string Capitalize(std::string s) {
  if (s.empty()) return s;
  auto* b = reinterpret_cast<unsigned char*>(s.data());
  if (b[0] < 0x80) {
    b[0] = static_cast<unsigned char>(std::toupper(b[0]));
  } else if (s.size() > 1 && b[0] == 0xC3 && b[1] >= 0xA0 && b[1] <= 0xBE && b[1] != 0xB7) {
    b[1] = static_cast<unsigned char>(b[1] - 0x20);
  }
  return s;
}

// "A 4 og b 3 af 4" / "A 4 and b 3 out of 4" for the assessed areas among `areas` whose score
// passes `keep`; empty when none does.
// The glossary's Danish name of a life area (report/labels.h) as it reads inside a sentence:
// "Psykisk helbred" → "psykisk helbred".
std::string AreaDa(LifeArea area) {
  std::string s = LabelDa("life_area", NameOf(kLifeAreaNames, area));
  auto* b = reinterpret_cast<unsigned char*>(s.data());
  if (!s.empty() && b[0] < 0x80) {
    b[0] = static_cast<unsigned char>(std::tolower(b[0]));
  } else if (s.size() > 1 && b[0] == 0xC3 && b[1] >= 0x80 && b[1] <= 0x9E && b[1] != 0x97) {
    b[1] = static_cast<unsigned char>(b[1] + 0x20);  // Æ, Ø, Å → æ, ø, å
  }
  return s;
}

template <typename Keep>
std::string Scores(const Facts& f, std::span<const LifeArea> areas, bool danish, Keep keep) {
  std::vector<std::string> parts;
  for (LifeArea area : areas) {
    int n = f.need(area);
    if (n < 0 || !keep(n)) continue;
    std::string name = danish ? AreaDa(area) : std::string(kAreaEn[static_cast<size_t>(area)]);
    parts.push_back(name + " " + std::to_string(n));
  }
  if (parts.empty()) return "";
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? (danish ? " og " : " and ") : ", ";
    out += parts[i];
  }
  return Capitalize(out) + (danish ? " af 4" : " out of 4");
}

constexpr std::array<LifeArea, 8> kAllAreas = {LifeArea::kHousing,        LifeArea::kMentalHealth,
                                               LifeArea::kPhysicalHealth, LifeArea::kFinances,
                                               LifeArea::kDailyLiving,    LifeArea::kNetwork,
                                               LifeArea::kSubstanceUse,   LifeArea::kEducationWork};
constexpr std::array<LifeArea, 2> kMhSu = {LifeArea::kMentalHealth, LifeArea::kSubstanceUse};

// The highest-scored areas, for rows whose reason is "the needs are at most this".
std::string HighestScores(const Facts& f, bool danish) {
  std::string s = Scores(f, kAllAreas, danish, [&](int n) { return n == f.max_need && n > 0; });
  if (s.empty()) return danish ? "Ingen vurderede støttebehov over 0" : "No assessed need above 0";
  return s;
}

// The scores that make the needs long-term/complex: the high ones, or else the moderate ones.
std::string ComplexScores(const Facts& f, bool danish) {
  if (f.max_need >= kHigh) return Scores(f, kAllAreas, danish, [](int n) { return n >= kHigh; });
  return Scores(f, kAllAreas, danish, [](int n) { return n >= kModerate; });
}

std::string_view ServicesDa(OrdinaryServices s) {
  return s == OrdinaryServices::kYes
             ? "Borgeren benytter det almindelige system (sundhed, jobcenter, sociale tilbud)."
             : "Borgeren benytter delvist det almindelige system (sundhed, jobcenter, sociale "
               "tilbud).";
}
std::string_view ServicesEn(OrdinaryServices s) {
  return s == OrdinaryServices::kYes
             ? "The citizen uses the ordinary services (health, job centre, social services)."
             : "The citizen partly uses the ordinary services (health, job centre, social "
               "services).";
}

using Reasons = std::vector<std::string>;

struct Rule {
  const char* id;
  bool (*applies)(const Facts&);
  Method method;
  Reasons (*reasons_da)(const Facts&);
  Reasons (*reasons_en)(const Facts&);
};

// The table, tried in order (see the file comment).
const Rule kRules[] = {
    {"cti-transition", [](const Facts& f) { return f.a->transition_only.value_or(false); },
     Method::kCTI,
     [](const Facts& f) -> Reasons {
       return {"Behovet knytter sig til overgangen fra herberg/institution til egen bolig.",
               "Højeste vurderede støttebehov: " + HighestScores(f, true) + ".",
               "CTI er en tidsafgrænset indsats på 9 måneder i tre faser, der støtter flytningen "
               "og overdrager støtten til det almindelige system."};
     },
     [](const Facts& f) -> Reasons {
       return {"The need is tied to the move from shelter/institution to own home.",
               "Highest assessed needs: " + HighestScores(f, false) + ".",
               "CTI is a time-limited, 9-month intervention in three phases that supports the "
               "move and hands support over to the ordinary system."};
     }},
    {"act-complex-needs", [](const Facts& f) { return f.high_mh_su && !f.UsesServices(); },
     Method::kACT,
     [](const Facts& f) -> Reasons {
       return {
           "Høje støttebehov: " + Scores(f, kMhSu, true, [](int n) { return n >= kHigh; }) + ".",
           "Borgeren benytter ikke det almindelige system.",
           "ACT er et tværfagligt, opsøgende team (bl.a. psykiater, misbrugskonsulent, "
           "sygeplejerske og socialrådgiver), der bringer støtten ud til borgeren."};
     },
     [](const Facts& f) -> Reasons {
       return {"High needs: " + Scores(f, kMhSu, false, [](int n) { return n >= kHigh; }) + ".",
               "The citizen does not use the ordinary services.",
               "ACT is a multidisciplinary outreach team (psychiatrist, addiction counsellor, "
               "nurse and social worker among others) that brings support to the citizen."};
     }},
    {"icm-long-term-needs", [](const Facts& f) { return f.Complex() && f.UsesServices(); },
     Method::kICM,
     [](const Facts& f) -> Reasons {
       return {"Langvarige/komplekse støttebehov: " + ComplexScores(f, true) + ".",
               std::string(ServicesDa(f.services)),
               "ICM giver en koordinerende case manager og social-pædagogisk støtte, så længe "
               "behovet er der."};
     },
     [](const Facts& f) -> Reasons {
       return {"Long-term/complex needs: " + ComplexScores(f, false) + ".",
               std::string(ServicesEn(f.services)),
               "ICM gives a coordinating case manager and social-pedagogical support for as long "
               "as it is needed."};
     }},
    {"cti-moderate-needs", [](const Facts& f) { return f.UsesServices(); }, Method::kCTI,
     [](const Facts& f) -> Reasons {
       return {"Moderate støttebehov (højst 2): " + HighestScores(f, true) + ".",
               std::string(ServicesDa(f.services)),
               "CTI giver kortere, tidsafgrænset støtte (9 måneder) med en koordinator."};
     },
     [](const Facts& f) -> Reasons {
       return {"Moderate needs (at most 2): " + HighestScores(f, false) + ".",
               std::string(ServicesEn(f.services)),
               "CTI gives shorter, time-limited support (9 months) with a coordinator."};
     }},
    {"icm-no-ordinary-services", [](const Facts& f) { return !f.UsesServices(); }, Method::kICM,
     [](const Facts& f) -> Reasons {
       std::string da = "Borgeren benytter ikke det almindelige system, men har ikke høje behov inden for ";
       da += AreaDa(LifeArea::kMentalHealth) + " eller " + AreaDa(LifeArea::kSubstanceUse);
       return {
           da + ". Højeste vurderede støttebehov: " +
               HighestScores(f, true) + ".",
           "En koordinerende case manager (ICM) kan over længere tid bygge bro til det "
           "almindelige system."};
     },
     [](const Facts& f) -> Reasons {
       return {
           "The citizen does not use the ordinary services, but has no high mental health or "
           "substance use needs. Highest assessed needs: " +
               HighestScores(f, false) + ".",
           "A coordinating case manager (ICM) can bridge to the ordinary system over a longer "
           "period."};
     }},
};

}  // namespace

Recommendation Recommend(const CitizenCourse& c, Date x) {
  Recommendation r;
  const Entry* latest = nullptr;
  for (const Entry* e : c.entries) {  // course order: the last one dated <= x is the latest
    if (e->date > x) break;
    if (e->kind() == Kind::kAssessment) latest = e;
  }
  if (!latest) return r;
  r.assessed = true;
  r.assessed_on = latest->date;
  const Facts facts = FactsOf(*latest->As<Assessment>());
  for (const Rule& rule : kRules) {
    if (!rule.applies(facts)) continue;
    r.rule = rule.id;
    r.method = rule.method;
    r.reasons_da = rule.reasons_da(facts);
    r.reasons_en = rule.reasons_en(facts);
    break;
  }
  std::optional<int> age = c.AgeOn(x);
  if (age && *age >= 18 && *age <= 29) {
    r.youth_model = true;
    r.reasons_da.push_back(
        "Borgeren er " + std::to_string(*age) +
        " år: Samarbejdsmodellen »Vejen til uddannelse og beskæftigelse« med én koordinerende "
        "sagsbehandler (tovholder) og et tværfagligt team om bolig, uddannelse og beskæftigelse.");
    r.reasons_en.push_back(
        "The citizen is " + std::to_string(*age) +
        ": the youth model \"Vejen til uddannelse og beskæftigelse\" with one coordinating "
        "caseworker and a cross-disciplinary team on housing, education and employment.");
  }
  return r;
}

}  // namespace tov::report
