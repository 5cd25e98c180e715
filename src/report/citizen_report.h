// One citizen's course as of a date: the state, the situation timeline, open courses, plans,
// planned releases, alerts and the method recommendation — as JSON (for the API and the web
// pages) and as text (for `tovholder citizen show KEY`).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/citizen_course.h"
#include "report/alerts.h"

namespace tov::report {

struct CitizenViewOptions {
  Date as_of;
  Thresholds thresholds;
  // Which entries are listed (every one when empty); the access policy's filter in src/app.
  std::function<bool(const Entry&)> show_entry;
  bool include_recommendation = true;
  bool include_alerts = true;
  bool include_entries = true;  // the journal entries, newest first
  bool reveal_cpr = false;      // otherwise the CPR is masked DDMMYY-xxxx
};

// {"citizen", "name", "cpr" (masked), "birth_date", "age", "municipality", "registered",
//  "situation", "situation_since", "homeless", "dead", "timeline": [{"from","to","situation",
//  "ready_for_housing"}], "courses": [{"course","method","worker","start","end","phase","open"}],
//  "action_plan_first", "releases": [...], "alerts": [...], "recommendation": {...},
//  "entries": [...]}
nlohmann::json CitizenJson(const CitizenCourse& c, const CitizenViewOptions& options);

// A readable text page of the same, for the terminal.
std::string CitizenText(const CitizenCourse& c, const CitizenViewOptions& options);

}  // namespace tov::report
