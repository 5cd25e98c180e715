// Tests for domain/entry_binary: every kind with all its fields or only the required ones, and
// every entry of a demo journal, come back equal; no CPR number is in the binary form; damage
// is refused, never read past.
#include "domain/entry_binary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "demo/demo.h"
#include "domain/entry_json.h"
#include "domain/entry_kinds_for_test.h"

namespace tov {
namespace {

using json = nlohmann::json;

const ParseOptions kParse{Timestamp::Max(), true};

// `e` through its binary form, with what a store keeps apart put back (id, recorded, by,
// position, CPR number).
Entry RoundTrip(const Entry& e) {
  auto d = DecodeEntryBinary(EncodeEntryBinary(e));
  EXPECT_TRUE(d.ok()) << ToJson(e).dump() << ": " << d.status().ToString();
  if (!d.ok()) return Entry{};
  Entry out = std::move(*d);
  out.id = e.id;
  out.recorded = e.recorded;
  out.by = e.by;
  out.seq = e.seq;
  if (auto* r = std::get_if<Registered>(&out.body)) r->cpr = e.As<Registered>()->cpr;
  if (auto* i = std::get_if<Identified>(&out.body)) i->cpr = e.As<Identified>()->cpr;
  return out;
}

TEST(EntryBinaryTest, EveryKindWithEveryFieldComesBackEqual) {
  std::set<Kind> kinds;
  for (const auto& k : testing_kinds::AllKinds()) {
    auto e = ParseEntry(testing_kinds::Valid(k), kParse);
    ASSERT_TRUE(e.ok()) << k.kind << ": " << e.status().ToString();
    e->seq = 42;
    EXPECT_TRUE(RoundTrip(*e) == *e) << k.kind;
    kinds.insert(e->kind());
  }
  EXPECT_EQ(kinds.size(), kKindNames.size());
}

TEST(EntryBinaryTest, EveryKindWithOnlyItsRequiredFieldsComesBackEqual) {
  int parsed = 0;
  for (const auto& k : testing_kinds::AllKinds()) {
    json full = testing_kinds::Valid(k);
    json j = full;
    for (auto it = k.body.begin(); it != k.body.end(); ++it)
      if (std::find(k.required.begin(), k.required.end(), it.key()) == k.required.end()) j.erase(it.key());
    j.erase("by");
    auto e = ParseEntry(j, kParse);
    if (!e.ok()) continue;  // a kind that needs one of its optional fields (a registration's CPR or name)
    ++parsed;
    EXPECT_TRUE(RoundTrip(*e) == *e) << k.kind;
  }
  EXPECT_GE(parsed, 25);
}

TEST(EntryBinaryTest, EveryEntryOfADemoJournalComesBackEqual) {
  demo::DemoOptions o;
  o.citizens = 300;
  o.seed = 3;
  std::set<Kind> kinds;
  size_t n = 0;
  for (const json& line : demo::GenerateAll(o)) {
    auto e = ParseEntry(line, kParse);
    ASSERT_TRUE(e.ok()) << line.dump();
    e->seq = static_cast<int64_t>(++n);
    ASSERT_TRUE(RoundTrip(*e) == *e) << line.dump();
    kinds.insert(e->kind());
  }
  EXPECT_GT(n, 5000u);
  EXPECT_GE(kinds.size(), 20u);
}

TEST(EntryBinaryTest, HoldsNoCprNumber) {
  for (const char* kind : {"registered", "identified"}) {
    for (const auto& k : testing_kinds::AllKinds()) {
      if (k.kind != kind) continue;
      auto e = ParseEntry(testing_kinds::Valid(k), kParse);
      ASSERT_TRUE(e.ok());
      const std::string bin = EncodeEntryBinary(*e);
      EXPECT_EQ(bin.find("150685"), std::string::npos) << kind;
      EXPECT_EQ(bin.find("1234"), std::string::npos) << kind;
      auto d = DecodeEntryBinary(bin);
      ASSERT_TRUE(d.ok());
      EXPECT_FALSE(GivenCpr(*d) && !GivenCpr(*d)->empty()) << kind;
    }
  }
}

// Every prefix of every kind's form, the form with a byte more, another version, an unknown kind
// and an enumeration's value beyond its names: each refused as damage, none read past its end
// (ASan would tell).
TEST(EntryBinaryTest, DamageIsRefusedAndNeverReadPast) {
  for (const auto& k : testing_kinds::AllKinds()) {
    auto e = ParseEntry(testing_kinds::Valid(k), kParse);
    ASSERT_TRUE(e.ok());
    const std::string bin = EncodeEntryBinary(*e);
    for (size_t n = 0; n < bin.size(); ++n) {
      auto d = DecodeEntryBinary(std::string_view(bin).substr(0, n));
      ASSERT_FALSE(d.ok()) << k.kind << " cut at " << n;
      EXPECT_EQ(d.status().code(), StatusCode::kInternal);
      EXPECT_EQ(d.status().message().rfind("is damaged", 0), 0u) << d.status().message();
    }
    EXPECT_FALSE(DecodeEntryBinary(bin + '\0').ok()) << k.kind;
    for (size_t i = 0; i < bin.size(); ++i) {  // any byte changed: refused or read whole, never past
      std::string x = bin;
      x[i] = static_cast<char>(0xff);
      (void)DecodeEntryBinary(x);
    }
  }
  Entry housing;
  housing.citizen = "151-0001";
  housing.municipality = "151";
  housing.body = Housing{Situation::kStreet, std::nullopt};
  std::string bin = EncodeEntryBinary(housing);
  ASSERT_TRUE(DecodeEntryBinary(bin).ok());
  std::string other_version = bin;
  other_version[0] = 2;
  EXPECT_EQ(DecodeEntryBinary(other_version).status().message(), "is damaged: not of binary version 1");
  std::string no_kind = bin;
  no_kind[1] = static_cast<char>(kKindNames.size());
  EXPECT_EQ(DecodeEntryBinary(no_kind).status().message(), "is damaged: no such kind");
  std::string no_situation = bin;
  no_situation[bin.size() - 2] = static_cast<char>(kSituationNames.size());  // then the absent readiness
  EXPECT_FALSE(DecodeEntryBinary(no_situation).ok());
  no_situation[bin.size() - 2] = static_cast<char>(kSituationNames.size() - 1);
  EXPECT_TRUE(DecodeEntryBinary(no_situation).ok());
}

}  // namespace
}  // namespace tov
