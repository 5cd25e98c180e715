// One valid entry of every kind with every optional field set, for the tests of the entry's
// forms (entry_json_test, entry_binary_test). Test code only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tov::testing_kinds {

using json = nlohmann::json;

inline json Common(const std::string& kind) {
  return json{{"id", "x1"},
              {"citizen", "151-0001"},
              {"municipality", "151"},
              {"kind", kind},
              {"date", "2024-03-01"},
              {"recorded", "2024-03-01T09:00:00Z"},
              {"by", "w151-a"}};
}

inline json With(json base, const json& fields) {
  for (auto it = fields.begin(); it != fields.end(); ++it) base[it.key()] = it.value();
  return base;
}

struct KindCase {
  std::string kind;
  json body;                              // the kind's fields, all of them given
  std::vector<std::string> required;      // its required fields (docs/journal-format.md)
};

// One valid entry of every kind, with every optional field set, and the required fields.
inline std::vector<KindCase> AllKinds() {
  return {
      {"registered",
       {{"cpr", "150685-1234"}, {"name", "Anna"}, {"referred_by", "outreach"}},
       {}},
      {"housing", {{"situation", "shelter"}, {"ready_for_housing", true}}, {"situation"}},
      {"assessment",
       {{"needs",
         {{"housing", 4}, {"mental_health", 3}, {"physical_health", 0}, {"finances", 2},
          {"daily_living", 1}, {"network", 2}, {"substance_use", 3}, {"education_work", 1}}},
        {"uses_ordinary_services", "partly"},
        {"transition_only", false}},
       {"needs", "uses_ordinary_services"}},
      {"decision", {{"paragraph", "85a"}, {"granted", true}}, {"paragraph", "granted"}},
      {"action_plan", {{"status", "accepted"}}, {"status"}},
      {"course_started",
       {{"course", "151-0001-cti"}, {"method", "CTI"}, {"worker", "w151-a"}},
       {"course", "method", "worker"}},
      {"course_phase", {{"course", "151-0001-cti"}, {"phase", 2}}, {"course", "phase"}},
      {"course_ended", {{"course", "151-0001-cti"}, {"reason", "goals_met"}}, {"course", "reason"}},
      {"contact", {{"worker", "w151-a"}, {"mode", "escort"}, {"minutes", 45}, {"place", "Hovedbanegården"}, {"night", true}},
       {"worker", "mode", "minutes"}},
      {"release_planned",
       {{"from", "prison"}, {"expected", "2024-04-15"}, {"housing_solution", false}},
       {"from", "expected", "housing_solution"}},
      {"housing_offer", {{"unit", "B-17"}, {"status", "declined"}, {"reason", "size"}}, {"unit", "status"}},
      {"youth_status", {{"activity", "job_seeking"}}, {"activity"}},
      {"moved", {{"to", "101"}}, {"to"}},
      {"died", json::object(), {}},
      {"note", {{"text", "Mødt på Hovedbanegården.\nVil gerne have egen bolig."}}, {"text"}},
      {"void", {{"entry", "x0"}}, {"entry"}},
      {"unit_listed",
       {{"unit_kind", "almen"}, {"rooms", 2}, {"rent", 6200}, {"deposit", 18600}, {"area", "nord"},
        {"accessible", true}, {"youth_only", false}, {"quota", true},
        {"association", "Ballerup Ejendomsselskab"}},
       {"unit", "unit_kind", "rooms", "rent"}},
      {"unit_withdrawn", json::object(), {"unit"}},
      {"housing_approved",
       {{"rooms_min", 1}, {"max_rent", 5000}, {"areas", {"nord", "syd"}}, {"accessible", false}},
       {"rooms_min"}},
      {"housing_approval_ended", {{"reason", "housed"}}, {"reason"}},
      {"deposit_loan", {{"amount", 14400}, {"granted", true}}, {"amount", "granted"}},
      {"housing_debt", {{"amount", 9000}, {"to", "housing_association"}}, {"amount", "to"}},
      {"youth_team",
       {{"members", json::array({{{"role", "coordinator"}, {"name", "Mette"}}, {{"role", "young_person"}},
                                 {{"role", "uu_guidance"}}, {{"role", "jobcentre"}, {"name", "Ali"}}})}},
       {"members"}},
      {"youth_background", {{"former_placement", true}, {"family_case", false}, {"own_family_case", false}},
       {"former_placement", "family_case", "own_family_case"}},
      {"youth_goal", {{"area", "education"}, {"text", "Begynde på HF i august"}, {"status", "progress"}},
       {"area", "text"}},
      {"support_activity",
       {{"activity", "network"}, {"topic", "cti"}, {"minutes", 180}, {"participants", 14}, {"with", {"730", "101"}}},
       {"activity", "topic", "minutes"}},
      {"implementation_status", {{"method", "CTI"}, {"stage", "implemented"}, {"text", "Tre CTI-medarbejdere"}},
       {"method", "stage"}},
      {"alert_followup", {{"rule", "no_action_plan"}, {"action", "assigned"}, {"assignee", "cw151-2"}, {"text", "Tag den i morgen"}},
       {"rule", "action", "assignee"}},
      {"identified", {{"cpr", "150685-1234"}, {"name", "Anna"}, {"consent", true}}, {"cpr", "consent"}},
  };
}

// A dwelling entry names the dwelling (`unit`) instead of a citizen.
inline json Valid(const KindCase& k) {
  json j = With(Common(k.kind), k.body);
  if (k.kind == "unit_listed" || k.kind == "unit_withdrawn") {
    j.erase("citizen");
    j["unit"] = "151-B0001";
  }
  if (k.kind == "support_activity" || k.kind == "implementation_status") j.erase("citizen");  // about 151
  return j;
}

}  // namespace tov::testing_kinds
