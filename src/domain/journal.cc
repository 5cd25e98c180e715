// Journal indexes and the journal-level checks of a batch of new entries.
#include "domain/journal.h"

#include <charconv>
#include <iterator>
#include <unordered_set>

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

const Entry* Journal::FindEntry(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : it->second;
}

const std::vector<const Entry*>& Journal::EntriesOf(std::string_view key) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_citizen_.find(std::string(key));
  return it == by_citizen_.end() ? kNone : it->second;
}

CitizenCourse Journal::CourseOf(std::string_view key, Timestamp known_at) const {
  const auto& es = EntriesOf(key);
  return Fold(key, es, known_at);
}

void Journal::Add(Entry entry) {
  entries_.push_back(std::move(entry));
  const Entry* e = &entries_.back();
  if (e->seq > last_seq_) last_seq_ = e->seq;
  by_id_[e->id] = e;
  auto [it, inserted] = by_citizen_.try_emplace(e->citizen);
  if (inserted) citizen_order_.push_back(e->citizen);
  it->second.push_back(e);
  if (const auto* s = e->As<CourseStarted>()) courses_.try_emplace(s->course, CourseRef{e->citizen, s->method});
  if (const auto* v = e->As<Void>()) voided_.insert(v->entry);
}

std::vector<BatchError> Journal::Check(std::vector<Entry>& batch) const {
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
        batch_courses.emplace(s->course, CourseRef{e.citizen, s->method});
      }
    }
  }

  // Pass 2: references.
  for (size_t i = 0; i < batch.size(); ++i) {
    const Entry& e = batch[i];
    if (e.kind() != Kind::kRegistered && !is_registered(e.citizen))
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
        } else if (t->citizen != e.citizen) {
          error(i, "entry", "\"" + target + "\" belongs to another citizen", "other_citizen");
        } else if (is_voided(target) || !batch_voided.insert(target).second) {
          error(i, "entry", "\"" + target + "\" is already voided", "already_voided");
        }
        break;
      }
      case Kind::kCourseStarted:
        break;  // checked with the registrations above
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
      default:
        break;
    }
  }
  return errors;
}

}  // namespace tov
