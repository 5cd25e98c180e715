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

#include <cstdint>
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

// The citizens a register (the store's blind index) names for a CPR number, given as its ten
// digits: every citizen ever registered with it, voided registrations included (the journal
// tells which still hold it).
using CprLookup = std::function<StatusOr<std::vector<std::string>>(const std::string& digits)>;

class Journal {
 public:
  Journal() = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Checks `batch` against the journal and against itself (in batch order), and assigns ids
  // (`e<seq>`) to entries without one. Returns every problem found; empty when all pass.
  // Besides the references, the plausibility of DESIGN §4 that needs other entries (nothing
  // before the citizen's birth, phases and ends not before their course's start, CTI phases
  // never back, replayed in course order with the stored entries) and one citizen per CPR number
  // (DESIGN §7): `cprs` finds the stored holders of a number; without it the journal looks
  // through its own registrations (slow: for tests and tools).
  std::vector<BatchError> Check(std::vector<Entry>& batch, const CprLookup& cprs = nullptr) const;

  // Whether `citizen`'s registration (not voided) gives them the CPR number `digits` (ten
  // digits, no dash).
  bool HoldsCpr(const std::string& citizen, std::string_view digits) const;

  // Adds entries that passed Check and were stored (seq set). Pointers stay valid.
  void Add(Entry entry);
  // Room for `entries` entries in all, so that a load does not rehash the id index as it grows.
  void Reserve(size_t entries);

  size_t size() const { return entries_.size(); }
  // The latest `recorded` of any entry (a report known at or after it is known at "everything").
  Timestamp max_recorded() const { return max_recorded_; }
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
  // The entries of the dwelling at `position` in units(), without looking up the key.
  const std::vector<const Entry*>& EntriesOfUnit(size_t position) const { return *unit_entries_[position]; }
  // The citizens with a housing_approved entry (voided or not), in order of the first: those who
  // may be on a waiting list.
  struct CitizenEntries {
    const std::string* key;
    const std::vector<const Entry*>* entries;  // as EntriesOf(key), without the lookup
    size_t position;                           // in citizens(), for CourseAt
  };
  const std::vector<CitizenEntries>& approved_citizens() const { return approved_; }
  // The entries about a municipality (support_activity, implementation_status and voids of
  // them), in journal order (DESIGN §10).
  const std::vector<const Entry*>& municipality_entries() const { return municipality_entries_; }
  // The citizen's course as known at `known_at`.
  CitizenCourse CourseOf(std::string_view key, Timestamp known_at = Timestamp::Max()) const;

  // The projection a server keeps (docs/design.md "Projections"): the course of every citizen
  // as known at everything, folded once on every core, and again for a citizen only when an
  // entry of theirs is added (RefreshCourses). The command line, which folds each citizen once
  // per run, does not keep them.
  void KeepCourses();
  bool keeps_courses() const { return keep_courses_; }
  // Folds again the kept courses of the citizens with entries added since the last refresh.
  // The owner calls it after its Adds, under the same exclusive lock.
  void RefreshCourses();
  // The citizen's course as known at `known_at`, the same as CourseOf: the kept one when
  // courses are kept, it is current, and nothing in the journal was recorded after `known_at`
  // (then every entry counts, as at Timestamp::Max()); otherwise folded into `scratch`.
  const CitizenCourse& CourseAt(std::string_view key, Timestamp known_at, CitizenCourse& scratch) const;
  // The same for the citizen at `position` in citizens(), without looking up the key: for the
  // reports, which walk every citizen.
  const CitizenCourse& CourseAt(size_t position, Timestamp known_at, CitizenCourse& scratch) const;

 private:
  // Batch positions by key: of a dwelling (its entries and the offers naming it), or of a
  // citizen's offers; built once per Check so that the allocation's checks stay linear.
  using BatchIndex = std::unordered_map<std::string_view, std::vector<size_t>>;
  bool HasListing(const std::string& unit, const std::vector<Entry>& batch, const BatchIndex& of_unit,
                  const std::function<bool(const std::string&)>& is_voided) const;
  void CheckOffers(const std::vector<Entry>& batch, const BatchIndex& of_unit,
                   const std::function<bool(const std::string&)>& is_voided,
                   std::vector<BatchError>& errors) const;

  struct CourseRef {
    std::string citizen;
    Method method;
    const Entry* start;  // the course_started entry (in the journal, or in the batch being checked)
  };
  using IsVoided = std::function<bool(const std::string&)>;
  bool HoldsCpr(const std::string& citizen, std::string_view digits,
                const IsVoided& is_voided) const;
  void CheckCprs(const std::vector<Entry>& batch, const CprLookup& cprs, const IsVoided& is_voided,
                 std::vector<BatchError>& errors) const;
  void CheckPlausibility(const std::vector<Entry>& batch,
                         const std::unordered_map<std::string, CourseRef>& batch_courses,
                         const IsVoided& is_voided, std::vector<BatchError>& errors) const;
  std::deque<Entry> entries_;
  int64_t last_seq_ = 0;
  Timestamp max_recorded_{};
  // Every entry by id: open addressing over the entries' own ids, which stay where they are
  // (entries_ never moves an entry), so no key is copied and no node is allocated per entry.
  // A journal of millions of entries builds it at every load.
  class IdIndex {
   public:
    void Reserve(size_t entries);
    // Adds `e` under its id, unless an entry with that id is there already (it stays).
    void Insert(const Entry* e);
    const Entry* Find(std::string_view id) const;
    size_t count(std::string_view id) const { return Find(id) ? 1 : 0; }

   private:
    struct Slot {
      size_t hash = 0;
      const Entry* entry = nullptr;  // nullptr: empty
    };
    void Rehash(size_t slots);
    std::vector<Slot> slots_;  // a power of two in size, at most half full
    size_t size_ = 0;
  };
  IdIndex by_id_;
  struct CitizenIndex {
    std::vector<const Entry*> entries;
    size_t position = 0;  // in citizen_order_
  };
  std::unordered_map<std::string, CitizenIndex> by_citizen_;
  std::unordered_map<std::string, std::vector<const Entry*>> by_unit_;
  std::vector<std::string> unit_order_;
  std::vector<const std::vector<const Entry*>*> unit_entries_;  // by position in unit_order_
  std::vector<const Entry*> municipality_entries_;
  std::vector<CitizenEntries> approved_;  // points into by_citizen_ (its nodes do not move)
  std::unordered_set<std::string> approved_set_;
  std::unordered_map<std::string, CourseRef> courses_;
  std::unordered_set<std::string> voided_;  // ids named by a void
  std::vector<std::string> citizen_order_;
  // The kept courses (KeepCourses), by position in citizen_order_: the course and whether it
  // is current (no entry of the citizen added since it was folded).
  struct KeptCourse {
    bool current = false;
    bool queued = false;  // for the refresh under way
    CitizenCourse course;
  };
  bool keep_courses_ = false;
  std::deque<KeptCourse> kept_;
  std::vector<size_t> stale_;  // positions with entries added since the last refresh (may repeat)
};

}  // namespace tov
