// The compact binary form of an entry (docs/storage-format.md): a version byte, the kind, the
// entry's citizen, dwelling, municipality and date, then the body's fields in declaration order.
// One generic writer and reader walk every body through its list of fields (Fields below), so a
// body's form is written down once; a count of each body's members at compile time makes a field
// added to a body and not to its list a compile error.
#include "domain/entry_binary.h"

#include <limits>
#include <tuple>
#include <type_traits>

namespace tov {
namespace {

template <typename B, typename T>
concept Is = std::is_same_v<std::remove_const_t<B>, T>;

// The fields each body keeps in the binary form, in declaration order. A CPR number is not among
// them: the store keeps it encrypted, apart.
template <Is<Registered> B>
auto Fields(B& b) {
  return std::tie(b.birth_date, b.birth_date_given, b.name, b.referred_by, b.anonymous, b.age_estimate, b.alias);
}
template <Is<Housing> B>
auto Fields(B& b) { return std::tie(b.situation, b.ready_for_housing); }
template <Is<Assessment> B>
auto Fields(B& b) { return std::tie(b.needs, b.uses_ordinary_services, b.transition_only); }
template <Is<Decision> B>
auto Fields(B& b) { return std::tie(b.paragraph, b.granted); }
template <Is<ActionPlan> B>
auto Fields(B& b) { return std::tie(b.status); }
template <Is<CourseStarted> B>
auto Fields(B& b) { return std::tie(b.course, b.method, b.worker); }
template <Is<CoursePhase> B>
auto Fields(B& b) { return std::tie(b.course, b.phase); }
template <Is<CourseEnded> B>
auto Fields(B& b) { return std::tie(b.course, b.reason); }
template <Is<Contact> B>
auto Fields(B& b) { return std::tie(b.worker, b.mode, b.minutes, b.night, b.place); }
template <Is<ReleasePlanned> B>
auto Fields(B& b) { return std::tie(b.from, b.expected, b.housing_solution); }
template <Is<HousingOffer> B>
auto Fields(B& b) { return std::tie(b.unit, b.status, b.reason); }
template <Is<YouthStatus> B>
auto Fields(B& b) { return std::tie(b.activity); }
template <Is<Moved> B>
auto Fields(B& b) { return std::tie(b.to); }
template <Is<Died> B>
auto Fields(B&) { return std::tie(); }
template <Is<Note> B>
auto Fields(B& b) { return std::tie(b.text); }
template <Is<Void> B>
auto Fields(B& b) { return std::tie(b.entry); }
template <Is<UnitListed> B>
auto Fields(B& b) {
  return std::tie(b.unit_kind, b.accessible, b.youth_only, b.quota, b.rooms, b.rent, b.deposit, b.area, b.association);
}
template <Is<UnitWithdrawn> B>
auto Fields(B&) { return std::tie(); }
template <Is<HousingApproved> B>
auto Fields(B& b) { return std::tie(b.rooms_min, b.max_rent, b.areas, b.accessible); }
template <Is<HousingApprovalEnded> B>
auto Fields(B& b) { return std::tie(b.reason); }
template <Is<DepositLoan> B>
auto Fields(B& b) { return std::tie(b.amount, b.granted); }
template <Is<HousingDebt> B>
auto Fields(B& b) { return std::tie(b.amount, b.to); }
template <Is<YouthTeamMember> B>
auto Fields(B& b) { return std::tie(b.role, b.name); }
template <Is<YouthTeam> B>
auto Fields(B& b) { return std::tie(b.members); }
template <Is<YouthBackground> B>
auto Fields(B& b) { return std::tie(b.former_placement, b.family_case, b.own_family_case); }
template <Is<YouthGoal> B>
auto Fields(B& b) { return std::tie(b.area, b.text, b.status); }
template <Is<SupportActivity> B>
auto Fields(B& b) { return std::tie(b.activity, b.topic, b.minutes, b.participants, b.with); }
template <Is<ImplementationStatus> B>
auto Fields(B& b) { return std::tie(b.method, b.stage, b.text); }
template <Is<AlertFollowup> B>
auto Fields(B& b) { return std::tie(b.rule, b.action, b.assignee, b.text); }
template <Is<Identified> B>
auto Fields(B& b) { return std::tie(b.birth_date, b.name, b.consent); }

// The number of members of an aggregate, found by how many initializers it takes (as Boost.PFR
// does), so that the lists above are checked against the structs.
struct AnyField {
  template <typename T>
  operator T() const {  // NOLINT(google-explicit-constructor): converts to any member's type
    return T{};
  }
};
template <typename T, typename... A>
constexpr size_t MemberCount() {
  if constexpr (requires { T{A{}..., AnyField{}}; }) {
    return MemberCount<T, A..., AnyField>();
  } else {
    return sizeof...(A);
  }
}
// Every member is in the list; `omitted` are the CPR numbers, kept apart.
template <typename T>
constexpr bool Listed(size_t omitted = 0) {
  return MemberCount<T>() == std::tuple_size_v<decltype(Fields(std::declval<T&>()))> + omitted;
}
static_assert(Listed<Registered>(1) && Listed<Identified>(1), "a body's new field is missing from its Fields");
static_assert(Listed<Housing>() && Listed<Assessment>() && Listed<Decision>() && Listed<ActionPlan>() &&
                  Listed<CourseStarted>() && Listed<CoursePhase>() && Listed<CourseEnded>() && Listed<Contact>() &&
                  Listed<ReleasePlanned>() && Listed<HousingOffer>() && Listed<YouthStatus>() && Listed<Moved>() &&
                  Listed<Died>() && Listed<Note>() && Listed<Void>() && Listed<UnitListed>() &&
                  Listed<UnitWithdrawn>() && Listed<HousingApproved>() && Listed<HousingApprovalEnded>() &&
                  Listed<DepositLoan>() && Listed<HousingDebt>() && Listed<YouthTeamMember>() &&
                  Listed<YouthTeam>() && Listed<YouthBackground>() && Listed<YouthGoal>() &&
                  Listed<SupportActivity>() && Listed<ImplementationStatus>() && Listed<AlertFollowup>(),
              "a body's new field is missing from its Fields");
static_assert(std::variant_size_v<EntryBody> == kKindNames.size());

// How many values each enumeration has (a stored byte beyond them is damage).
constexpr size_t ValuesOf(Situation) { return kSituationNames.size(); }
constexpr size_t ValuesOf(Referral) { return kReferralNames.size(); }
constexpr size_t ValuesOf(OrdinaryServices) { return kOrdinaryServicesNames.size(); }
constexpr size_t ValuesOf(PlanStatus) { return kPlanStatusNames.size(); }
constexpr size_t ValuesOf(Method) { return kMethodNames.size(); }
constexpr size_t ValuesOf(EndReason) { return kEndReasonNames.size(); }
constexpr size_t ValuesOf(ContactMode) { return kContactModeNames.size(); }
constexpr size_t ValuesOf(ReleaseFrom) { return kReleaseFromNames.size(); }
constexpr size_t ValuesOf(OfferStatus) { return kOfferStatusNames.size(); }
constexpr size_t ValuesOf(DeclineReason) { return kDeclineReasonNames.size(); }
constexpr size_t ValuesOf(UnitKind) { return kUnitKindNames.size(); }
constexpr size_t ValuesOf(ApprovalEndReason) { return kApprovalEndReasonNames.size(); }
constexpr size_t ValuesOf(DebtTo) { return kDebtToNames.size(); }
constexpr size_t ValuesOf(Activity) { return kActivityNames.size(); }
constexpr size_t ValuesOf(YouthRole) { return kYouthRoleNames.size(); }
constexpr size_t ValuesOf(GoalArea) { return kGoalAreaNames.size(); }
constexpr size_t ValuesOf(GoalStatus) { return kGoalStatusNames.size(); }
constexpr size_t ValuesOf(SupportKind) { return kSupportKindNames.size(); }
constexpr size_t ValuesOf(SupportTopic) { return kSupportTopicNames.size(); }
constexpr size_t ValuesOf(ImplMethod) { return kImplMethodNames.size(); }
constexpr size_t ValuesOf(ImplStage) { return kImplStageNames.size(); }
constexpr size_t ValuesOf(AlertRule) { return kAlertRuleNames.size(); }
constexpr size_t ValuesOf(FollowupAction) { return kFollowupActionNames.size(); }

template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <typename T>
inline constexpr bool kIsVector = false;
template <typename T>
inline constexpr bool kIsVector<std::vector<T>> = true;

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Unsigned(uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<uint8_t>(v));
  }
  void Signed(int64_t v) { Unsigned((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }

  template <typename T>
  void Put(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      Byte(v ? 1 : 0);
    } else if constexpr (std::is_enum_v<T>) {
      static_assert(sizeof(T) == 1);
      Byte(static_cast<uint8_t>(v));
    } else if constexpr (std::is_integral_v<T>) {
      Signed(v);
    } else if constexpr (std::is_same_v<T, Date>) {
      Signed(v.days());
    } else if constexpr (std::is_same_v<T, std::string>) {
      Unsigned(v.size());
      out_.append(v);
    } else if constexpr (kIsOptional<T>) {
      Byte(v ? 1 : 0);
      if (v) Put(*v);
    } else if constexpr (kIsVector<T>) {
      Unsigned(v.size());
      for (const auto& x : v) Put(x);
    } else if constexpr (std::is_same_v<T, std::array<int8_t, 8>>) {
      for (int8_t x : v) Signed(x);
    } else {
      std::apply([&](const auto&... f) { (Put(f), ...); }, Fields(v));
    }
  }

 private:
  std::string& out_;
};

// Reads what Writer wrote; on the first byte out of place it stops and ok() is false.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

  uint8_t Byte() {
    if (pos_ >= in_.size()) return Fail();
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint64_t Unsigned() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && ok_; shift += 7) {
      uint8_t b = Byte();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  int64_t Signed() {
    uint64_t u = Unsigned();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }

  template <typename T>
  void Get(T& v) {
    if (!ok_) return;
    if constexpr (std::is_same_v<T, bool>) {
      uint8_t b = Byte();
      if (b > 1) Fail();
      v = b == 1;
    } else if constexpr (std::is_enum_v<T>) {
      uint8_t b = Byte();
      if (b >= ValuesOf(T{})) Fail();
      v = static_cast<T>(b);
    } else if constexpr (std::is_integral_v<T>) {
      v = Narrow<T>(Signed());
    } else if constexpr (std::is_same_v<T, Date>) {
      v = Date(Narrow<int32_t>(Signed()));
    } else if constexpr (std::is_same_v<T, std::string>) {
      uint64_t n = Unsigned();
      if (n > in_.size() - pos_) {
        Fail();
        return;
      }
      v.assign(in_.substr(pos_, n));
      pos_ += n;
    } else if constexpr (kIsOptional<T>) {
      uint8_t present = Byte();
      if (present > 1) Fail();
      if (present == 1) Get(v.emplace());
    } else if constexpr (kIsVector<T>) {
      uint64_t n = Unsigned();
      if (n > in_.size() - pos_) {  // every element takes a byte at least
        Fail();
        return;
      }
      v.resize(n);
      for (auto& x : v) Get(x);
    } else if constexpr (std::is_same_v<T, std::array<int8_t, 8>>) {
      for (int8_t& x : v) x = Narrow<int8_t>(Signed());
    } else {
      std::apply([&](auto&... f) { (Get(f), ...); }, Fields(v));
    }
  }

 private:
  uint8_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  template <typename T>
  T Narrow(int64_t x) {
    if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max()) {
      Fail();
      return 0;
    }
    return static_cast<T>(x);
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

template <size_t I = 0>
void GetBody(size_t kind, Reader& r, EntryBody& body) {
  if constexpr (I < std::variant_size_v<EntryBody>) {
    if (kind == I) {
      r.Get(body.emplace<I>());
    } else {
      GetBody<I + 1>(kind, r, body);
    }
  }
}

}  // namespace

std::string EncodeEntryBinary(const Entry& e) {
  std::string out;
  out.reserve(32 + e.citizen.size() + e.unit.size());
  Writer w(out);
  w.Byte(kEntryBinaryVersion);
  w.Byte(static_cast<uint8_t>(e.kind()));
  w.Put(e.citizen);
  w.Put(e.unit);
  w.Put(e.municipality);
  w.Put(e.date);
  std::visit([&w](const auto& b) { w.Put(b); }, e.body);
  return out;
}

StatusOr<Entry> DecodeEntryBinary(std::string_view bin) {
  Reader r(bin);
  if (r.Byte() != kEntryBinaryVersion) return Status::Internal("is damaged: not of binary version 1");
  const uint8_t kind = r.Byte();
  if (kind >= kKindNames.size()) return Status::Internal("is damaged: no such kind");
  Entry e;
  r.Get(e.citizen);
  r.Get(e.unit);
  r.Get(e.municipality);
  r.Get(e.date);
  GetBody(kind, r, e.body);
  if (!r.ok() || !r.at_end()) return Status::Internal("is damaged: the binary form ends out of place");
  return e;
}

}  // namespace tov
