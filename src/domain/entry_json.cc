// Field-by-field validation of journal entries, collecting every error (no exceptions escape).
#include "domain/entry_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "common/text.h"
#include "domain/cpr.h"
#include "domain/municipality.h"

namespace tov {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxKeyLength = 64;
constexpr int64_t kMinAgeEstimate = 12;  // an outreach worker's estimate of a person's age
constexpr int64_t kMaxAgeEstimate = 100;
constexpr int kMaxContactMinutes = 24 * 60;
constexpr int64_t kMaxRent = 100000;      // kr per month
constexpr int64_t kMaxAmount = 10000000;  // kr: deposits, loans, debts
constexpr size_t kMaxAreas = 50;
constexpr size_t kMaxTeamMembers = 30;
constexpr int kMaxSupportMinutes = 7 * 24 * 60;  // a week's seminar at most
constexpr int kMaxParticipants = 10000;
constexpr size_t kMaxMunicipalities = 98;        // data/municipalities.csv

// Reads fields of one JSON object, remembering which were read so that the rest can be
// reported as unknown, and collecting errors.
class Fields {
 public:
  explicit Fields(const json& j) : j_(j) {}

  std::vector<FieldError>& errors() { return errors_; }
  void Error(std::string field, std::string reason, std::string code, std::vector<std::string> args = {}) {
    errors_.push_back({std::move(field), std::move(reason), std::move(code), std::move(args)});
  }

  const json* Get(const char* name, bool required) {
    if (std::find(seen_.begin(), seen_.end(), std::string_view(name)) == seen_.end())
      seen_.push_back(name);
    auto it = j_.find(name);
    if (it == j_.end() || it->is_null()) {
      if (required) Error(name, "is required", "required");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::string> String(const char* name, bool required, size_t max_len = kMaxKeyLength) {
    const json* v = Get(name, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      Error(name, "must be a string", "not_string");
      return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) {
      Error(name, "must not be empty", "empty");
      return std::nullopt;
    }
    if (s.size() > max_len && CodePointCount(s) > max_len) {  // characters, not bytes
      Error(name, "is longer than " + std::to_string(max_len) + " characters", "too_long", {std::to_string(max_len)});
      return std::nullopt;
    }
    for (unsigned char c : s) {
      if (c < 0x20 && !(max_len == kMaxTextLength && (c == '\n' || c == '\t'))) {
        Error(name, "must not contain control characters", "control_characters");
        return std::nullopt;
      }
    }
    return s;
  }

  // A non-empty array of distinct keys (strings).
  std::optional<std::vector<std::string>> Strings(const char* name, bool required, size_t max_items) {
    const json* v = Get(name, required);
    if (!v) return std::nullopt;
    if (!v->is_array() || v->empty() || v->size() > max_items) {
      Error(name, "must be a list of 1 to " + std::to_string(max_items) + " strings", "not_string_list",
            {std::to_string(max_items)});
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const json& x : *v) {
      const auto* s = x.is_string() ? &x.get_ref<const std::string&>() : nullptr;
      if (!s || s->empty() || s->size() > kMaxKeyLength ||
          std::any_of(s->begin(), s->end(), [](unsigned char c) { return c < 0x20; })) {
        Error(name, "must be a list of non-empty strings of at most " + std::to_string(kMaxKeyLength) +
                        " characters", "not_string_list", {std::to_string(max_items)});
        return std::nullopt;
      }
      if (std::find(out.begin(), out.end(), *s) != out.end()) {
        Error(name, "names \"" + *s + "\" twice", "duplicate_item");
        return std::nullopt;
      }
      out.push_back(*s);
    }
    return out;
  }

  std::optional<bool> Bool(const char* name, bool required) {
    const json* v = Get(name, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      Error(name, "must be true or false", "not_bool");
      return std::nullopt;
    }
    return v->get<bool>();
  }

  std::optional<int64_t> Integer(const char* name, bool required, int64_t lo, int64_t hi) {
    const json* v = Get(name, required);
    if (!v) return std::nullopt;
    // A float counts when it is a whole number (2.0, 1e3). One beyond int64_t is out of range:
    // it is never converted (that would be undefined behaviour), only compared.
    const bool whole_float = v->is_number_float() && std::isfinite(v->get<double>()) &&
                             v->get<double>() == std::trunc(v->get<double>());
    if (!v->is_number_integer() && !whole_float) {
      Error(name, "must be a whole number", "not_integer");
      return std::nullopt;
    }
    int64_t n;
    if (v->is_number_integer()) {
      n = v->get<int64_t>();
      if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) n = INT64_MAX;
    } else {
      const double d = v->get<double>();
      n = d >= 0x1p63 ? INT64_MAX : d < -0x1p63 ? INT64_MIN : static_cast<int64_t>(d);
    }
    if (n < lo || n > hi) {
      Error(name, "must be between " + std::to_string(lo) + " and " + std::to_string(hi), "out_of_range", {std::to_string(lo), std::to_string(hi)});
      return std::nullopt;
    }
    return n;
  }

  std::optional<Date> DateField(const char* name, bool required) {
    auto s = String(name, required, 10);
    if (!s) return std::nullopt;
    auto d = ParseDate(*s);
    if (!d) Error(name, "must be a real date written YYYY-MM-DD, not \"" + *s + "\"", "not_date");
    return d;
  }

  template <typename E, size_t N>
  std::optional<E> Enum(const char* name, bool required, const std::array<std::string_view, N>& names) {
    const json* v = Get(name, required);
    if (!v) return std::nullopt;
    if (v->is_string()) {
      if (auto e = ParseName<E>(names, v->get_ref<const std::string&>())) return e;
    }
    std::string allowed;
    for (auto n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    Error(name, "must be one of " + allowed, "not_one_of");
    return std::nullopt;
  }

  void RejectUnknown() {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (std::find(seen_.begin(), seen_.end(), std::string_view(it.key())) == seen_.end()) Error(it.key(), "is not a field of this kind of entry", "unknown_field");
  }

 private:
  const json& j_;
  std::vector<std::string_view> seen_;  // field names read so far (a handful)
  std::vector<FieldError> errors_;
};

// A user name as accounts have them (app/administration.cc): 1–64 of [A-Za-z0-9._-].
bool IsUserName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

// Whether `s` holds nothing but spaces: ASCII spaces and the Unicode space characters (no-break
// space U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000, U+FEFF). Control characters are refused
// before this is asked.
bool OnlySpaces(std::string_view s) {
  static constexpr std::string_view kSpaces[] = {
      "\xC2\xA0",     "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
      "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
      "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xAF", "\xE2\x81\x9F",
      "\xE3\x80\x80", "\xEF\xBB\xBF"};
  while (!s.empty()) {
    if (s.front() == ' ') {
      s.remove_prefix(1);
      continue;
    }
    bool space = false;
    for (std::string_view sp : kSpaces) {
      if (s.substr(0, sp.size()) == sp) {
        s.remove_prefix(sp.size());
        space = true;
        break;
      }
    }
    if (!space) return false;
  }
  return true;
}

bool ValidMunicipality(Fields& f, const char* name, const std::optional<std::string>& code) {
  if (!code) return false;
  if (code->size() != 3 || !FindMunicipality(*code)) {
    f.Error(name, "\"" + *code + "\" is not a municipality code (3 digits, data/municipalities.csv)", "not_municipality");
    return false;
  }
  return true;
}

// `members`: 1 to kMaxTeamMembers objects {"role", "name"?}; errors name the member
// (`members[2].role`).
YouthTeam ParseYouthTeam(Fields& f) {
  YouthTeam t;
  const json* v = f.Get("members", true);
  if (!v) return t;
  if (!v->is_array() || v->empty() || v->size() > kMaxTeamMembers) {
    f.Error("members", "must be a list of 1 to " + std::to_string(kMaxTeamMembers) + " team members",
            "not_member_list", {std::to_string(kMaxTeamMembers)});
    return t;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const json& m = (*v)[i];
    const std::string prefix = "members[" + std::to_string(i) + "]";
    if (!m.is_object()) {
      f.Error(prefix, "must be an object {\"role\", \"name\"}", "member_not_object");
      continue;
    }
    Fields mf(m);
    YouthTeamMember member;
    if (auto r = mf.Enum<YouthRole>("role", true, kYouthRoleNames)) member.role = *r;
    member.name = mf.String("name", false, kMaxNameLength);
    mf.RejectUnknown();
    for (auto& e : mf.errors()) f.Error(prefix + "." + e.field, e.reason, e.code, e.args);
    if (mf.errors().empty()) t.members.push_back(std::move(member));
  }
  return t;
}

EntryBody ParseBody(Kind kind, Fields& f) {
  switch (kind) {
    case Kind::kRegistered: {
      Registered r;
      // Outreach (DESIGN §10): an anonymous registration has an alias and perhaps an age
      // estimate instead of a CPR number or birth date.
      r.anonymous = f.Bool("anonymous", false).value_or(false);
      if (r.anonymous) {
        for (const char* k : {"cpr", "birth_date", "name"}) {
          if (!f.Get(k, false)) continue;
          f.Error(k, std::string("is not given for an anonymous registration (record an `identified` entry when the person gives their identity)"),
                  "anonymous_identity");
        }
        r.alias = f.String("alias", true, kMaxNameLength);
        if (r.alias && OnlySpaces(*r.alias)) {
          f.Error("alias", "must not be empty (it holds only spaces)", "empty");
          r.alias.reset();
        }
        if (auto a = f.Integer("age_estimate", false, kMinAgeEstimate, kMaxAgeEstimate))
          r.age_estimate = static_cast<int>(*a);
        r.referred_by = f.Enum<Referral>("referred_by", false, kReferralNames);
        return r;
      }
      for (const char* k : {"alias", "age_estimate"}) {
        if (!f.Get(k, false)) continue;
        f.Error(k, "is given only for an anonymous registration (with \"anonymous\": true)", "only_anonymous");
      }
      r.cpr = f.String("cpr", false, 11);
      if (r.cpr) {
        auto cpr = ParseCpr(*r.cpr);
        if (!cpr) {
          f.Error("cpr", "must be a CPR number DDMMYY-SSSS (10 digits, dash optional) naming a real birth date", "not_cpr");
          r.cpr.reset();
        } else {
          r.birth_date = cpr->birth_date;
        }
      }
      if (f.Get("birth_date", false)) {
        auto bd = f.DateField("birth_date", false);
        r.birth_date_given = true;
        if (bd && r.birth_date && *bd != *r.birth_date)
          f.Error("birth_date", "does not match the birth date of the CPR number", "cpr_birth_date_mismatch");
        if (bd) r.birth_date = bd;
      }
      if (!f.Get("cpr", false) && !f.Get("birth_date", false))
        f.Error("cpr", "is required (or birth_date)", "cpr_or_birth_date");
      r.name = f.String("name", false, kMaxNameLength);
      if (r.name && OnlySpaces(*r.name)) {
        f.Error("name", "must not be empty (it holds only spaces)", "empty");
        r.name.reset();
      }
      r.referred_by = f.Enum<Referral>("referred_by", false, kReferralNames);
      return r;
    }
    case Kind::kHousing: {
      Housing h;
      if (auto s = f.Enum<Situation>("situation", true, kSituationNames)) h.situation = *s;
      h.ready_for_housing = f.Bool("ready_for_housing", false);
      return h;
    }
    case Kind::kAssessment: {
      Assessment a;
      if (const json* needs = f.Get("needs", true)) {
        if (!needs->is_object()) {
          f.Error("needs", "must be an object of life area → 0..4", "needs_not_object");
        } else {
          for (auto it = needs->begin(); it != needs->end(); ++it) {
            auto area = ParseName<LifeArea>(kLifeAreaNames, it.key());
            std::string field = "needs." + it.key();
            if (!area) {
              std::string allowed;
              for (auto n : kLifeAreaNames) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
              f.Error(field, "is not a life area (" + allowed + ")", "unknown_field");
            } else if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 4 ||
                       it->get<double>() != static_cast<double>(static_cast<int>(it->get<double>()))) {
              // Whole numbers, as for minutes and phase: 2.0 is read as 2 (docs/journal-format.md).
              f.Error(field, "must be a whole number from 0 to 4", "out_of_range", {"0", "4"});
            } else {
              a.needs[static_cast<size_t>(*area)] = static_cast<int8_t>(it->get<double>());
            }
          }
        }
      }
      if (auto u = f.Enum<OrdinaryServices>("uses_ordinary_services", true, kOrdinaryServicesNames))
        a.uses_ordinary_services = *u;
      a.transition_only = f.Bool("transition_only", false);
      return a;
    }
    case Kind::kDecision: {
      Decision d;
      if (const json* p = f.Get("paragraph", true)) {
        bool ok = p->is_string();
        if (ok) {
          ok = false;
          for (auto n : kParagraphs) ok = ok || n == p->get_ref<const std::string&>();
        }
        if (ok) {
          d.paragraph = p->get<std::string>();
        } else {
          f.Error("paragraph", "must be one of \"85\", \"85a\", \"99\", \"107\", \"108\", \"110\", \"141\", \"142\" (a string)", "not_one_of");
        }
      }
      if (auto g = f.Bool("granted", true)) d.granted = *g;
      return d;
    }
    case Kind::kActionPlan: {
      ActionPlan p;
      if (auto s = f.Enum<PlanStatus>("status", true, kPlanStatusNames)) p.status = *s;
      return p;
    }
    case Kind::kCourseStarted: {
      CourseStarted c;
      if (auto s = f.String("course", true)) c.course = *s;
      if (auto m = f.Enum<Method>("method", true, kMethodNames)) c.method = *m;
      if (auto w = f.String("worker", true)) c.worker = *w;
      return c;
    }
    case Kind::kCoursePhase: {
      CoursePhase c;
      if (auto s = f.String("course", true)) c.course = *s;
      if (auto p = f.Integer("phase", true, 1, 3)) c.phase = static_cast<int>(*p);
      return c;
    }
    case Kind::kCourseEnded: {
      CourseEnded c;
      if (auto s = f.String("course", true)) c.course = *s;
      if (auto r = f.Enum<EndReason>("reason", true, kEndReasonNames)) c.reason = *r;
      return c;
    }
    case Kind::kContact: {
      Contact c;
      if (auto w = f.String("worker", true)) c.worker = *w;
      if (auto m = f.Enum<ContactMode>("mode", true, kContactModeNames)) c.mode = *m;
      if (auto n = f.Integer("minutes", true, 1, kMaxContactMinutes)) c.minutes = static_cast<int>(*n);
      c.place = f.String("place", false, kMaxNameLength);
      if (c.place && OnlySpaces(*c.place)) {
        f.Error("place", "must not be empty (it holds only spaces)", "empty");
        c.place.reset();
      }
      c.night = f.Bool("night", false);
      return c;
    }
    case Kind::kReleasePlanned: {
      ReleasePlanned r;
      if (auto from = f.Enum<ReleaseFrom>("from", true, kReleaseFromNames)) r.from = *from;
      if (auto e = f.DateField("expected", true)) r.expected = *e;
      if (auto h = f.Bool("housing_solution", true)) r.housing_solution = *h;
      return r;
    }
    case Kind::kHousingOffer: {
      HousingOffer o;
      if (auto u = f.String("unit", true)) o.unit = *u;
      auto status = f.Enum<OfferStatus>("status", true, kOfferStatusNames);
      if (status) o.status = *status;
      o.reason = f.Enum<DeclineReason>("reason", false, kDeclineReasonNames);
      if (o.reason && status && *status != OfferStatus::kDeclined) {
        f.Error("reason", "is given only for a declined offer", "reason_not_declined");
        o.reason.reset();
      }
      return o;
    }
    case Kind::kYouthStatus: {
      YouthStatus y;
      if (auto a = f.Enum<Activity>("activity", true, kActivityNames)) y.activity = *a;
      return y;
    }
    case Kind::kMoved: {
      Moved m;
      auto to = f.String("to", true, 3);
      if (ValidMunicipality(f, "to", to)) m.to = *to;
      return m;
    }
    case Kind::kDied:
      return Died{};
    case Kind::kNote: {
      Note n;
      if (auto t = f.String("text", true, kMaxTextLength)) n.text = *t;
      return n;
    }
    case Kind::kVoid: {
      Void v;
      if (auto e = f.String("entry", true)) v.entry = *e;
      return v;
    }
    case Kind::kUnitListed: {
      UnitListed u;
      if (auto k = f.Enum<UnitKind>("unit_kind", true, kUnitKindNames)) u.unit_kind = *k;
      if (auto r = f.Integer("rooms", true, 1, 6)) u.rooms = static_cast<int>(*r);
      if (auto r = f.Integer("rent", true, 0, kMaxRent)) u.rent = static_cast<int32_t>(*r);
      if (auto d = f.Integer("deposit", false, 0, kMaxAmount)) u.deposit = static_cast<int32_t>(*d);
      u.area = f.String("area", false);
      u.accessible = f.Bool("accessible", false);
      u.youth_only = f.Bool("youth_only", false);
      u.quota = f.Bool("quota", false);
      u.association = f.String("association", false, kMaxNameLength);
      return u;
    }
    case Kind::kUnitWithdrawn:
      return UnitWithdrawn{};
    case Kind::kHousingApproved: {
      HousingApproved a;
      if (auto r = f.Integer("rooms_min", true, 1, 6)) a.rooms_min = static_cast<int>(*r);
      a.max_rent = f.Integer("max_rent", false, 0, kMaxRent);
      a.areas = f.Strings("areas", false, kMaxAreas);
      a.accessible = f.Bool("accessible", false);
      return a;
    }
    case Kind::kHousingApprovalEnded: {
      HousingApprovalEnded a;
      if (auto r = f.Enum<ApprovalEndReason>("reason", true, kApprovalEndReasonNames)) a.reason = *r;
      return a;
    }
    case Kind::kDepositLoan: {
      DepositLoan d;
      if (auto a = f.Integer("amount", true, 1, kMaxAmount)) d.amount = *a;
      if (auto g = f.Bool("granted", true)) d.granted = *g;
      return d;
    }
    case Kind::kHousingDebt: {
      HousingDebt d;
      if (auto a = f.Integer("amount", true, 1, kMaxAmount)) d.amount = *a;
      if (auto t = f.Enum<DebtTo>("to", true, kDebtToNames)) d.to = *t;
      return d;
    }
    case Kind::kYouthTeam:
      return ParseYouthTeam(f);
    case Kind::kYouthBackground: {
      YouthBackground b;
      if (auto v = f.Bool("former_placement", true)) b.former_placement = *v;
      if (auto v = f.Bool("family_case", true)) b.family_case = *v;
      if (auto v = f.Bool("own_family_case", true)) b.own_family_case = *v;
      return b;
    }
    case Kind::kSupportActivity: {
      SupportActivity a;
      if (auto k = f.Enum<SupportKind>("activity", true, kSupportKindNames)) a.activity = *k;
      if (auto t = f.Enum<SupportTopic>("topic", true, kSupportTopicNames)) a.topic = *t;
      if (auto n = f.Integer("minutes", true, 1, kMaxSupportMinutes)) a.minutes = static_cast<int>(*n);
      if (auto n = f.Integer("participants", false, 1, kMaxParticipants)) a.participants = static_cast<int>(*n);
      if (auto w = f.Strings("with", false, kMaxMunicipalities)) {
        bool ok = true;
        for (const std::string& code : *w) {
          if (code.size() != 3 || !FindMunicipality(code)) {
            f.Error("with", "\"" + code + "\" is not a municipality code (3 digits, data/municipalities.csv)", "not_municipality");
            ok = false;
            break;
          }
        }
        if (ok) a.with = std::move(w);
      }
      return a;
    }
    case Kind::kAlertFollowup: {
      AlertFollowup a;
      if (auto r = f.Enum<AlertRule>("rule", true, kAlertRuleNames)) a.rule = *r;
      auto action = f.Enum<FollowupAction>("action", true, kFollowupActionNames);
      if (action) a.action = *action;
      const bool assigned = action == FollowupAction::kAssigned;
      a.assignee = f.String("assignee", assigned, 64);
      if (a.assignee && !assigned) {
        f.Error("assignee", "is given only when the action is assigned", "only_when_assigned");
      } else if (a.assignee && !IsUserName(*a.assignee)) {
        f.Error("assignee", "must be 1–64 letters, digits, '.', '_' or '-'", "bad_user_name");
      }
      a.text = f.String("text", action == FollowupAction::kComment, kMaxTextLength);
      return a;
    }
    case Kind::kImplementationStatus: {
      ImplementationStatus st;
      if (auto m = f.Enum<ImplMethod>("method", true, kImplMethodNames)) st.method = *m;
      if (auto g = f.Enum<ImplStage>("stage", true, kImplStageNames)) st.stage = *g;
      st.text = f.String("text", false, kMaxTextLength);
      return st;
    }
    case Kind::kIdentified: {
      Identified id;
      if (auto cpr = f.String("cpr", true, 11)) {
        if (auto parsed = ParseCpr(*cpr)) {
          id.cpr = *cpr;
          id.birth_date = parsed->birth_date;
        } else {
          f.Error("cpr", "must be a CPR number DDMMYY-SSSS (10 digits, dash optional) naming a real birth date", "not_cpr");
        }
      }
      id.name = f.String("name", false, kMaxNameLength);
      if (id.name && OnlySpaces(*id.name)) {
        f.Error("name", "must not be empty (it holds only spaces)", "empty");
        id.name.reset();
      }
      if (auto c = f.Bool("consent", true); c && !*c)
        f.Error("consent", "must be true: a person is identified only with their consent", "consent_required");
      return id;
    }
    case Kind::kYouthGoal: {
      YouthGoal g;
      if (auto a = f.Enum<GoalArea>("area", true, kGoalAreaNames)) g.area = *a;
      if (auto t = f.String("text", true, kMaxTextLength)) g.text = *t;
      g.status = f.Enum<GoalStatus>("status", false, kGoalStatusNames);
      return g;
    }
  }
  return Died{};
}

// The plausibility rules of one entry's own dates (DESIGN §4): a registration's birth date is not
// after its date, a planned release is not expected before its date.
void CheckDatesOfBody(const Entry& e, Fields& f) {
  if (const auto* r = e.As<Registered>()) {
    if (r->birth_date && *r->birth_date > e.date)
      f.Error(r->cpr ? "cpr" : "birth_date",
              "gives a birth date (" + r->birth_date->ToString() +
                  ") after the date of the registration",
              "born_after_date", {r->birth_date->ToString()});
  } else if (const auto* i = e.As<Identified>()) {
    if (!i->cpr.empty() && i->birth_date > e.date)
      f.Error("cpr",
              "gives a birth date (" + i->birth_date.ToString() + ") after the date of the identification",
              "born_after_date", {i->birth_date.ToString()});
  } else if (const auto* p = e.As<ReleasePlanned>()) {
    // (A failed `expected` leaves the default date of 1970, which is no error of its own.)
    bool expected_ok = std::none_of(f.errors().begin(), f.errors().end(),
                                    [](const FieldError& x) { return x.field == "expected"; });
    if (expected_ok && p->expected < e.date)
      f.Error("expected", "is before the entry's date (" + e.date.ToString() + ")", "before_date",
              {e.date.ToString()});
  }
}

}  // namespace

StatusOr<Entry> ParseEntry(const json& j, const ParseOptions& options) {
  if (!j.is_object()) return Status::InvalidField("json", "an entry must be a JSON object");
  Fields f(j);
  Entry e;
  if (auto id = f.String("id", false)) e.id = *id;
  // The subject: a citizen, or for the dwelling kinds (and a void of one of their entries) a
  // dwelling — never both (docs/housing.md).
  auto raw_kind = j.find("kind");
  auto kind_name = raw_kind != j.end() && raw_kind->is_string() ? raw_kind->get<std::string>() : "";
  auto given = [&](const char* k) { auto it = j.find(k); return it != j.end() && !it->is_null(); };
  const bool dwelling_kind = kind_name == "unit_listed" || kind_name == "unit_withdrawn";
  const bool dwelling_void = kind_name == "void" && given("unit") && !given("citizen");
  // An entry about a municipality names neither; so does a void of one (docs/journal-format.md).
  const bool municipality_kind = kind_name == "support_activity" || kind_name == "implementation_status";
  const bool municipality_void = kind_name == "void" && !given("unit") && !given("citizen");
  if (municipality_kind || municipality_void) {
    for (const char* k : {"citizen", "unit"}) {
      if (!given(k)) continue;
      f.Get(k, false);
      f.Error(k, "is not a field of an entry about a municipality (its municipality is the one it is about)",
              "municipality_entry");
    }
  } else if (dwelling_kind || dwelling_void) {
    if (auto u = f.String("unit", true)) e.unit = *u;
    if (given("citizen")) {
      f.Get("citizen", false);
      f.Error("citizen", "is not a field of an entry about a dwelling (it names the dwelling's unit)", "dwelling_entry");
    }
  } else {
    if (auto c = f.String("citizen", true)) e.citizen = *c;
    if (kind_name == "void" && given("unit")) {
      f.Get("unit", false);
      f.Error("unit", "an entry names a citizen or a dwelling, never both", "citizen_and_unit");
    }
  }
  auto municipality = f.String("municipality", true, 3);
  if (ValidMunicipality(f, "municipality", municipality)) e.municipality = *municipality;
  auto date = f.DateField("date", true);
  if (date) e.date = *date;
  if (auto by = f.String("by", false)) e.by = *by;
  e.recorded = options.now;
  bool recorded_ok = true;
  if (auto rec = f.String("recorded", !options.allow_missing_recorded, 40)) {
    auto ts = ParseTimestamp(*rec);
    recorded_ok = false;
    if (!ts) {
      f.Error("recorded", "must be an ISO 8601 UTC time such as 2024-03-01T09:00:00Z", "not_time");
    } else if (*ts > options.now) {
      f.Error("recorded", "is in the future", "in_future");
    } else {
      e.recorded = *ts;
      recorded_ok = true;
    }
  } else if (f.errors().size() && f.errors().back().field == "recorded") {
    recorded_ok = false;
  }
  // Plausibility (DESIGN §4): nothing is dated after the day it is recorded, in Danish time.
  if (date && recorded_ok) {
    Date recorded_day = DanishDate(e.recorded);
    if (*date > recorded_day)
      f.Error("date",
              "is later than the day it is recorded (" + recorded_day.ToString() + ", Danish time)",
              "after_recorded", {recorded_day.ToString()});
  }
  auto kind = f.Enum<Kind>("kind", true, kKindNames);
  if (kind) {
    e.body = ParseBody(*kind, f);
    f.RejectUnknown();
    if (date) CheckDatesOfBody(e, f);
  }
  if (!f.errors().empty()) {
    auto errors = std::move(f.errors());
    std::string message = errors.front().field + ": " + errors.front().reason;
    return Status::Invalid(std::move(message), std::move(errors));
  }
  return e;
}

StatusOr<Entry> ParseEntryLine(std::string_view line, const ParseOptions& options,
                               std::string* canonical) {
  json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidField("json", "not valid JSON");
  auto e = ParseEntry(j, options);
  if (e.ok() && canonical) *canonical = j.dump();
  return e;
}

json ToJson(const Entry& e) {
  json j;
  j["id"] = e.id;
  if (e.about_dwelling()) {
    j["unit"] = e.unit;
  } else if (!e.citizen.empty()) {
    j["citizen"] = e.citizen;
  }
  j["municipality"] = e.municipality;
  j["kind"] = std::string(KindName(e.kind()));
  j["date"] = e.date.ToString();
  j["recorded"] = e.recorded.ToString();
  if (!e.by.empty()) j["by"] = e.by;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Registered>) {
          if (b.anonymous) j["anonymous"] = true;
          if (b.alias) j["alias"] = *b.alias;
          if (b.age_estimate) j["age_estimate"] = *b.age_estimate;
          if (b.cpr) j["cpr"] = *b.cpr;
          if (b.birth_date_given && b.birth_date) j["birth_date"] = b.birth_date->ToString();
          if (b.name) j["name"] = *b.name;
          if (b.referred_by) j["referred_by"] = std::string(NameOf(kReferralNames, *b.referred_by));
        } else if constexpr (std::is_same_v<T, Housing>) {
          j["situation"] = std::string(SituationName(b.situation));
          if (b.ready_for_housing) j["ready_for_housing"] = *b.ready_for_housing;
        } else if constexpr (std::is_same_v<T, Assessment>) {
          json needs = json::object();
          for (size_t i = 0; i < b.needs.size(); ++i)
            if (b.needs[i] >= 0) needs[std::string(kLifeAreaNames[i])] = int{b.needs[i]};
          j["needs"] = needs;
          j["uses_ordinary_services"] =
              std::string(NameOf(kOrdinaryServicesNames, b.uses_ordinary_services));
          if (b.transition_only) j["transition_only"] = *b.transition_only;
        } else if constexpr (std::is_same_v<T, Decision>) {
          j["paragraph"] = b.paragraph;
          j["granted"] = b.granted;
        } else if constexpr (std::is_same_v<T, ActionPlan>) {
          j["status"] = std::string(NameOf(kPlanStatusNames, b.status));
        } else if constexpr (std::is_same_v<T, CourseStarted>) {
          j["course"] = b.course;
          j["method"] = std::string(MethodName(b.method));
          j["worker"] = b.worker;
        } else if constexpr (std::is_same_v<T, CoursePhase>) {
          j["course"] = b.course;
          j["phase"] = b.phase;
        } else if constexpr (std::is_same_v<T, CourseEnded>) {
          j["course"] = b.course;
          j["reason"] = std::string(NameOf(kEndReasonNames, b.reason));
        } else if constexpr (std::is_same_v<T, Contact>) {
          j["worker"] = b.worker;
          j["mode"] = std::string(NameOf(kContactModeNames, b.mode));
          j["minutes"] = b.minutes;
          if (b.place) j["place"] = *b.place;
          if (b.night) j["night"] = *b.night;
        } else if constexpr (std::is_same_v<T, ReleasePlanned>) {
          j["from"] = std::string(NameOf(kReleaseFromNames, b.from));
          j["expected"] = b.expected.ToString();
          j["housing_solution"] = b.housing_solution;
        } else if constexpr (std::is_same_v<T, HousingOffer>) {
          j["unit"] = b.unit;
          j["status"] = std::string(NameOf(kOfferStatusNames, b.status));
          if (b.reason) j["reason"] = std::string(NameOf(kDeclineReasonNames, *b.reason));
        } else if constexpr (std::is_same_v<T, YouthStatus>) {
          j["activity"] = std::string(NameOf(kActivityNames, b.activity));
        } else if constexpr (std::is_same_v<T, Moved>) {
          j["to"] = b.to;
        } else if constexpr (std::is_same_v<T, Note>) {
          j["text"] = b.text;
        } else if constexpr (std::is_same_v<T, Void>) {
          j["entry"] = b.entry;
        } else if constexpr (std::is_same_v<T, UnitListed>) {
          j["unit_kind"] = std::string(NameOf(kUnitKindNames, b.unit_kind));
          j["rooms"] = b.rooms;
          j["rent"] = b.rent;
          if (b.deposit) j["deposit"] = *b.deposit;
          if (b.area) j["area"] = *b.area;
          if (b.accessible) j["accessible"] = *b.accessible;
          if (b.youth_only) j["youth_only"] = *b.youth_only;
          if (b.quota) j["quota"] = *b.quota;
          if (b.association) j["association"] = *b.association;
        } else if constexpr (std::is_same_v<T, HousingApproved>) {
          j["rooms_min"] = b.rooms_min;
          if (b.max_rent) j["max_rent"] = *b.max_rent;
          if (b.areas) j["areas"] = *b.areas;
          if (b.accessible) j["accessible"] = *b.accessible;
        } else if constexpr (std::is_same_v<T, HousingApprovalEnded>) {
          j["reason"] = std::string(NameOf(kApprovalEndReasonNames, b.reason));
        } else if constexpr (std::is_same_v<T, DepositLoan>) {
          j["amount"] = b.amount;
          j["granted"] = b.granted;
        } else if constexpr (std::is_same_v<T, HousingDebt>) {
          j["amount"] = b.amount;
          j["to"] = std::string(NameOf(kDebtToNames, b.to));
        } else if constexpr (std::is_same_v<T, YouthTeam>) {
          json members = json::array();
          for (const auto& m : b.members) {
            json x{{"role", std::string(NameOf(kYouthRoleNames, m.role))}};
            if (m.name) x["name"] = *m.name;
            members.push_back(std::move(x));
          }
          j["members"] = std::move(members);
        } else if constexpr (std::is_same_v<T, YouthBackground>) {
          j["former_placement"] = b.former_placement;
          j["family_case"] = b.family_case;
          j["own_family_case"] = b.own_family_case;
        } else if constexpr (std::is_same_v<T, SupportActivity>) {
          j["activity"] = std::string(NameOf(kSupportKindNames, b.activity));
          j["topic"] = std::string(NameOf(kSupportTopicNames, b.topic));
          j["minutes"] = b.minutes;
          if (b.participants) j["participants"] = *b.participants;
          if (b.with) j["with"] = *b.with;
        } else if constexpr (std::is_same_v<T, ImplementationStatus>) {
          j["method"] = std::string(NameOf(kImplMethodNames, b.method));
          j["stage"] = std::string(NameOf(kImplStageNames, b.stage));
          if (b.text) j["text"] = *b.text;
        } else if constexpr (std::is_same_v<T, AlertFollowup>) {
          j["rule"] = std::string(NameOf(kAlertRuleNames, b.rule));
          j["action"] = std::string(NameOf(kFollowupActionNames, b.action));
          if (b.assignee) j["assignee"] = *b.assignee;
          if (b.text) j["text"] = *b.text;
        } else if constexpr (std::is_same_v<T, Identified>) {
          j["cpr"] = b.cpr;
          if (b.name) j["name"] = *b.name;
          j["consent"] = b.consent;
        } else if constexpr (std::is_same_v<T, YouthGoal>) {
          j["area"] = std::string(NameOf(kGoalAreaNames, b.area));
          j["text"] = b.text;
          if (b.status) j["status"] = std::string(NameOf(kGoalStatusNames, *b.status));
        }
      },
      e.body);
  return j;
}

}  // namespace tov
