// One citizen's course as of a date, as JSON and as Danish text. The text page is rendered from
// the JSON view, so both show the same facts and leave out the same things: the CPR is masked
// unless asked for, and the entries, recommendation and alerts shown are those the options allow
// (the access policy's filter, src/app/access_policy.h, decides them per role). Everything is as of the date asked: spans, courses, releases
// and entries dated after it are not shown.
#include "report/citizen_report.h"

#include <sstream>

#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "domain/municipality.h"
#include "report/recommendation.h"
#include "report/labels.h"

namespace tov::report {
namespace {

using json = nlohmann::json;

json DateOrNull(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

std::string CprView(const std::string& raw, bool reveal) {
  if (auto cpr = ParseCpr(raw)) return reveal ? cpr->Formatted() : cpr->Masked();
  if (reveal) return raw;
  return raw.size() >= 6 ? raw.substr(0, 6) + "-xxxx" : "xxxxxx-xxxx";
}


json RecommendationJson(const Recommendation& r) {
  json j;
  j["assessed"] = r.assessed;
  j["assessed_on"] = r.assessed ? json(r.assessed_on.ToString()) : json(nullptr);
  j["method"] = r.method ? json(std::string(MethodName(*r.method))) : json(nullptr);
  j["youth_model"] = r.youth_model;
  j["rule"] = r.rule.empty() ? json(nullptr) : json(r.rule);
  j["reasons_da"] = r.reasons_da;
  j["reasons_en"] = r.reasons_en;
  return j;
}

// ---- Text helpers ----

std::string Str(const json& v, const std::string& none = "–") {
  if (v.is_null()) return none;
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string YesNo(const json& v) { return v.is_boolean() && v.get<bool>() ? "ja" : "nej"; }

// The Danish name of a code of `table` (report/labels.h) inside a sentence: its first letter in
// lower case (the names of these tables start with an ASCII letter).
std::string CodeDa(std::string_view table, const json& v) {
  if (!v.is_string()) return Str(v);
  std::string name = LabelDa(table, v.get<std::string>());
  if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z')
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
  return name;
}

std::string MunicipalityText(const json& code) {
  if (!code.is_string()) return "–";
  const std::string c = code.get<std::string>();
  if (const Municipality* m = FindMunicipality(c)) return m->name + " (" + c + ")";
  return c;
}

std::string Pad(std::string s, size_t width) {
  // Pads by characters, not bytes (UTF-8 continuation bytes do not take a column).
  size_t columns = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++columns;
  if (columns < width) s.append(width - columns, ' ');
  return s;
}

// A column of a table line: Pad, but with at least one space after `s`, so that a long name
// never runs into the next column.
std::string Column(std::string s, size_t width) {
  s = Pad(std::move(s), width);
  if (s.empty() || s.back() != ' ') s += ' ';
  return s;
}

// The fields of a journal entry that are not common to all kinds, as "key=value".
std::string EntryDetails(const json& e) {
  static const char* kCommon[] = {"id",       "citizen", "municipality", "kind", "date",
                                  "recorded", "by"};
  std::string out;
  for (const auto& [k, v] : e.items()) {
    bool common = false;
    for (const char* c : kCommon) common = common || k == c;
    if (common) continue;
    if (!out.empty()) out += ' ';
    out += k + "=" + Str(v, "null");
  }
  return out;
}

}  // namespace

json CitizenJson(const CitizenCourse& c, const CitizenViewOptions& options) {
  const Date x = options.as_of;
  json j;
  j["citizen"] = c.key;
  j["name"] = c.name ? json(*c.name) : json(nullptr);
  j["cpr"] = c.cpr ? json(CprView(*c.cpr, options.reveal_cpr)) : json(nullptr);
  j["birth_date"] = DateOrNull(c.birth_date);
  auto age = c.AgeOn(x);
  j["age"] = age ? json(*age) : json(nullptr);
  j["municipality"] = c.registered ? json(c.MunicipalityOn(x)) : json(nullptr);
  j["registered"] = c.registered ? json(c.registered_on.ToString()) : json(nullptr);
  j["referred_by"] =
      c.referred_by ? json(std::string(NameOf(kReferralNames, *c.referred_by))) : json(nullptr);

  const bool dead = c.DeadOn(x);
  const SituationSpan* span = c.SpanOn(x);
  j["situation"] = span ? json(std::string(SituationName(span->situation))) : json(nullptr);
  j["situation_since"] = span ? DateOrNull(c.RunStart(x, span->situation)) : json(nullptr);
  j["ready_for_housing"] = span && span->situation == Situation::kShelter
                               ? json(span->ready_for_housing)
                               : json(nullptr);
  j["homeless"] = !dead && c.registered && c.registered_on <= x && c.HomelessOn(x);
  j["dead"] = dead;
  j["died"] = dead ? DateOrNull(c.died) : json(nullptr);

  json timeline = json::array();
  for (size_t i = 0; i < c.situations.size() && c.situations[i].from <= x; ++i) {
    const SituationSpan& s = c.situations[i];
    const bool has_next = i + 1 < c.situations.size() && c.situations[i + 1].from <= x;
    timeline.push_back(
        {{"from", s.from.ToString()},
         {"to", has_next ? json(c.situations[i + 1].from.AddDays(-1).ToString()) : json(nullptr)},
         {"situation", std::string(SituationName(s.situation))},
         {"ready_for_housing", s.ready_for_housing}});
  }
  j["timeline"] = timeline;

  json courses = json::array();
  for (const CourseInfo& k : c.courses) {
    if (k.start > x) continue;
    const bool ended = k.end && *k.end <= x;
    courses.push_back({{"course", k.id},
                       {"method", std::string(MethodName(k.method))},
                       {"worker", k.worker},
                       {"start", k.start.ToString()},
                       {"end", ended ? json(k.end->ToString()) : json(nullptr)},
                       {"end_reason", ended && k.end_reason ? json(std::string(NameOf(
                                                                  kEndReasonNames, *k.end_reason)))
                                                            : json(nullptr)},
                       {"phase", k.method == Method::kCTI ? json(k.PhaseOn(x)) : json(nullptr)},
                       {"open", k.OpenOn(x)}});
  }
  j["courses"] = courses;

  j["action_plan_first"] = c.HasActionPlanBy(x) ? DateOrNull(c.first_action_plan) : json(nullptr);
  json plans = json::array();
  for (const Entry* e : c.entries) {
    if (e->date > x) break;
    if (const auto* p = e->As<ActionPlan>())
      plans.push_back({{"date", e->date.ToString()},
                       {"status", std::string(NameOf(kPlanStatusNames, p->status))}});
  }
  j["action_plans"] = plans;

  json releases = json::array();
  const PlannedRelease* in_force = c.ReleaseInForce(x);
  for (const PlannedRelease& r : c.releases) {
    if (r.date > x) break;
    releases.push_back({{"date", r.date.ToString()},
                        {"from", std::string(NameOf(kReleaseFromNames, r.from))},
                        {"expected", r.expected.ToString()},
                        {"housing_solution", r.housing_solution},
                        {"in_force", &r == in_force}});
  }
  j["releases"] = releases;

  json alerts = json::array();
  if (options.include_alerts)
  for (const Alert& a : AlertsFor(c, x, options.thresholds))
    alerts.push_back({{"rule", a.rule},
                      {"citizen", a.citizen},
                      {"municipality", a.municipality},
                      {"since", a.since.ToString()},
                      {"text", AlertRuleNameDa(a.rule)}});
  j["alerts"] = alerts;

  if (options.include_recommendation) j["recommendation"] = RecommendationJson(Recommend(c, x));

  if (options.include_entries) {
    json entries = json::array();
    for (auto it = c.entries.rbegin(); it != c.entries.rend(); ++it) {
      const Entry& e = **it;
      if (e.date > x) continue;
      if (options.show_entry && !options.show_entry(e)) continue;
      json ej = ToJson(e);
      if (ej.contains("cpr") && ej["cpr"].is_string())
        ej["cpr"] = CprView(ej["cpr"].get<std::string>(), options.reveal_cpr);
      entries.push_back(std::move(ej));
    }
    j["entries"] = entries;
  }
  return j;
}

std::string CitizenText(const CitizenCourse& c, const CitizenViewOptions& options) {
  const json j = CitizenJson(c, options);
  std::ostringstream out;
  auto line = [&](const std::string& label, const std::string& value) {
    out << "  " << Pad(label + ":", 17) << value << "\n";
  };

  out << "Borger " << c.key << "\n";
  line("Navn", Str(j["name"]));
  line("CPR", Str(j["cpr"]));
  std::string born = Str(j["birth_date"]);
  if (j["age"].is_number()) born += " (" + j["age"].dump() + " år)";
  line("Født", born);
  line("Kommune", MunicipalityText(j["municipality"]));
  std::string registered = Str(j["registered"]);
  if (j["referred_by"].is_string())
    registered += ", henvist af: " + LabelDa("referral", j["referred_by"].get<std::string>());
  line("Registreret", registered);
  if (j["dead"].get<bool>()) line("Død", Str(j["died"]));

  out << "\nSituation pr. " << options.as_of.ToString() << "\n";
  if (j["situation"].is_string()) {
    line("Situation", LabelDa("situation", j["situation"].get<std::string>()) + " siden " +
                          Str(j["situation_since"]));
    line("Hjemløs", YesNo(j["homeless"]));
    if (j["ready_for_housing"].is_boolean()) line("Klar til bolig", YesNo(j["ready_for_housing"]));
  } else {
    out << "  Ingen boligsituation registreret.\n";
  }

  out << "\nTidslinje\n";
  if (j["timeline"].empty()) out << "  (ingen)\n";
  for (const json& s : j["timeline"]) {
    std::string period = Str(s["from"]) + " – " + Str(s["to"], "nu");
    std::string what = LabelDa("situation", s["situation"].get<std::string>());
    if (s["situation"] == "shelter" && s["ready_for_housing"].get<bool>())
      what += ", klar til bolig";
    out << "  " << Pad(period, 26) << what << "\n";
  }

  out << "\nForløb\n";
  if (j["courses"].empty()) out << "  (ingen)\n";
  for (const json& k : j["courses"]) {
    std::string text = Column(LabelDa("method", k["method"].get<std::string>()), 13) +
                       Pad(Str(k["course"]), 18) + "medarbejder " + Str(k["worker"]) + ", " +
                       Str(k["start"]) + " – ";
    if (k["open"].get<bool>()) {
      text += "(åbent)";
    } else {
      text += Str(k["end"]) + " (" + CodeDa("end_reason", k["end_reason"]) + ")";
    }
    if (k["phase"].is_number()) text += ", fase " + k["phase"].dump();
    out << "  " << text << "\n";
  }

  out << "\nHandleplan (§141)\n";
  if (j["action_plans"].empty()) out << "  Ingen handleplan registreret.\n";
  for (const json& p : j["action_plans"])
    out << "  " << Pad(Str(p["date"]), 12) << CodeDa("plan", p["status"]) << "\n";

  out << "\nLøsladelser og udskrivninger\n";
  if (j["releases"].empty()) out << "  (ingen planlagt)\n";
  for (const json& r : j["releases"]) {
    out << "  Planlagt " << Str(r["date"]) << ": fra " << CodeDa("release_from", r["from"])
        << ", forventet " << Str(r["expected"]) << ", "
        << (r["housing_solution"].get<bool>() ? "med boligløsning" : "UDEN boligløsning")
        << (r["in_force"].get<bool>() ? "" : " (erstattet)") << "\n";
  }

  out << "\nAdvarsler\n";
  if (j["alerts"].empty()) out << "  (ingen)\n";
  for (const json& a : j["alerts"])
    out << "  " << Str(a["text"]) << " (" << Str(a["rule"]) << "), "
        << LabelDa("alert_since", Str(a["rule"])) << " " << Str(a["since"]) << "\n";

  if (j.contains("recommendation")) {
    const json& r = j["recommendation"];
    out << "\nAnbefaling\n";
    if (!r["assessed"].get<bool>()) {
      out << "  Ingen udredning endnu; en anbefaling kræver en udredning af støttebehovene.\n";
    } else {
      line("Metode", Str(r["method"]) + " (regel " + Str(r["rule"]) + ")");
      line("Udredning", Str(r["assessed_on"]));
      line("Ungemodellen", YesNo(r["youth_model"]));
      for (const json& reason : r["reasons_da"]) out << "  - " << Str(reason) << "\n";
    }
  }

  if (j.contains("entries")) {
    out << "\nJournal (nyeste først)\n";
    if (j["entries"].empty()) out << "  (ingen)\n";
    for (const json& e : j["entries"]) {
      std::string by = e.contains("by") ? " af " + Str(e["by"]) : "";
      out << "  " << Pad(Str(e["date"]), 12) << Column(LabelDa("kind", Str(e["kind"])), 21)
          << EntryDetails(e) << "  [" << Str(e["id"]) << by << "]\n";
    }
  }
  return out.str();
}

}  // namespace tov::report
