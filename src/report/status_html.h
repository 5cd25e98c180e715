// The status report as a self-contained, printable HTML page in Danish: one section per
// municipality and the total, figures with their definitions in plain words, charts as inline
// SVG.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/journal.h"
#include "report/status_report.h"

namespace tov::report {

// A whole HTML document (<!doctype html>, lang="da", inline CSS, no external resources) for the
// report made with `options` over `journal` (the journal is needed for the 24-month trend).
std::string StatusReportHtml(const nlohmann::json& report, const Journal& journal,
                             const StatusOptions& options);

// The body part only (sections, no <html>/<head>), for embedding in the web application's page.
// With `section`, only that section and no table of contents: "" the total's, a code that
// municipality's (the figures, and nationally what is hidden, stay those of the whole report, so
// that a report read one section at a time shows exactly what the whole report shows).
std::string StatusReportHtmlBody(const nlohmann::json& report, const Journal& journal,
                                 const StatusOptions& options,
                                 const std::optional<std::string>& section = std::nullopt);

// The print-ready CSS of the report page, for a page that embeds StatusReportHtmlBody.
const std::string& StatusReportCss();

}  // namespace tov::report
