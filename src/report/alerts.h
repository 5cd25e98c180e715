// Alerts on the strategy's targets (docs/indicators.md, docs/housing.md): eight rules, each naming a citizen, with
// thresholds that each municipality may change (defaults from Ballerup's strategy).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/journal.h"

namespace tov::report {

struct Thresholds {
  int shelter_months = 6;    // Ballerup 2016: at most 6 months in a shelter when ready to move
  int youth_age = 30;        // no one under 30 in a shelter
  int cti_months = 9;        // CTI is a 9-month course
  int release_days = 30;     // release/discharge within this many days without housing
  int action_plan_days = 30; // §141 plan offered within this many days of registration
  int offer_days = 14;       // an offer unanswered for longer is stalled (DESIGN §9)
  // The priority weights of the waiting list (DESIGN §9; docs/housing.md): points per day
  // homeless in the last 3 years, and for being in the street, under 30, due out of an
  // institution within 30 days without a home, in a shelter and ready for housing.
  int priority_homeless_day = 1;
  int priority_street = 365;
  int priority_youth = 180;
  int priority_release = 180;
  int priority_shelter_ready = 90;
  // Fidelity norms of the implementation report (DESIGN §10): open courses per staff member at
  // most (DACTS H1 "small caseload": ACT about 10; ICM and CTI 15).
  int caseload_norm_act = 10;
  int caseload_norm_icm = 15;
  int caseload_norm_cti = 15;
  friend bool operator==(const Thresholds&, const Thresholds&) = default;
};

// The setting keys of Thresholds, for the settings table and the CLI.
const std::vector<std::string>& ThresholdKeys();
// Applies `value` to the field named `key`; false when the key is unknown or the value is not a
// whole number in a sane range.
bool SetThreshold(Thresholds& t, const std::string& key, const std::string& value);
// The whole numbers a setting may take (nullopt for an unknown key), and its value in `t` (-1
// for an unknown key).
std::optional<std::pair<int, int>> ThresholdRange(const std::string& key);
int ThresholdValue(const Thresholds& t, const std::string& key);

// Settings as stored: (municipality code or "*" for all, key) → value.
using ThresholdSettings = std::map<std::pair<std::string, std::string>, std::string>;
// The thresholds of `municipality`: the defaults, then the "*" settings, then its own.
Thresholds ThresholdsFor(const ThresholdSettings& settings, const std::string& municipality);

struct Alert {
  std::string rule;
  std::string citizen;
  std::string municipality;
  Date since;  // first day the rule's condition held (docs/indicators.md)
};

struct AlertOptions {
  Date as_of;
  Timestamp known_at = Timestamp::Max();
  std::optional<std::string> municipality;
  Thresholds defaults;
  std::map<std::string, Thresholds> per_municipality;
};

// Alerts for one citizen's course as of X (empty for the dead and the not yet registered).
std::vector<Alert> AlertsFor(const CitizenCourse& c, Date x, const Thresholds& t);

// All alerts, sorted by rule, then citizen.
std::vector<Alert> Alerts(const Journal& journal, const AlertOptions& options);

// The follow-up of one alert (docs/indicators.md, "Following up an alert"): the citizen's
// alert_followup entries under the alert's rule dated on or after its `since` (an alert that
// ends and comes back starts afresh), in course order. The state is the latest acknowledged or
// assigned among them (a comment leaves it); none: new.
struct FollowupStep {
  Date date;
  Timestamp recorded;
  std::string by;
  FollowupAction action = FollowupAction::kComment;
  std::string assignee;
  std::string text;
};
struct Followup {
  enum class State { kNew, kAssigned, kAcknowledged };
  State state = State::kNew;
  std::string assignee;  // kAssigned: to whom
  std::string by;        // who set the state
  Date date;             // when the state was set
  std::vector<FollowupStep> history;  // every step of this alert's episode, oldest first
};
Followup FollowupOf(const CitizenCourse& c, const Alert& alert);
std::string_view FollowupStateName(Followup::State s);  // "new", "assigned", "acknowledged"

// `{"as_of": X, "alerts": [{"rule", "citizen", "municipality", "since"}, …]}`.
nlohmann::json AlertsJson(Date as_of, const std::vector<Alert>& alerts);

}  // namespace tov::report
