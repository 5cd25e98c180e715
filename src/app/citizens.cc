// The use cases about citizens: register, record, list, view.
#include "app/citizens.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/audit.h"
#include "common/text.h"
#include "domain/cpr.h"
#include "domain/entry_json.h"
#include "report/citizen_report.h"
#include "report/housing.h"

namespace tov {
namespace {

using json = nlohmann::json;


std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The common fields the server sets on an entry from a user: `by` is the user, `recorded` is
// refused. Returns the field errors.
std::vector<FieldError> PrepareEntry(const Principal& p, json& body) {
  std::vector<FieldError> errors;
  if (body.contains("recorded")) errors.push_back({"recorded", "is set by the server", "set_by_server", {}});
  if (body.contains("by") && body["by"] != p.user) errors.push_back({"by", "must be your own user name (or left out)", "not_own_user", {}});
  if (p.role != Role::kOperator) body["by"] = p.user;
  return errors;
}

Status Refused(std::vector<FieldError> errors) {
  std::string m = errors.front().field + ": " + errors.front().reason;
  return Status::Invalid(m, std::move(errors));
}

// The field errors of a failed append, or the append's own status when it has none.
Status AppendFailure(const Status& s, const std::vector<BatchError>& errors, std::vector<BatchError>* out) {
  if (errors.empty()) return s;
  if (out) *out = errors;
  std::vector<FieldError> fields;
  for (const auto& e : errors) fields.push_back(e.error);
  return Refused(std::move(fields));
}

// A CPR number already held by another citizen (`cpr_registered`, naming the key) is told in
// full only to a user who may see that citizen; anyone else learns that it is registered in
// another municipality, without the key (DESIGN §7).
void HideCprHolders(App& app, const Principal& p, std::vector<BatchError>& errors) {
  const Date today = app.Now().date();
  for (BatchError& b : errors) {
    FieldError& f = b.error;
    if (f.code != "cpr_registered" || f.args.empty()) continue;
    bool visible =
        app.Read([&](const Journal& j) { return MaySeeCitizen(p, j.CourseOf(f.args[0]), today); });
    if (visible) continue;
    f = {"cpr",
         "is registered in another municipality — ask for a transfer",
         "cpr_registered_elsewhere",
         {}};
  }
}

// Whether a void of `id` by `p` annuls a wrong move of `citizen` that `p` may annul although
// the move has taken the citizen out of `p`'s sight (access_policy.h, MayAnnulMove).
bool AnnulsAMove(const Journal& j, const Principal& p, const std::string& citizen, const std::string& id, Date today) {
  const Entry* target = j.FindEntry(id);
  if (!target || target->citizen != citizen) return false;
  const auto& entries = j.EntriesOf(citizen);
  bool voided = std::any_of(entries.begin(), entries.end(), [&](const Entry* e) {
    const auto* v = e->As<Void>();
    return v && v->entry == id;
  });
  return MayAnnulMove(p, *target, voided, entries.empty() ? nullptr : entries.back(), today);
}

}  // namespace

StatusOr<Recorded> RegisterCitizen(App& app, const Principal& p, std::vector<json> docs,
                                   std::vector<BatchError>* errors) {
  if (!Allowed(p.role, Permission::kRegisterCitizens))
    return Status::PermissionDenied("your role may not register citizens");
  if (docs.empty() || !docs[0].is_object()) return Status::Invalid("the body must be a JSON object");
  if (!docs[0].contains("kind")) docs[0]["kind"] = "registered";
  if (docs[0]["kind"] != "registered")
    return Status::Invalid("invalid entry", {{"kind", "must be registered (or left out)", "not_one_of", {}}});
  const bool allocate = !docs[0].contains("citizen");
  const std::string municipality =
      docs[0].contains("municipality") && docs[0]["municipality"].is_string() ? docs[0]["municipality"].get<std::string>()
                                                                             : p.municipality;
  // A placeholder key that passes validation; the real one is chosen in the commit.
  const std::string placeholder = municipality + "-0000";
  ParseOptions po{app.Now(), true};
  std::vector<Entry> batch;
  std::vector<BatchError> problems;
  for (size_t i = 0; i < docs.size(); ++i) {
    json& d = docs[i];
    if (!d.is_object()) {
      problems.push_back({i, {"entry", "must be a JSON object", "not_object", {}}});
      continue;
    }
    if (i > 0 && d.contains("kind") && d["kind"] == "registered") problems.push_back({i, {"kind", "only the first entry registers", "not_one_of", {}}});
    if (allocate) {
      if (d.contains("citizen")) problems.push_back({i, {"citizen", "must be left out as in the registration", "unknown_field", {}}});
      d["citizen"] = placeholder;
    } else if (i > 0 && !d.contains("citizen")) {
      d["citizen"] = docs[0]["citizen"];
    }
    // A registration's entries default to the user's municipality, the registration to today.
    if (!d.contains("municipality") && !p.municipality.empty()) d["municipality"] = p.municipality;
    if (i == 0 && !d.contains("date")) d["date"] = app.Now().date().ToString();
    for (auto& f : PrepareEntry(p, d)) problems.push_back({i, std::move(f)});
    auto entry = ParseEntry(d, po);
    if (!entry.ok()) {
      for (auto& f : entry.status().field_errors()) problems.push_back({i, f});
      continue;
    }
    if (p.role != Role::kOperator && entry->municipality != p.municipality)
      return Status::PermissionDenied("you can only record entries for your own municipality");
    if (!MayRecord(p, entry->kind())) return Status::PermissionDenied("your role may not record this kind of entry");
    // The batch is empty when the registration itself was invalid (its errors are reported).
    if (i > 0 && !batch.empty() && entry->citizen != batch.front().citizen)
      problems.push_back({i, {"citizen", "must be the citizen being registered", "other_citizen", {}}});
    batch.push_back(std::move(*entry));
  }
  if (!problems.empty()) return AppendFailure(Status::Invalid("invalid entry"), problems, errors);
  std::vector<BatchError> found;
  Status s = app.Append(batch, Actor::Of(p), &found, {}, nullptr, allocate ? municipality + "-" : "");
  if (!s.ok()) {
    HideCprHolders(app, p, found);
    return AppendFailure(s, found, errors);
  }
  Recorded r{batch.front().citizen, "", municipality, {}};
  for (const Entry& e : batch) r.ids.push_back(e.id);
  return r;
}

// Whether `p` records entries of any kind: about citizens or dwellings, or about municipalities.
bool RecordsAnything(const Principal& p) {
  return Allowed(p.role, Permission::kRecordEntries) || Allowed(p.role, Permission::kRecordImplementation);
}

StatusOr<Recorded> RecordEntry(App& app, const Principal& p, json body) {
  if (!RecordsAnything(p)) return Status::PermissionDenied("your role records no citizen data");
  if (!body.is_object()) return Status::Invalid("the body must be a JSON object");
  if (body.contains("kind") && body["kind"] == "registered") return RegisterCitizen(app, p, {std::move(body)});
  std::vector<json> one;
  one.push_back(std::move(body));
  return RecordEntries(app, p, std::move(one));
}

StatusOr<Recorded> RecordEntries(App& app, const Principal& p, std::vector<json> bodies) {
  if (!RecordsAnything(p)) return Status::PermissionDenied("your role records no citizen data");
  if (bodies.empty()) return Status::Invalid("no entries");
  const Date today = app.Now().date();
  // A dwelling belongs to the municipality of its latest listing; one of another municipality
  // answers like one that does not exist (as a citizen does).
  auto dwelling_of_another = [&](const Journal& j, const std::string& unit) {
    if (p.role == Role::kOperator) return false;
    auto d = report::FoldDwelling(unit, j.EntriesOfUnit(unit), Timestamp::Max());
    return d.listed() && d.listings.back().municipality != p.municipality;
  };
  std::vector<Entry> batch;
  // Citizens whose wrong move an earlier void of the batch annuls: back in the user's sight for
  // the rest of the batch (the annulment's note).
  std::set<std::string> regained;
  for (json& body : bodies) {
    if (!body.is_object()) return Status::Invalid("the body must be a JSON object");
    if (body.contains("kind") && body["kind"] == "registered")
      return Status::Invalid("invalid entry", {{"kind", "registers through RegisterCitizen", "not_one_of", {}}});
    std::vector<FieldError> fields = PrepareEntry(p, body);
    if (!fields.empty()) return Refused(std::move(fields));
    auto entry = ParseEntry(body, ParseOptions{app.Now(), true});
    if (!entry.ok()) return Status::Invalid("invalid entry", entry.status().field_errors());
    if (entry->about_municipality()) {
      // The travel team's entries, and a leader's implementation status (access_policy.h).
      const Entry* target = nullptr;
      if (const auto* v = entry->As<Void>()) target = app.Read([&](const Journal& j) { return j.FindEntry(v->entry); });
      if (!MayRecordAboutMunicipality(p, *entry, target))
        return Status::PermissionDenied("your role may not record this about municipality " + entry->municipality);
      batch.push_back(std::move(*entry));
      continue;
    }
    if (!MayRecord(p, entry->kind())) return Status::PermissionDenied("your role may not record this kind of entry");
    if (p.role != Role::kOperator && entry->municipality != p.municipality)
      return Status::PermissionDenied("you can only record entries for your own municipality");
    if (entry->about_dwelling()) {
      if (app.Read([&](const Journal& j) { return dwelling_of_another(j, entry->unit); }))
        return Status::NotFound("no dwelling " + entry->unit + " that you may write");
    } else {
      bool visible = app.Read([&](const Journal& j) { return MaySeeCitizen(p, j.CourseOf(entry->citizen), today); });
      if (!visible && !regained.count(entry->citizen)) {
        const auto* v = entry->As<Void>();
        if (v && app.Read([&](const Journal& j) { return AnnulsAMove(j, p, entry->citizen, v->entry, today); }))
          regained.insert(entry->citizen);
        else  // A citizen who does not exist and one the user may not see answer alike.
          return Status::NotFound("no citizen " + entry->citizen + " that you may write");
      }
      if (const auto* o = entry->As<HousingOffer>())
        if (app.Read([&](const Journal& j) { return dwelling_of_another(j, o->unit); }))
          return Status::NotFound("no dwelling " + o->unit + " that you may write");
      // An alert is assigned to a colleague: an active user of the citizen's municipality whose
      // role sees its alerts (the operator's imports are not checked: their users may be gone).
      if (const auto* f = entry->As<AlertFollowup>(); f && f->assignee && p.role != Role::kOperator) {
        ASSIGN_OR_RETURN(auto user, app.store().FindUser(*f->assignee));
        auto role = user ? ParseRole(user->role) : std::nullopt;
        if (!user || !user->active || user->municipality != entry->municipality || !role || !Allowed(*role, Permission::kReadAlerts))
          return Refused({{"assignee", "is not an active colleague in municipality " + entry->municipality, "not_colleague", {}}});
      }
    }
    batch.push_back(std::move(*entry));
  }
  std::vector<BatchError> found;
  const std::string municipality = batch[0].municipality;  // (the append moves the entries)
  Status s = app.Append(batch, Actor::Of(p), &found);
  if (!s.ok()) {
    HideCprHolders(app, p, found);  // an `identified` entry gives a CPR number too (DESIGN §10)
    return AppendFailure(s, found, nullptr);
  }
  Recorded r{batch[0].citizen, batch[0].unit, municipality, {}};
  for (const Entry& e : batch) r.ids.push_back(e.id);
  return r;
}

StatusOr<Recorded> AnnulEntry(App& app, const Principal& p, const std::string& citizen, const std::string& entry,
                              const std::string& reason, const std::string& date) {
  const std::string why = Trim(reason);
  if (why.empty()) return Refused({{"reason", "is required: say why the entry is annulled", "required", {}}});
  if (CodePointCount(why) > kMaxAnnulReasonLength)
    return Refused({{"reason", "is longer than " + std::to_string(kMaxAnnulReasonLength) + " characters", "too_long",
                     {std::to_string(kMaxAnnulReasonLength)}}});
  json v{{"citizen", citizen}, {"kind", "void"}, {"entry", entry},
         {"date", date.empty() ? app.Now().date().ToString() : date}};
  if (!p.municipality.empty()) v["municipality"] = p.municipality;
  json n = v;
  n.erase("entry");
  n["kind"] = "note";
  n["text"] = "Annulleret " + entry + ": " + why;
  std::vector<json> both{std::move(v), std::move(n)};
  auto r = RecordEntries(app, p, std::move(both));
  if (r.ok() || r.status().field_errors().empty()) return r;
  // The note's text is the reason.
  std::vector<FieldError> fields = r.status().field_errors();
  for (FieldError& f : fields)
    if (f.field == "text") f.field = "reason";
  return Refused(std::move(fields));
}

StatusOr<std::optional<MovedAway>> FindAnnullableMove(App& app, const Principal& p, const std::string& key) {
  if (!Allowed(p.role, Permission::kRecordEntries)) return std::optional<MovedAway>();
  const Date today = app.Now().date();
  std::optional<MovedAway> found = app.Read([&](const Journal& j) -> std::optional<MovedAway> {
    if (!j.HasCitizen(key)) return std::nullopt;
    CitizenCourse scratch;
    const CitizenCourse& c = j.CourseAt(key, Timestamp::Max(), scratch);
    if (MaySeeCitizen(p, c, today)) return std::nullopt;
    const auto& entries = j.EntriesOf(key);
    if (entries.empty() || !entries.back()->As<Moved>()) return std::nullopt;
    const Entry& move = *entries.back();
    if (!AnnulsAMove(j, p, key, move.id, today)) return std::nullopt;
    return MovedAway{move.id, move.As<Moved>()->to, move.date, c.name};
  });
  if (found) RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, key, AccessAction::kRead, "moved away")}));
  return found;
}

StatusOr<std::optional<CprHolder>> FindCprHolder(App& app, const Principal& p,
                                                 const std::string& cpr) {
  if (!Allowed(p.role, Permission::kRegisterCitizens))
    return Status::PermissionDenied("your role may not register citizens");
  auto parsed = ParseCpr(Trim(cpr));
  if (!parsed) return std::optional<CprHolder>();
  ASSIGN_OR_RETURN(auto keys, app.store().CitizensWithCpr(parsed->digits));
  const Date today = app.Now().date();
  std::optional<CprHolder> holder = app.Read([&](const Journal& j) -> std::optional<CprHolder> {
    for (const std::string& key : keys) {
      if (!j.HoldsCpr(key, parsed->digits)) continue;
      CitizenCourse scratch;
      const CitizenCourse& c = j.CourseAt(key, Timestamp::Max(), scratch);
      if (!MaySeeCitizen(p, c, today)) return CprHolder{};
      return CprHolder{true, key, c.name};
    }
    return std::nullopt;
  });
  if (holder && holder->visible)
    RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, holder->key, AccessAction::kList, "cpr check")}));
  return holder;
}

StatusOr<CitizenList> ListCitizens(App& app, const Principal& p, const CitizenQuery& query) {
  if (!Allowed(p.role, Permission::kReadCitizens)) return Status::PermissionDenied("this role reads no citizen data");
  if (!query.municipality.empty() && query.municipality != p.municipality && p.role != Role::kOperator)
    return Status::PermissionDenied("you can only list citizens of your own municipality");
  CitizenList out;
  out.page_size = query.page_size;
  const std::string& pg = query.page;
  if (!pg.empty()) {
    if (pg.size() > 6 || !std::all_of(pg.begin(), pg.end(), ::isdigit) || std::stoul(pg) == 0)
      return Status::Invalid("invalid page", {{"page", "must be a whole number from 1", "out_of_range", {"1", "999999"}}});
    out.page = std::stoul(pg);
  }
  const std::string q = Trim(query.q.substr(0, 200));
  std::vector<std::string> cpr_hits;
  if (ParseCpr(q)) {
    out.by_cpr = true;
    ASSIGN_OR_RETURN(cpr_hits, app.store().CitizensWithCpr(q));
  }
  const std::string needle = Lower(q);
  const Date today = app.Now().date();
  out.thresholds = app.ThresholdsFor(p.municipality);
  const bool sees_alerts = Allowed(p.role, Permission::kReadAlerts);
  std::map<std::string, report::Thresholds> thresholds;  // per municipality, read once
  auto thresholds_of = [&](const std::string& m) -> const report::Thresholds& {
    auto it = thresholds.find(m);
    if (it == thresholds.end()) it = thresholds.emplace(m, app.ThresholdsFor(m)).first;
    return it->second;
  };
  app.Read([&](const Journal& j) {
    auto consider = [&](const std::string& key) {
      CitizenCourse scratch;
      const CitizenCourse& c = j.CourseAt(key, Timestamp::Max(), scratch);
      if (!MaySeeCitizen(p, c, today)) return;
      if (!needle.empty() && !out.by_cpr && Lower(c.name.value_or("")).find(needle) == std::string::npos &&
          Lower(key).rfind(needle, 0) != 0)
        return;
      auto s = c.SituationOn(today);
      if (query.situation == "homeless" ? !c.HomelessOn(today)
                                        : !query.situation.empty() && (!s || SituationName(*s) != query.situation))
        return;
      auto open = c.OpenCourses(today);
      if (!query.method.empty() &&
          std::none_of(open.begin(), open.end(), [&](auto* k) { return MethodName(k->method) == query.method; }))
        return;
      std::vector<report::Alert> alerts;
      if (sees_alerts || !query.alert.empty()) alerts = report::AlertsFor(c, today, thresholds_of(c.MunicipalityOn(today)));
      if (!query.alert.empty() &&
          (!sees_alerts || std::none_of(alerts.begin(), alerts.end(), [&](auto& a) { return a.rule == query.alert; })))
        return;
      ++out.total;
      if (out.total <= (out.page - 1) * out.page_size || out.total > out.page * out.page_size) return;
      CitizenRow row{key, c.MunicipalityOn(today), c.name, c.AgeOn(today), s, c.HomelessOn(today), c.DeadOn(today), {}, {}};
      for (auto* k : open) row.open_methods.push_back(k->method);
      if (sees_alerts) row.alerts = std::move(alerts);
      out.rows.push_back(std::move(row));
    };
    if (out.by_cpr) {
      for (const auto& key : cpr_hits) consider(key);
    } else {
      for (const auto& key : j.citizens()) consider(key);
    }
    return 0;
  });
  std::vector<AccessRecord> log;
  for (const auto& row : out.rows)
    log.push_back(AuditRecord(app, p, row.key, AccessAction::kList, out.by_cpr ? "search by cpr" : q.empty() ? "list" : "search"));
  RETURN_IF_ERROR(app.LogAccess(std::move(log)));
  return out;
}

StatusOr<CitizenList> HomeCitizens(App& app, const Principal& p) {
  CitizenQuery q;
  q.page_size = 200;
  if (p.role == Role::kHousing) q.situation = "homeless";
  return ListCitizens(app, p, q);
}

std::vector<const Entry*> CitizenAccess::VisibleEntries() const {
  std::vector<const Entry*> out;
  for (const Entry* e : journal.EntriesOf(course.key)) {
    const Entry* target = nullptr;
    if (const auto* v = e->As<Void>()) target = journal.FindEntry(v->entry);
    if (filter.Shows(*e, target)) out.push_back(e);
  }
  return out;
}

report::CitizenViewOptions CitizenAccess::ViewOptions() const {
  report::CitizenViewOptions o;
  o.as_of = today;
  o.thresholds = thresholds;
  CitizenFilter f = filter;
  o.show_entry = [f](const Entry& e) { return f.Shows(e); };
  o.include_recommendation = filter.recommendation;
  o.include_alerts = filter.alerts;
  o.reveal_cpr = filter.full_cpr;
  return o;
}

Status ViewCitizen(App& app, const Principal& p, const std::string& key, bool reveal_cpr, const std::string& channel,
                   const std::function<void(const CitizenAccess&)>& render) {
  if (!Allowed(p.role, Permission::kReadCitizens)) return Status::PermissionDenied("this role reads no citizen data");
  if (reveal_cpr && !Allowed(p.role, Permission::kRevealCpr))
    return Status::PermissionDenied("only caseworkers and leaders may reveal a CPR number");
  const Date today = app.Now().date();
  bool shown = app.Read([&](const Journal& j) {
    CitizenCourse scratch;
    const CitizenCourse& c = j.CourseAt(key, Timestamp::Max(), scratch);
    if (!MaySeeCitizen(p, c, today)) return false;
    render(CitizenAccess{j, c, FilterFor(p, reveal_cpr), app.ThresholdsFor(c.MunicipalityOn(today)), today});
    return true;
  });
  // No such citizen, and one the user may not see, answer alike (docs/api.md).
  if (!shown) return Status::NotFound("no citizen " + key);
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, key, reveal_cpr ? AccessAction::kRevealCpr : AccessAction::kRead, channel)}));
  return Status::Ok();
}

}  // namespace tov
