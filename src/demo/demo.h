// Synthetic demo journals (`tovholder demo --citizens N`, docs/cli.md): a deterministic population
// of homeless citizens in the 26 municipalities of the implementation programme, written as
// journal entries in the interchange format of docs/journal-format.md, in non-decreasing `recorded` order.
//
// The same options always give the same entries, byte for byte when dumped: the generator uses
// its own PRNG (splitmix64) and integer arithmetic only, and never reads the clock.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tov::demo {

struct DemoOptions {
  int citizens = 1000;
  uint64_t seed = 1;
  // YYYY-MM-DD, the last date anything may happen (no `date` and no `recorded` after this day's
  // 23:59:59Z). Passed in; the generator never reads the clock.
  std::string today = "2026-11-30";
  int years = 4;  // citizens are registered over the `years` years up to `today`
  // Seconds since the epoch: no `recorded` later than this, even on `today` (the moment of the run,
  // so that a demo journal exported today imports again today; the caller reads the clock).
  int64_t not_after = INT64_MAX;
};

// Why the options cannot be used (today not a real YYYY-MM-DD in 1970–2199, citizens outside
// 0..10,000,000, years outside 1..50), or nullopt when they can.
std::optional<std::string> CheckOptions(const DemoOptions& options);

// Calls `sink` once per journal entry (docs/journal-format.md: `id`, `citizen`, `municipality`, `kind`,
// `date`, `recorded`, `by` and the kind's fields), in non-decreasing `recorded` order; ids are
// "d1", "d2", … in output order. Emits nothing when CheckOptions fails.
// Memory: about 40 bytes per entry while generating (≈36 entries per citizen with 4 years).
void Generate(const DemoOptions& options, const std::function<void(const nlohmann::json&)>& sink);

// All entries of Generate in one vector (for tests and small demos).
std::vector<nlohmann::json> GenerateAll(const DemoOptions& options);

}  // namespace tov::demo
