// The journal in memory: every entry, indexed by id, citizen, dwelling and course, and the checks
// an entry must pass against the rest of the journal before it may be appended
// (docs/journal-format.md, docs/housing.md): unique ids, the citizen is registered (once), a void
// names an existing entry of the same citizen (or dwelling) that is not itself a void, course
// phases and ends name a started course, a citizen's key is never a dwelling's, and the offers of
// a listed dwelling keep to the allocation's rules (one open offer per dwelling and per citizen,
// a move-in only while the dwelling is vacant).
//
// Pure and single-threaded; the app layer owns one Journal and serialises access to it.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "domain/citizen_course.h"
#include "domain/entry.h"

namespace tov {

// A problem with the entry at `index` of a batch.
struct BatchError {
  size_t index;
  FieldError error;
};

class Journal {
 public:
  Journal() = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Checks `batch` against the journal and against itself (in batch order), and assigns ids
  // (`e<seq>`) to entries without one. Returns every problem found; empty when all pass.
  std::vector<BatchError> Check(std::vector<Entry>& batch) const;

  // Adds entries that passed Check and were stored (seq set). Pointers stay valid.
  void Add(Entry entry);

  size_t size() const { return entries_.size(); }
  int64_t last_seq() const { return last_seq_; }
  const std::deque<Entry>& entries() const { return entries_; }
  const Entry* FindEntry(std::string_view id) const;
  // Citizen keys in order of first registration.
  const std::vector<std::string>& citizens() const { return citizen_order_; }
  bool HasCitizen(std::string_view key) const { return by_citizen_.count(std::string(key)) > 0; }
  const std::vector<const Entry*>& EntriesOf(std::string_view key) const;
  // Dwelling keys in order of their first entry, and a dwelling's entries: its own
  // (unit_listed, unit_withdrawn, voids of them), the housing offers naming it and voids of those.
  const std::vector<std::string>& units() const { return unit_order_; }
  bool HasUnit(std::string_view key) const { return by_unit_.count(std::string(key)) > 0; }
  const std::vector<const Entry*>& EntriesOfUnit(std::string_view key) const;
  // The citizens with a housing_approved entry (voided or not), in order of the first: those who
  // may be on a waiting list.
  const std::vector<std::string>& approved_citizens() const { return approved_; }
  // The citizen's course as known at `known_at`.
  CitizenCourse CourseOf(std::string_view key, Timestamp known_at = Timestamp::Max()) const;

 private:
  // `batch_listed`: the unit_listed entries of the batch, by dwelling.
  bool HasListing(const std::string& unit, const std::unordered_map<std::string_view, std::vector<const Entry*>>& batch_listed,
                  const std::function<bool(const std::string&)>& is_voided) const;
  void CheckOffers(const std::vector<Entry>& batch,
                   const std::unordered_map<std::string_view, std::vector<const Entry*>>& batch_listed,
                   const std::function<bool(const std::string&)>& is_voided,
                   std::vector<BatchError>& errors) const;

  struct CourseRef {
    std::string citizen;
    Method method;
  };
  std::deque<Entry> entries_;
  int64_t last_seq_ = 0;
  std::unordered_map<std::string, const Entry*> by_id_;
  std::unordered_map<std::string, std::vector<const Entry*>> by_citizen_;
  std::unordered_map<std::string, std::vector<const Entry*>> by_unit_;
  std::vector<std::string> unit_order_;
  std::vector<std::string> approved_;
  std::unordered_set<std::string> approved_set_;
  std::unordered_map<std::string, CourseRef> courses_;
  std::unordered_set<std::string> voided_;  // ids named by a void
  std::vector<std::string> citizen_order_;
};

}  // namespace tov
