// The youth report (report/youth_report.h) as printable HTML in Danish: per municipality and in
// total the figures of the youth model, each with its definition in plain words, and two charts
// as inline SVG (the shares; the days in each situation). The CSV is the status report's columns
// (report/status_csv.h). Both read only the report's JSON, so that the national audience's hidden
// cells stay hidden.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tov::report {

// The body part (a header, one section for the total and one per municipality), for a page that
// embeds it.
std::string YouthReportHtmlBody(const nlohmann::json& report);

// A whole HTML document (lang="da", the status report's print CSS, no external resources).
std::string YouthReportHtml(const nlohmann::json& report);

// The Danish name and definition of a youth report id (docs/indicators.md, "The youth report");
// the id itself and "" when unknown.
std::string YouthIndicatorNameDa(const std::string& id);
std::string YouthIndicatorDefinitionDa(const std::string& id);

}  // namespace tov::report
