// Reading and writing journal entries as JSON (docs/journal-format.md).
//
// ParseEntry checks one entry on its own: types, required and unknown fields, allowed values,
// real dates, known municipality codes, a `recorded` not in the future. It reports every problem
// at once as `field: reason`. Checks that need the rest of the journal (the citizen is
// registered, a voided id exists, ids are unique) are in journal_check.h.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "domain/entry.h"

namespace tov {

// The longest free text of an entry (a note, a goal, an implementation status's remark), and
// of a name or an association, in characters (Unicode code points, not bytes). Every string
// limit of ParseEntry counts characters (docs/journal-format.md).
inline constexpr size_t kMaxTextLength = 20000;
inline constexpr size_t kMaxNameLength = 200;

struct ParseOptions {
  Timestamp now;               // `recorded` defaults to now and may not be later
  bool allow_missing_recorded = true;
};

// Parses one entry from a JSON object. On failure the Status is kInvalidArgument with one
// FieldError per problem.
StatusOr<Entry> ParseEntry(const nlohmann::json& j, const ParseOptions& options);

// Parses one line of JSON Lines (reports malformed JSON under the field "json").
// With `canonical`, also gives the line re-written from its parsed JSON (one value per key, so a
// duplicate key cannot hide text in what is stored).
StatusOr<Entry> ParseEntryLine(std::string_view line, const ParseOptions& options,
                               std::string* canonical = nullptr);

// Writes the entry back in the interchange format; ParseEntry(ToJson(e)) == e.
nlohmann::json ToJson(const Entry& e);

}  // namespace tov
