// Journal indexes and the journal-level checks of a batch of new entries.
#include "domain/journal.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <unordered_set>
#include <utility>

#include "common/parallel.h"
#include "domain/cpr.h"

namespace tov {
namespace {

// "e<seq>", the id given to an entry that has none. Built in a buffer: GCC 12 at -O3 reports
// a false -Wrestrict for `"e" + std::to_string(seq)` and for assigning "e" to a string
// (GCC bug 105329).
std::string AssignedId(int64_t seq) {
  char buf[24] = {'e'};
  char* end = std::to_chars(buf + 1, std::end(buf), seq).ptr;
  return std::string(buf, end);
}

}  // namespace

void Journal::IdIndex::Reserve(size_t entries) {
  size_t slots = 16;
  while (slots < 2 * entries) slots *= 2;
  if (slots > slots_.size()) Rehash(slots);
}

void Journal::IdIndex::Rehash(size_t slots) {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots));
  const size_t mask = slots - 1;
  for (const Slot& s : old) {
    if (!s.entry) continue;
    size_t i = s.hash & mask;
    while (slots_[i].entry) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void Journal::IdIndex::Insert(const Entry* e) {
  if (2 * (size_ + 1) > slots_.size()) Rehash(std::max<size_t>(16, 2 * slots_.size()));
  const size_t hash = std::hash<std::string_view>{}(e->id);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  for (; slots_[i].entry; i = (i + 1) & mask)
    if (slots_[i].hash == hash && slots_[i].entry->id == e->id) return;
  slots_[i] = {hash, e};
  ++size_;
}

const Entry* Journal::IdIndex::Find(std::string_view id) const {
  if (slots_.empty()) return nullptr;
  const size_t hash = std::hash<std::string_view>{}(id);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].entry; i = (i + 1) & mask)
    if (slots_[i].hash == hash && slots_[i].entry->id == id) return slots_[i].entry;
  return nullptr;
}

const Entry* Journal::FindEntry(std::string_view id) const { return by_id_.Find(id); }

const std::vector<const Entry*>& Journal::EntriesOf(std::string_view key) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_citizen_.find(std::string(key));
  return it == by_citizen_.end() ? kNone : it->second.entries;
}

const std::vector<const Entry*>& Journal::EntriesOfUnit(std::string_view key) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_unit_.find(std::string(key));
  return it == by_unit_.end() ? kNone : it->second;
}

CitizenCourse Journal::CourseOf(std::string_view key, Timestamp known_at) const {
  const auto& es = EntriesOf(key);
  return Fold(key, es, known_at);
}

void Journal::Reserve(size_t entries) { by_id_.Reserve(entries); }

void Journal::KeepCourses() {
  if (keep_courses_) return;
  keep_courses_ = true;
  for (size_t i = 0; i < citizen_order_.size(); ++i) stale_.push_back(i);
  RefreshCourses();
}

void Journal::RefreshCourses() {
  if (!keep_courses_ || stale_.empty()) return;
  // The slots are made on this thread; the folds, which only read the journal, on every core.
  std::vector<size_t> work;
  work.reserve(stale_.size());
  for (size_t position : stale_) {
    if (kept_.size() <= position) kept_.resize(position + 1);
    KeptCourse& k = kept_[position];
    if (k.current || k.queued) continue;
    k.queued = true;
    work.push_back(position);
  }
  stale_.clear();
  ParallelFor(
      work.size(),
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          KeptCourse& k = kept_[work[i]];
          const std::string& key = citizen_order_[work[i]];
          k.course = Fold(key, EntriesOf(key), Timestamp::Max());
          k.current = true;
          k.queued = false;
        }
      },
      /*min_chunk=*/2000);
}

const CitizenCourse& Journal::CourseAt(size_t position, Timestamp known_at, CitizenCourse& scratch) const {
  if (keep_courses_ && known_at >= max_recorded_ && position < kept_.size() && kept_[position].current)
    return kept_[position].course;
  scratch = CourseOf(citizen_order_[position], known_at);
  return scratch;
}

const CitizenCourse& Journal::CourseAt(std::string_view key, Timestamp known_at, CitizenCourse& scratch) const {
  if (keep_courses_ && known_at >= max_recorded_) {
    auto it = by_citizen_.find(std::string(key));
    if (it != by_citizen_.end()) return CourseAt(it->second.position, known_at, scratch);
  }
  scratch = CourseOf(key, known_at);
  return scratch;
}

void Journal::Add(Entry entry) {
  entries_.push_back(std::move(entry));
  const Entry* e = &entries_.back();
  if (e->seq > last_seq_) last_seq_ = e->seq;
  if (e->recorded > max_recorded_) max_recorded_ = e->recorded;
  by_id_.Insert(e);
  auto add_to_unit = [&](const std::string& unit) {
    auto [u, first] = by_unit_.try_emplace(unit);
    if (first) {
      unit_order_.push_back(unit);
      unit_entries_.push_back(&u->second);
    }
    u->second.push_back(e);
  };
  if (e->about_municipality()) {
    municipality_entries_.push_back(e);
  } else if (e->about_dwelling()) {
    add_to_unit(e->unit);
  } else {
    auto [it, inserted] = by_citizen_.try_emplace(e->citizen);
    if (inserted) {
      it->second.position = citizen_order_.size();
      citizen_order_.push_back(e->citizen);
    }
    if (keep_courses_) {
      stale_.push_back(it->second.position);
      if (it->second.position < kept_.size()) kept_[it->second.position].current = false;
    }
    it->second.entries.push_back(e);
    if (const auto* o = e->As<HousingOffer>()) add_to_unit(o->unit);
    if (e->kind() == Kind::kHousingApproved && approved_set_.insert(e->citizen).second)
      approved_.push_back({&it->first, &it->second.entries, it->second.position});
    // A void of an offer belongs to the dwelling's entries too, so that a dwelling's figures
    // leave the voided offer out.
    if (const auto* v = e->As<Void>())
      if (const Entry* t = FindEntry(v->entry))
        if (const auto* o = t->As<HousingOffer>()) add_to_unit(o->unit);
  }
  if (const auto* s = e->As<CourseStarted>())
    courses_.try_emplace(s->course, CourseRef{e->citizen, s->method, e});
  if (const auto* v = e->As<Void>()) voided_.insert(v->entry);
}

std::vector<BatchError> Journal::Check(std::vector<Entry>& batch, const CprLookup& cprs) const {
  std::vector<BatchError> errors;
  auto error = [&](size_t i, std::string field, std::string reason, std::string code) {
    errors.push_back({i, {std::move(field), std::move(reason), std::move(code), {}}});
  };
  // What the batch adds, in order, so later lines may refer to earlier ones.
  std::unordered_map<std::string, size_t> batch_ids;
  std::unordered_set<std::string> batch_voided;  // ids voided by the batch
  auto is_voided = [&](const std::string& id) { return voided_.count(id) || batch_voided.count(id); };
  std::unordered_map<std::string, int> registrations;  // citizen → live registered entries
  std::unordered_map<std::string, CourseRef> batch_courses;

  auto is_registered = [&](const std::string& citizen) {
    auto it = registrations.find(citizen);
    if (it != registrations.end()) return it->second > 0;
    int n = 0;
    for (const Entry* e : EntriesOf(citizen))
      if (e->kind() == Kind::kRegistered && !is_voided(e->id)) ++n;
    registrations[citizen] = n;
    return n > 0;
  };
  auto find_course = [&](const std::string& id) -> const CourseRef* {
    if (auto it = courses_.find(id); it != courses_.end()) return &it->second;
    if (auto it = batch_courses.find(id); it != batch_courses.end()) return &it->second;
    return nullptr;
  };

  // Pass 1: ids (given ones must be unique; missing ones are assigned) and registrations
  // anywhere in the batch, so that a file need not be sorted by citizen.
  int64_t next = last_seq_ + 1;
  for (size_t i = 0; i < batch.size(); ++i) {
    Entry& e = batch[i];
    if (e.id.empty()) continue;
    if (by_id_.count(e.id)) {
      error(i, "id", "\"" + e.id + "\" is already in the journal", "duplicate_id");
    } else if (!batch_ids.emplace(e.id, i).second) {
      error(i, "id", "\"" + e.id + "\" is used twice in this batch", "duplicate_id");
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    Entry& e = batch[i];
    if (!e.id.empty()) continue;
    std::string id;
    do {
      id = AssignedId(next++);
    } while (by_id_.count(id) || batch_ids.count(id));
    e.id = id;
    batch_ids.emplace(id, i);
  }
  // One key space: a citizen's key is never a dwelling's (docs/housing.md).
  std::unordered_set<std::string> batch_citizens, batch_units;
  for (const Entry& e : batch) {
    if (e.about_municipality()) continue;
    if (e.about_dwelling()) {
      batch_units.insert(e.unit);
    } else {
      batch_citizens.insert(e.citizen);
      if (const auto* o = e.As<HousingOffer>()) batch_units.insert(o->unit);
    }
  }
  auto is_unit_key = [&](const std::string& k) { return HasUnit(k) || batch_units.count(k) > 0; };
  auto is_citizen_key = [&](const std::string& k) { return HasCitizen(k) || batch_citizens.count(k) > 0; };
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    if (e.about_municipality()) continue;
    if (e.about_dwelling()) {
      if (is_citizen_key(e.unit))
        error(i, "unit", "\"" + e.unit + "\" is a citizen's key, not a dwelling's", "key_is_citizen");
      continue;
    }
    if (is_unit_key(e.citizen))
      error(i, "citizen", "\"" + e.citizen + "\" is a dwelling's key, not a citizen's", "key_is_unit");
    if (const auto* o = e.As<HousingOffer>(); o && is_citizen_key(o->unit))
      error(i, "unit", "\"" + o->unit + "\" is a citizen's key, not a dwelling's", "key_is_citizen");
  }

  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    if (e.kind() == Kind::kRegistered) {
      if (is_registered(e.citizen)) {
        error(i, "citizen", "\"" + e.citizen + "\" is already registered", "already_registered");
      } else {
        registrations[e.citizen] = 1;
      }
    }
  }

  // Courses started anywhere in the batch: a file sorted by `recorded` may hold a phase or an
  // end recorded before the (late-recorded) start.
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    if (const auto* s = e.As<CourseStarted>()) {
      if (find_course(s->course)) {
        error(i, "course", "\"" + s->course + "\" is already started", "course_exists");
      } else {
        batch_courses.emplace(s->course, CourseRef{e.citizen, s->method, &e});
      }
    }
  }

  BatchIndex of_unit;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].about_dwelling()) of_unit[batch[i].unit].push_back(i);
    if (const auto* o = batch[i].As<HousingOffer>()) of_unit[o->unit].push_back(i);
  }

  // Pass 2: references.
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    if (!e.about_dwelling() && !e.about_municipality() && e.kind() != Kind::kRegistered &&
        !is_registered(e.citizen))
      error(i, "citizen", "\"" + e.citizen + "\" is not registered (no registered entry)", "not_registered");
    switch (e.kind()) {
      case Kind::kVoid: {
        const std::string& target = e.As<Void>()->entry;
        const Entry* t = FindEntry(target);
        auto bt = batch_ids.find(target);
        if (!t && bt != batch_ids.end() && bt->second < i) t = &batch[bt->second];
        if (!t) {
          error(i, "entry", "no entry with id \"" + target + "\" to void", "no_such_entry");
        } else if (t->kind() == Kind::kVoid) {
          error(i, "entry", "\"" + target + "\" is itself a void; record the entry again instead", "void_of_void");
        } else if (e.about_municipality() &&
                   (!t->about_municipality() || t->municipality != e.municipality)) {
          error(i, "entry", "\"" + target + "\" is not an entry about municipality " + e.municipality +
                                (t->about_municipality() ? "" : " (name its citizen or dwelling to void it)"),
                "other_municipality");
        } else if (t->about_dwelling() != e.about_dwelling() || t->subject() != e.subject()) {
          if (e.about_dwelling()) {
            error(i, "entry", "\"" + target + "\" is not an entry of dwelling \"" + e.unit + "\"", "other_unit");
          } else {
            error(i, "entry", "\"" + target + "\" belongs to another citizen", "other_citizen");
          }
        } else if (is_voided(target) || !batch_voided.insert(target).second) {
          error(i, "entry", "\"" + target + "\" is already voided", "already_voided");
        }
        break;
      }
      case Kind::kCourseStarted:
        break;  // checked with the registrations above
      case Kind::kIdentified: {
        // Only an anonymous registration is identified, and only once (DESIGN §10).
        const Entry* reg = nullptr;
        for (const Entry* x : EntriesOf(e.citizen))
          if (!reg && x->kind() == Kind::kRegistered && !is_voided(x->id)) reg = x;
        for (size_t j = 0; j < batch.size() && !reg; ++j)
          if (batch[j].citizen == e.citizen && batch[j].kind() == Kind::kRegistered && !is_voided(batch[j].id))
            reg = &batch[j];
        if (!reg) break;  // not_registered, above
        if (!reg->As<Registered>()->anonymous) {
          error(i, "citizen", "\"" + e.citizen + "\" was not registered anonymously (only an anonymous person is identified)",
                "not_anonymous");
          break;
        }
        const Entry* earlier = nullptr;
        for (const Entry* x : EntriesOf(e.citizen))
          if (!earlier && x->kind() == Kind::kIdentified && !is_voided(x->id)) earlier = x;
        for (size_t j = 0; j < i && !earlier; ++j)
          if (batch[j].citizen == e.citizen && batch[j].kind() == Kind::kIdentified && !is_voided(batch[j].id))
            earlier = &batch[j];
        if (earlier) {
          error(i, "citizen", "\"" + e.citizen + "\" is already identified (entry \"" + earlier->id + "\")",
                "already_identified");
        } else if (e.date < reg->date) {
          error(i, "date", "is before the citizen's registration (" + reg->date.ToString() + ")",
                "before_registration");
        }
        break;
      }
      case Kind::kCoursePhase:
      case Kind::kCourseEnded: {
        const std::string& id = e.kind() == Kind::kCoursePhase ? e.As<CoursePhase>()->course
                                                                : e.As<CourseEnded>()->course;
        const CourseRef* c = find_course(id);
        if (!c || c->citizen != e.citizen) {
          error(i, "course", "no course \"" + id + "\" was started for this citizen", "no_such_course");
        } else if (e.kind() == Kind::kCoursePhase && c->method != Method::kCTI) {
          error(i, "phase", "only CTI courses have phases", "not_cti");
        }
        break;
      }
      case Kind::kUnitWithdrawn:
        if (!HasListing(e.unit, batch, of_unit, is_voided))
          error(i, "unit", "\"" + e.unit + "\" has never been listed (no unit_listed entry)", "not_listed");
        break;
      default:
        break;
    }
  }

  CheckCprs(batch, cprs, is_voided, errors);
  CheckPlausibility(batch, batch_courses, is_voided, errors);
  CheckOffers(batch, of_unit, is_voided, errors);
  return errors;
}

bool Journal::HoldsCpr(const std::string& citizen, std::string_view digits) const {
  return HoldsCpr(citizen, digits, [&](const std::string& id) { return voided_.count(id) > 0; });
}

bool Journal::HoldsCpr(const std::string& citizen, std::string_view digits,
                       const IsVoided& is_voided) const {
  for (const Entry* e : EntriesOf(citizen)) {
    const std::string* cpr = GivenCpr(*e);
    if (!cpr || is_voided(e->id)) continue;
    auto parsed = ParseCpr(*cpr);
    if (parsed && parsed->digits == digits) return true;
  }
  return false;
}

// One citizen per CPR number (DESIGN §7): an entry that gives a citizen a CPR number is refused
// when another citizen holds it, in the journal (found through `cprs`) or earlier in the batch.
// The error names the holder's key (code `cpr_registered`, args: the key); the app layer says
// less to a user who may not see that citizen.
void Journal::CheckCprs(const std::vector<Entry>& batch, const CprLookup& cprs,
                        const IsVoided& is_voided, std::vector<BatchError>& errors) const {
  auto refuse = [&](size_t i, const std::string& holder) {
    errors.push_back({i,
                      {"cpr",
                       "is already registered for citizen \"" + holder + "\"",
                       "cpr_registered",
                       {holder}}});
  };
  std::unordered_map<std::string, size_t> first;  // digits → the batch's first entry giving them
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    const std::string* cpr = GivenCpr(e);
    if (!cpr || is_voided(e.id)) continue;
    auto parsed = ParseCpr(*cpr);
    if (!parsed) continue;
    auto [it, fresh] = first.try_emplace(parsed->digits, i);
    if (!fresh) {
      if (batch[it->second].citizen != e.citizen) refuse(i, batch[it->second].citizen);
      continue;
    }
    std::vector<std::string> holders;
    if (cprs) {
      auto found = cprs(parsed->digits);
      if (!found.ok()) {
        errors.push_back(
            {i,
             {"cpr",
              "could not be checked against the register (" + found.status().message() + ")",
              "cpr_check_failed",
              {}}});
        continue;
      }
      holders = std::move(*found);
    } else {
      holders = citizen_order_;
    }
    for (const std::string& k : holders) {
      if (k != e.citizen && HoldsCpr(k, parsed->digits, is_voided)) {
        refuse(i, k);
        break;
      }
    }
  }
}

// The plausibility rules of DESIGN §4 that need other entries than the one checked, over the
// citizen's entries that count (not voided; journal and batch together):
//   - nothing is dated before the citizen's birth (from the registration: its CPR number's
//     century rule, or its birth_date); a registration in the batch (after a voided one) is
//     refused when a stored entry of the citizen is dated before the birth it gives;
//   - a course_phase or course_ended is not dated before its course_started (a voided start
//     sets no bound);
//   - CTI phases never go back in course order (1 → 2 → 3, a phase may be skipped or repeated).
//     A batch phase that would come before a lower stored one is refused too, naming it.
// A rule broken only among stored entries (written before these rules) is nobody's error.
void Journal::CheckPlausibility(const std::vector<Entry>& batch,
                                const std::unordered_map<std::string, CourseRef>& batch_courses,
                                const IsVoided& is_voided, std::vector<BatchError>& errors) const {
  auto error = [&](size_t i, std::string field, std::string reason, const char* code,
                   std::vector<std::string> args) {
    errors.push_back({i, {std::move(field), std::move(reason), code, std::move(args)}});
  };
  // The batch's entries of each citizen, citizens in order of their first entry.
  std::vector<std::string_view> order;
  std::unordered_map<std::string_view, std::vector<size_t>> of_citizen;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].about_dwelling() || batch[i].about_municipality()) continue;
    auto [it, fresh] = of_citizen.try_emplace(batch[i].citizen);
    if (fresh) order.push_back(batch[i].citizen);
    it->second.push_back(i);
  }
  for (std::string_view key : order) {
    const std::vector<size_t>& mine = of_citizen[key];
    const std::vector<const Entry*>& stored = EntriesOf(key);
    const Entry* reg = nullptr;
    size_t reg_index = SIZE_MAX;  // in the batch, or SIZE_MAX for a stored registration
    for (const Entry* x : stored)
      if (!reg && x->kind() == Kind::kRegistered && !is_voided(x->id)) reg = x;
    for (size_t i : mine)
      if (!reg && batch[i].kind() == Kind::kRegistered && !is_voided(batch[i].id))
        reg = &batch[reg_index = i];
    const Registered* r = reg ? reg->As<Registered>() : nullptr;
    if (!r) continue;
    std::optional<Date> born_on = r->birth_date;
    const Entry* source = reg;  // the entry that gives the birth date
    if (r->anonymous) {
      // An anonymous person's birth date is known from their identification (DESIGN §10).
      reg_index = SIZE_MAX;
      source = nullptr;
      for (const Entry* x : stored)
        if (!source && x->kind() == Kind::kIdentified && !is_voided(x->id)) source = x;
      for (size_t i : mine)
        if (!source && batch[i].kind() == Kind::kIdentified && !is_voided(batch[i].id))
          source = &batch[reg_index = i];
      if (source) born_on = source->As<Identified>()->birth_date;
    }
    if (!born_on) continue;
    const Date birth = *born_on;
    const std::string born = birth.ToString();
    for (size_t i : mine) {
      const Entry& x = batch[i];
      // A registration's own date is checked with the entry (born_after_date).
      if (&x != source && (x.kind() != Kind::kRegistered || r->anonymous) && x.date < birth)
        error(i, "date", "is before the citizen's birth (" + born + ")", "before_birth", {born});
    }
    if (reg_index != SIZE_MAX) {
      for (const Entry* x : stored) {
        if ((x->kind() == Kind::kRegistered && !r->anonymous) || is_voided(x->id) || x->date >= birth) continue;
        error(reg_index, r->cpr || r->anonymous ? "cpr" : "birth_date",
              "gives a birth date (" + born + ") after the citizen's entry \"" + x->id + "\" of " +
                  x->date.ToString(),
              "entries_before_birth", {x->id, x->date.ToString()});
        break;
      }
    }
  }

  // Courses: the start bounds the phases and the end; CTI phases keep their order.
  auto find_course = [&](const std::string& id) -> const CourseRef* {
    if (auto it = courses_.find(id); it != courses_.end()) return &it->second;
    if (auto it = batch_courses.find(id); it != batch_courses.end()) return &it->second;
    return nullptr;
  };
  std::vector<std::string_view> cti;  // CTI courses with a phase in the batch, in order
  std::unordered_map<std::string_view, std::vector<size_t>> phases_of;
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& x = batch[i];
    const auto* phase = x.As<CoursePhase>();
    const auto* ended = x.As<CourseEnded>();
    if ((!phase && !ended) || is_voided(x.id)) continue;
    const std::string& id = phase ? phase->course : ended->course;
    const CourseRef* c = find_course(id);
    if (!c || c->citizen != x.citizen) continue;  // no_such_course, reported above
    if (c->start && !is_voided(c->start->id) && x.date < c->start->date)
      error(i, "date", "is before the course started (" + c->start->date.ToString() + ")",
            "before_course_start", {c->start->date.ToString()});
    if (phase && c->method == Method::kCTI) {
      auto [it, fresh] = phases_of.try_emplace(phase->course);
      if (fresh) cti.push_back(phase->course);
      it->second.push_back(i);
    }
  }
  struct Step {
    const Entry* e;
    size_t index;   // in the batch, or SIZE_MAX
    int64_t order;  // journal position (a batch entry after every stored one)
  };
  for (std::string_view course : cti) {
    const std::vector<size_t>& mine = phases_of[course];
    std::vector<Step> steps;
    for (const Entry* x : EntriesOf(batch[mine.front()].citizen)) {
      const auto* p = x->As<CoursePhase>();
      if (p && p->course == course && !is_voided(x->id)) steps.push_back({x, SIZE_MAX, x->seq});
    }
    for (size_t i : mine) steps.push_back({&batch[i], i, last_seq_ + 1 + static_cast<int64_t>(i)});
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
      if (a.e->date != b.e->date) return a.e->date < b.e->date;
      if (a.e->recorded != b.e->recorded) return a.e->recorded < b.e->recorded;
      return a.order < b.order;
    });
    const Step* highest = nullptr;  // the step that reached the highest phase so far
    for (const Step& s : steps) {
      int phase = s.e->As<CoursePhase>()->phase;
      if (!highest || phase >= highest->e->As<CoursePhase>()->phase) {
        highest = &s;
        continue;
      }
      const Entry& h = *highest->e;
      const std::string hp = std::to_string(h.As<CoursePhase>()->phase), p = std::to_string(phase);
      if (s.index != SIZE_MAX) {
        error(s.index, "phase",
              "goes back from phase " + hp + " (entry \"" + h.id + "\" of " + h.date.ToString() +
                  "); CTI phases go 1 → 2 → 3",
              "phase_back", {hp, h.date.ToString()});
      } else if (highest->index != SIZE_MAX) {
        error(highest->index, "phase",
              "would come before the later phase " + p + " (entry \"" + s.e->id + "\" of " +
                  s.e->date.ToString() + "); CTI phases go 1 → 2 → 3",
              "phase_before_lower", {p, s.e->date.ToString()});
      }
    }
  }
}

bool Journal::HasListing(const std::string& unit, const std::vector<Entry>& batch, const BatchIndex& of_unit,
                         const std::function<bool(const std::string&)>& is_voided) const {
  for (const Entry* x : EntriesOfUnit(unit))
    if (x->kind() == Kind::kUnitListed && !is_voided(x->id)) return true;
  if (auto it = of_unit.find(unit); it != of_unit.end())
    for (size_t i : it->second)
      if (batch[i].kind() == Kind::kUnitListed && !is_voided(batch[i].id)) return true;
  return false;
}

// The offer rules of a listed dwelling, checked by replaying, in course order, every entry that
// counts (not voided, journal and batch together) of each dwelling and each citizen the batch
// touches: a dwelling has at most one open offer, a citizen holds at most one, and a move-in
// needs the dwelling vacant (docs/housing.md). A rule broken at an entry of the batch is that
// entry's error; one broken at an entry already stored (an earlier-dated entry of the batch
// changed what came after it) is the error of the batch's first entry in that timeline.
void Journal::CheckOffers(const std::vector<Entry>& batch, const BatchIndex& of_unit,
                          const std::function<bool(const std::string&)>& is_voided,
                          std::vector<BatchError>& errors) const {
  constexpr size_t kStored = SIZE_MAX;
  struct Event {
    const Entry* e;
    size_t index;   // in the batch, or kStored
    int64_t order;  // journal position (a batch entry after every stored one)
  };
  auto by_course_order = [](const Event& a, const Event& b) {
    if (a.e->date != b.e->date) return a.e->date < b.e->date;
    if (a.e->recorded != b.e->recorded) return a.e->recorded < b.e->recorded;
    return a.order < b.order;
  };
  // The dwellings and citizens whose rules the batch may change, each with the first entry of
  // the batch that touches it.
  std::map<std::string, size_t> units, citizens;
  auto touch = [&](const Entry& e, size_t i) {
    if (e.about_dwelling()) units.try_emplace(e.unit, i);
    if (const auto* o = e.As<HousingOffer>()) {
      units.try_emplace(o->unit, i);
      citizens.try_emplace(e.citizen, i);
    }
  };
  std::unordered_map<std::string_view, const Entry*> batch_by_id;  // built at the first void
  for (size_t i = 0; i < batch.size(); ++i) {
    touch(batch[i], i);
    if (const auto* v = batch[i].As<Void>()) {
      if (batch_by_id.empty())
        for (const Entry& e : batch) batch_by_id.emplace(e.id, &e);
      if (const Entry* t = FindEntry(v->entry)) touch(*t, i);
      if (auto t = batch_by_id.find(v->entry); t != batch_by_id.end()) touch(*t->second, i);
    }
  }
  if (units.empty()) return;
  std::unordered_map<std::string, bool> listed;
  auto is_listed = [&](const std::string& unit) {
    auto [it, fresh] = listed.try_emplace(unit, false);
    if (fresh) it->second = HasListing(unit, batch, of_unit, is_voided);
    return it->second;
  };
  std::set<std::pair<size_t, std::string>> reported;
  auto report = [&](size_t first, const Event& at, std::string reason, const char* code,
                    std::vector<std::string> args) {
    size_t index = at.index;
    if (index == kStored) {
      index = first;
      reason = "would break the rule at entry \"" + at.e->id + "\" of " + at.e->date.ToString() + ": " + reason;
    }
    if (reported.emplace(index, code).second)
      errors.push_back({index, {"unit", std::move(reason), code, std::move(args)}});
  };
  BatchIndex offers_of;  // a citizen's offers in the batch
  for (size_t i = 0; i < batch.size(); ++i)
    if (batch[i].kind() == Kind::kHousingOffer) offers_of[batch[i].citizen].push_back(i);
  static const std::vector<size_t> kNone;
  auto positions = [](const BatchIndex& index, const std::string& key) -> const std::vector<size_t>& {
    auto it = index.find(key);
    return it == index.end() ? kNone : it->second;
  };
  auto timeline_of = [&](const std::vector<const Entry*>& stored, const std::vector<size_t>& in_batch,
                         auto&& wanted) {
    std::vector<Event> t;
    for (const Entry* x : stored)
      if (x->kind() != Kind::kVoid && !is_voided(x->id) && wanted(*x)) t.push_back({x, kStored, x->seq});
    for (size_t i : in_batch) {
      const Entry& x = batch[i];
      if (x.kind() != Kind::kVoid && !is_voided(x.id) && wanted(x))
        t.push_back({&x, i, last_seq_ + 1 + static_cast<int64_t>(i)});
    }
    std::stable_sort(t.begin(), t.end(), by_course_order);
    return t;
  };

  for (const auto& [unit, first] : units) {
    if (!is_listed(unit)) continue;
    // `unit` captured by an init-capture: clang before 16 cannot capture structured bindings.
    auto timeline = timeline_of(EntriesOfUnit(unit), positions(of_unit, unit), [&, &unit = unit](const Entry& x) {
      const auto* o = x.As<HousingOffer>();
      return (x.about_dwelling() && x.unit == unit) || (o && o->unit == unit);
    });
    const Entry* holder = nullptr;  // the open offer's latest entry
    bool listed = false;            // a listing so far
    bool vacant = false;            // listed, and no withdrawal or move-in since (in course order)
    for (const Event& ev : timeline) {
      const Entry& x = *ev.e;
      if (x.kind() == Kind::kUnitListed) {
        listed = vacant = true;
        continue;
      }
      if (x.kind() == Kind::kUnitWithdrawn) {
        vacant = false;
        continue;
      }
      const auto& o = *x.As<HousingOffer>();
      switch (o.status) {
        case OfferStatus::kOffered:
        case OfferStatus::kAccepted:
          if (holder && holder->citizen != x.citizen) {
            report(first, ev, "\"" + unit + "\" already has an open offer (to \"" + holder->citizen +
                                     "\", " + holder->date.ToString() + "); record its answer first", "unit_offer_open",
                   {holder->citizen, holder->date.ToString()});
          } else {
            holder = &x;
          }
          break;
        case OfferStatus::kDeclined:
        case OfferStatus::kMovedIn:
          if (o.status == OfferStatus::kMovedIn) {
            if (!vacant) {
              report(first, ev, "\"" + unit + "\" is not vacant on " + x.date.ToString() +
                                       (listed ? " (let or withdrawn since its listing)" : " (not listed by then)"),
                     "not_vacant", {x.date.ToString()});
            }
            vacant = false;
          }
          if (holder && holder->citizen == x.citizen) holder = nullptr;
          break;
      }
    }
  }

  for (const auto& [citizen, first] : citizens) {
    auto timeline = timeline_of(EntriesOf(citizen), positions(offers_of, citizen), [&, &citizen = citizen](const Entry& x) {
      return x.kind() == Kind::kHousingOffer && x.citizen == citizen;
    });
    std::map<std::string, const Entry*> open;  // unit → the open offer's latest entry
    for (const Event& ev : timeline) {
      const auto& o = *ev.e->As<HousingOffer>();
      if (o.status == OfferStatus::kDeclined || o.status == OfferStatus::kMovedIn) {
        open.erase(o.unit);
        continue;
      }
      if (is_listed(o.unit)) {
        for (const auto& [other, at] : open) {
          if (other == o.unit) continue;
          report(first, ev, "\"" + citizen + "\" already holds an open offer (\"" + other + "\", " +
                                   at->date.ToString() + "); record its answer first", "citizen_offer_open",
                 {other, at->date.ToString()});
          break;
        }
      }
      open[o.unit] = ev.e;
    }
  }
}

}  // namespace tov
