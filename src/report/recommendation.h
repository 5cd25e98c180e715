// Method recommendation from the latest assessment (docs/design.md, the strategy): ACT, ICM or CTI, plus the youth
// model "Vejen til uddannelse og beskæftigelse" for ages 18–29, with the reasons in words.
// The rule is a small table of conditions (recommendation.cc), tried in order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/citizen_course.h"

namespace tov::report {

struct Recommendation {
  bool assessed = false;           // false: no assessment yet (then nothing else is set)
  Date assessed_on;
  std::optional<Method> method;    // ACT, ICM or CTI
  bool youth_model = false;        // aged 18–29 on the date asked
  std::string rule;                // id of the table row that matched, e.g. "act-complex-needs"
  std::vector<std::string> reasons_da;  // one sentence per reason, Danish
  std::vector<std::string> reasons_en;  // the same in English
};

// The recommendation for the citizen as of `x` (from the latest assessment dated on or before x).
Recommendation Recommend(const CitizenCourse& c, Date x);

}  // namespace tov::report
