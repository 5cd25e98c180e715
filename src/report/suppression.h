// Small-cell suppression for the national audience (DESIGN §5, docs/indicators.md "National
// audience"). The status report's JSON, CSV and HTML all take their figures from the report JSON
// that SuppressNational has hidden cells in, so the CLI, the API and the pages hide the same cells.
//
// Primary suppression hides every count of 1–4 (a whole figure when its value is 1–4, else each
// split cell of 1–4), every rate whose numerator, denominator or their difference is 1–4, and every
// median or day count built on 1–4 citizens or dwellings. Secondary suppression then hides the
// smallest shown cells until no hidden cell (and no hidden rate's difference) can be worked out
// from what is shown through the report's additive relations: split cells sum to their figure,
// municipalities sum to the total, and the relations between figures (ReportTable::BuildArea in
// suppression.cc lists them). "Worked out" is linear algebra over the rationals (a cell is
// determined when every solution of the shown relations gives it the same value) plus the bound
// that a split key that is listed is at least 1.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tov::report {

// What a figures object (the total's or one municipality's) is built on without showing it.
struct SuppressionBases {
  int64_t days_to_housing = 0;   // first move-ins behind `days_to_housing_median`
  int64_t wait_days = 0;         // move-ins behind `housing_wait_days_median`
  int64_t vacant_dwellings = 0;  // dwellings behind `vacant_unit_days_12m`
};

// Turns an unsuppressed report {"total": …, "municipalities": {code: …}} into the national one in
// place: `caseload` becomes {"value": open courses, "by_method": {…}} (no worker), and hidden
// cells become {"suppressed": true}. `bases` holds the bases of each municipality by code and of
// the total under "" . REQUIRES: the figures as StatusReport writes them for the municipal
// audience. Deterministic: the same report gives the same cells hidden.
void SuppressNational(nlohmann::json& report, const std::map<std::string, SuppressionBases>& bases);

// What a youth report's figures object is built on without showing it: the citizens behind the
// days of `youth_stays` and behind each of its situations.
struct YouthSuppressionBases {
  int64_t stay_citizens = 0;
  std::map<std::string, int64_t> stay_citizens_by_situation;
};

// The youth report's national audience (DESIGN §5 applied to §10's youth figures), in place: a
// cohort or age band of 1–4 is hidden; a share hides with its cohort, and when its numerator, its
// cohort or their difference is 1–4; a background share (of those with a background) when its
// numerator, base or difference is 1–4, and with the share of those with a background; the days
// of `youth_stays` (and of a situation) when they rest on 1–4 citizens. Then secondary
// suppression as SuppressNational's: no hidden cell can be worked out through the cohort's age
// bands, the stays' situations and the municipalities' sum to the total.
void SuppressNationalYouth(nlohmann::json& report, const std::map<std::string, YouthSuppressionBases>& bases);

// Secondary suppression of one sum: values[0] is the whole, values[1…] its parts (whole = sum of
// parts), and `hidden` the cells hidden first. Returns the hidden cells after hiding the smallest
// shown ones until none can be found by subtraction (used for the HTML trend charts).
std::vector<bool> SuppressSum(const std::vector<int64_t>& values, std::vector<bool> hidden);

}  // namespace tov::report
