// Fuzz target: one line of the journal (docs/journal-format.md) through the entry parser
// (domain/entry_json.h). Properties: the parser never crashes, leaks or hits UB; a refused line
// says why (at least one field error, each with a reason); an accepted entry survives
// the round trip ToJson → ParseEntry unchanged, and so does the canonical line it gives, and so
// does it through its binary form (domain/entry_binary.h, the stores' form), which decodes the
// input itself too without harm.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/entry_binary.h"
#include "domain/entry_json.h"
#include "fuzz_util.h"

using tov::ParseOptions;
using tov::Timestamp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  ParseOptions options{*tov::ParseTimestamp("2030-01-01T00:00:00Z"), true};
  if (auto bin = tov::DecodeEntryBinary(line); bin.ok()) {
    auto again = tov::DecodeEntryBinary(tov::EncodeEntryBinary(*bin));
    FUZZ_CHECK(again.ok() && *again == *bin, "a decoded binary form does not survive its own round trip");
  }
  std::string canonical;
  auto entry = tov::ParseEntryLine(line, options, &canonical);
  if (!entry.ok()) {
    FUZZ_CHECK(!entry.status().field_errors().empty(), entry.status().message());
    for (const auto& e : entry.status().field_errors()) {
      FUZZ_CHECK(!e.reason.empty(), entry.status().message());  // (a key "" is a field "")
    }
    return 0;
  }
  // An entry gets its id from Journal::Check when it has none (ToJson writes what it holds).
  if (entry->id.empty()) entry->id = "e1";
  const nlohmann::json j = tov::ToJson(*entry);
  auto again = tov::ParseEntry(j, options);
  FUZZ_CHECK(again.ok(), j.dump() + "\n" + again.status().message());
  FUZZ_CHECK(tov::ToJson(*again) == j, j.dump() + "\n" + tov::ToJson(*again).dump());
  auto from_canonical = tov::ParseEntryLine(canonical, options);
  FUZZ_CHECK(from_canonical.ok(), canonical + "\n" + from_canonical.status().message());
  if (from_canonical->id.empty()) from_canonical->id = "e1";
  FUZZ_CHECK(tov::ToJson(*from_canonical) == j, canonical);
  auto bin = tov::DecodeEntryBinary(tov::EncodeEntryBinary(*entry));
  FUZZ_CHECK(bin.ok(), j.dump() + "\n" + bin.status().message());
  bin->id = entry->id;
  bin->recorded = entry->recorded;
  bin->by = entry->by;
  if (auto* r = std::get_if<tov::Registered>(&bin->body)) r->cpr = entry->As<tov::Registered>()->cpr;
  if (auto* i = std::get_if<tov::Identified>(&bin->body)) i->cpr = entry->As<tov::Identified>()->cpr;
  FUZZ_CHECK(*bin == *entry, j.dump());
  return 0;
}
