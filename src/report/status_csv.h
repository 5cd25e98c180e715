// The status report as CSV: one row per municipality, indicator and split, for spreadsheets.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tov::report {

// Columns: municipality,indicator,split,key,numerator,denominator,value (RFC 4180, header row,
// "total" as the municipality of the total). Deterministic for a given report.
std::string StatusReportCsv(const nlohmann::json& report);

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& s);

}  // namespace tov::report
