// The names of the journal's values (docs/journal-format.md) for people, in Danish and English:
// one table, used by the web pages (web/html.h, Label), the HTML status report and the citizen
// text. Also the report's age bands, and the Danish names and definitions of the report's
// indicators and alert rules. Pure: no I/O, no state that changes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tov::report {

// The tables (`table` below), one per vocabulary of the journal: kind, situation, referral,
// method, life_area, ordinary, plan, end_reason, mode, release_from, offer, activity, paragraph,
// need_level, decline_reason, unit_kind, approval_end, debt_to; and age_band, the age bands of the
// status report ("<18", "18-24", …, "60+"), and ineligible, the reasons a citizen on the waiting
// list is no candidate for a dwelling (docs/housing.md).
//
// With them, the glossary's phrases (docs/glossary.md), so that every page, the CLI and the
// reports say one thing one way: role, the name of each user role (docs/security.md) and of the
// command line's "operator"; kind_save, the button that records an entry of a kind ("Start
// forløbet"); kind_saved, the banner after it ("Forløbet er startet."); and alert_since, what an
// alert's `since` date is for its rule, a phrase to put before the date ("på herberg siden",
// "over grænsen siden").

// The ids of `table` in the journal's order (for form options and charts); empty for an unknown
// table. The codes only the status report uses (the methods "other" and "none" of the retention
// split, the referral "unknown") have names but are not listed here.
std::vector<std::string> LabelIds(std::string_view table);

// The Danish or English name of `id` in `table`, e.g. LabelDa("situation", "shelter") is
// "Herberg / forsorgshjem (§ 110)"; `id` itself when the table or the id is unknown.
std::string LabelDa(std::string_view table, std::string_view id);
std::string LabelEn(std::string_view table, std::string_view id);

// The Danish name and plain-words definition of a status report indicator (docs/indicators.md);
// the name is the id itself, and the definition "", when the id is unknown.
std::string IndicatorNameDa(const std::string& id);
std::string IndicatorDefinitionDa(const std::string& id);

// The Danish name of an alert rule ("youth_in_shelter", …) at the default thresholds: the
// glossary's LabelDa("alert_rule", rule); the rule itself when unknown.
std::string AlertRuleNameDa(const std::string& rule);

}  // namespace tov::report
