// The implementation report (report/implementation.h) as CSV and as printable HTML in Danish:
// per municipality the stage of each method, the travel team's support, and the fidelity figures
// against their norms, each with its definition in plain words.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tov::report {

// Columns: municipality,section,id,split,key,numerator,denominator,value,norm (RFC 4180, header
// row). Sections: methods (key: method, value: stage, norm: the stage's date), support
// (support_minutes_12m and its splits), fidelity (each id, per method, per worker, per phase).
std::string ImplementationCsv(const nlohmann::json& report);

// The body part (one section per municipality), for a page that embeds it.
std::string ImplementationHtmlBody(const nlohmann::json& report);

// The fidelity figures of one municipality (its "fidelity" object), each under a heading of
// `heading_level` with the Danish definition, for a page that has its own headings.
std::string ImplementationFidelityHtml(const nlohmann::json& fidelity, int heading_level, const std::string& id_prefix);

// A whole HTML document (lang="da", the status report's print CSS, no external resources).
std::string ImplementationHtml(const nlohmann::json& report);

// Danish names of the methods, stages, kinds of support and topics (DESIGN §10).
std::string ImplMethodLabel(const std::string& id);
std::string ImplStageLabel(const std::string& id);
std::string SupportKindLabel(const std::string& id);
std::string SupportTopicLabel(const std::string& id);

}  // namespace tov::report
