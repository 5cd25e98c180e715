// The access policy: the role × permission table and the filter of what a role sees.
#include "app/access_policy.h"


namespace tov {
namespace {

using P = Permission;
constexpr int kRoles = 7;

// One row per role (in Role's order), one column per permission (in Permission's order).
//                                       read reg  rec  cpr  alrt rep  nat  alog usr  rset cset imp  alloc impl
constexpr bool kTable[kRoles][kPermissionCount] = {
    /* worker     */ {true, false, true, false, true, false, false, false, false, false, false, false, false, false},
    /* caseworker */ {true, true, true, true, true, true, false, false, false, true, false, false, true, false},
    /* leader     */ {true, true, true, true, true, true, false, true, false, true, true, false, true, true},
    /* housing    */ {true, false, true, false, false, false, false, false, false, false, false, false, true, false},
    /* national   */ {false, false, false, false, true, true, true, false, false, true, false, false, false, true},
    /* admin      */ {false, false, false, false, false, false, false, true, true, true, false, false, false, false},
    /* operator   */ {true, true, true, true, true, true, true, true, true, true, true, true, true, true},
};

constexpr std::array<std::string_view, kPermissionCount> kPermissionNames = {
    "read_citizens", "register_citizens", "record_entries", "reveal_cpr",  "read_alerts",
    "read_status_report", "read_national_figures", "read_access_log", "manage_users",
    "read_settings", "change_settings", "import_export", "read_allocation", "record_implementation"};

}  // namespace

std::optional<Role> ParseRole(std::string_view s) { return ParseName<Role>(kRoleNames, s); }

std::string_view RoleName(Role r) {
  if (r == Role::kOperator) return "operator";
  return NameOf(kRoleNames, r);
}

std::string_view PermissionName(Permission p) { return kPermissionNames[static_cast<int>(p)]; }

bool Allowed(Role role, Permission permission) {
  return kTable[static_cast<int>(role)][static_cast<int>(permission)];
}

bool MaySeeCitizen(const Principal& p, const CitizenCourse& c, Date today) {
  if (!c.registered || !Allowed(p.role, P::kReadCitizens)) return false;
  if (p.role == Role::kOperator) return true;
  if (c.MunicipalityOn(today) != p.municipality) return false;
  if (p.role == Role::kWorker) {
    for (const CourseInfo* course : c.OpenCourses(today))
      if (course->worker == p.user) return true;
    return false;
  }
  return true;
}

bool MayRecord(const Principal& p, Kind kind) {
  if (IsMunicipalityKind(kind)) {
    if (!Allowed(p.role, P::kRecordImplementation)) return false;
    return p.role != Role::kLeader || kind == Kind::kImplementationStatus;
  }
  if (!Allowed(p.role, P::kRecordEntries)) return false;
  switch (p.role) {
    case Role::kCaseworker:
    case Role::kLeader:
    case Role::kOperator:
      return true;
    case Role::kWorker:
      return kind == Kind::kContact || kind == Kind::kNote || kind == Kind::kHousing ||
             kind == Kind::kCoursePhase || kind == Kind::kAlertFollowup;
    case Role::kHousing:
      // The allocator: the housing situation, the register of dwellings, approvals, offers and
      // the barriers of a lease (docs/housing.md).
      return kind == Kind::kHousing || kind == Kind::kHousingOffer || kind == Kind::kUnitListed ||
             kind == Kind::kUnitWithdrawn || kind == Kind::kHousingApproved ||
             kind == Kind::kHousingApprovalEnded || kind == Kind::kDepositLoan ||
             kind == Kind::kHousingDebt;
    case Role::kNational:
    case Role::kAdmin:
      return false;
  }
  return false;
}

bool MayRecordAboutMunicipality(const Principal& p, const Entry& e, const Entry* target) {
  if (!e.about_municipality()) return false;
  // A void is judged as the entry it cancels (a void of nothing: as a support activity, which
  // the journal then refuses for its missing target).
  const Kind kind = e.kind() == Kind::kVoid ? (target ? target->kind() : Kind::kSupportActivity) : e.kind();
  if (!IsMunicipalityKind(kind) || !MayRecord(p, kind)) return false;
  // A leader records their own municipality's implementation only (the travel team records
  // every municipality's).
  if (p.role == Role::kLeader) return e.municipality == p.municipality;
  return true;
}

bool MayAnnulMove(const Principal& p, const Entry& move, bool move_voided, const Entry* latest, Date today) {
  if (move.kind() != Kind::kMoved || move_voided) return false;
  if (p.role == Role::kOperator) return true;
  if (p.role != Role::kCaseworker && p.role != Role::kLeader) return false;
  if (move.municipality != p.municipality) return false;
  // Only the latest entry: once the new municipality (or anyone) has recorded something, the
  // move is no longer a slip to take back but a handover to agree on.
  if (latest != &move) return false;
  return today - move.recorded.date() <= kAnnulMoveDays;
}

bool CitizenFilter::Shows(const Entry& e, const Entry* target) const {
  switch (e.kind()) {
    case Kind::kAssessment:
      return assessments;
    case Kind::kNote:
      return notes;
    case Kind::kDecision: {
      const std::string& paragraph = e.As<Decision>()->paragraph;
      return paragraph == "107" || paragraph == "108" ? decisions && health_decisions : decisions;
    }
    case Kind::kAlertFollowup:
      return alerts;
    case Kind::kVoid:
      return target == nullptr || Shows(*target);
    default:
      return true;
  }
}

CitizenFilter FilterFor(const Principal& p, bool reveal_cpr) {
  CitizenFilter f;
  if (p.role == Role::kHousing) {
    // The allocator (boliganviser) sees the housing course, not the social case: no
    // assessments, notes, decisions, recommendation or alerts (docs/security.md).
    f.assessments = f.notes = f.decisions = f.health_decisions = f.recommendation = false;
  }
  f.alerts = Allowed(p.role, P::kReadAlerts);
  f.full_cpr = reveal_cpr && Allowed(p.role, P::kRevealCpr);
  return f;
}

}  // namespace tov
