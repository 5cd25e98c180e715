// The use cases of administration: users, settings, the access log, import/export/backup.
#include "app/administration.h"

#include <algorithm>

#include "app/audit.h"
#include "app/passwords.h"
#include "common/text.h"
#include "domain/municipality.h"
#include "security/crypto.h"

namespace tov {
namespace {

bool ValidUserName(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

bool MunicipalRole(Role r) { return r != Role::kNational && r != Role::kAdmin; }

// The role and municipality fields: the role must be known, and a municipal role needs a
// municipality, the others none.
void CheckRoleAndMunicipality(const std::string& role_name, const std::string& municipality,
                              std::vector<FieldError>& errors) {
  auto role = ParseRole(role_name);
  if (!role || *role == Role::kOperator) {
    errors.push_back({"role", "must be one of worker, caseworker, leader, housing, national, admin", "not_one_of", {}});
  } else if (MunicipalRole(*role) && !FindMunicipality(municipality)) {
    errors.push_back({"municipality", "is required for this role: a municipality code (3 digits)", "municipality_required", {}});
  } else if (!MunicipalRole(*role) && !municipality.empty()) {
    errors.push_back({"municipality", "must be empty for national and admin users", "municipality_not_allowed", {}});
  }
}

Status Refused(std::vector<FieldError> errors) {
  std::string m = errors.front().field + ": " + errors.front().reason;
  return Status::Invalid(m, std::move(errors));
}

UserInfo Info(const User& u) {
  return {u.name, ParseRole(u.role).value_or(Role::kWorker), u.municipality, u.active, u.full_name};
}

}  // namespace

std::string UserLabel(const std::string& name, const std::string& full_name) {
  if (full_name.empty()) return name;
  std::string out = full_name;
  out += " (";
  out += name;
  out += ")";
  return out;
}

StatusOr<std::string> CheckFullName(const std::string& full_name) {
  auto refuse = [](std::string reason, std::string code, std::vector<std::string> args = {}) {
    std::string m = "full_name: ";
    m += reason;
    return Status::Invalid(m, {{"full_name", reason, std::move(code), std::move(args)}});
  };
  if (auto problem = TextProblem(full_name)) return refuse(*problem, "not_string");
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  size_t begin = 0, end = full_name.size();
  while (begin < end && space(full_name[begin])) ++begin;
  while (end > begin && space(full_name[end - 1])) --end;
  std::string name = full_name.substr(begin, end - begin);
  if (name.empty()) return refuse("must be 1–100 characters", "empty");
  if (CodePointCount(name) > kMaxFullName)
    return refuse("must be at most 100 characters", "too_long", {std::to_string(kMaxFullName)});
  // C0, DEL and the C1 controls (U+0080–U+009F, in UTF-8 0xC2 0x80–0x9F).
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    const bool c1 = c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1) return refuse("must not contain control characters", "control_characters");
  }
  return name;
}

StatusOr<std::vector<UserInfo>> ListUsers(App& app, const Principal& p) {
  if (!Allowed(p.role, Permission::kManageUsers)) return Status::PermissionDenied("only administrators manage users");
  ASSIGN_OR_RETURN(auto users, app.store().ListUsers());
  std::vector<UserInfo> out;
  for (const auto& u : users) out.push_back(Info(u));
  return out;
}

StatusOr<std::vector<UserInfo>> ListColleagues(App& app, const Principal& p) {
  if (!Allowed(p.role, Permission::kRecordEntries) || p.municipality.empty())
    return Status::PermissionDenied("only the staff of a municipality have colleagues to choose");
  ASSIGN_OR_RETURN(auto users, app.store().ListUsers());
  std::vector<UserInfo> out;
  for (const auto& u : users) {
    auto role = ParseRole(u.role);
    if (!u.active || u.municipality != p.municipality || !role) continue;
    if (*role == Role::kWorker || *role == Role::kCaseworker || *role == Role::kLeader)
      out.push_back(Info(u));
  }
  std::sort(out.begin(), out.end(), [](const UserInfo& a, const UserInfo& b) { return a.name < b.name; });
  return out;
}

Status AddUser(App& app, const Principal& p, const NewUser& u) {
  if (!Allowed(p.role, Permission::kManageUsers)) return Status::PermissionDenied("only administrators manage users");
  std::vector<FieldError> errors;
  if (!ValidUserName(u.name)) errors.push_back({"name", "must be 1–64 letters, digits, '.', '_' or '-'", "bad_user_name", {}});
  CheckRoleAndMunicipality(u.role, u.municipality, errors);
  std::string full_name;
  if (u.full_name) {
    auto checked = CheckFullName(*u.full_name);
    if (checked.ok()) full_name = *checked;
    else errors.push_back(checked.status().field_errors().front());
  }
  for (auto& e : CheckNewPassword(u.password, u.name)) errors.push_back(std::move(e));
  if (!errors.empty()) return Refused(std::move(errors));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(u.password));
  User user{u.name, u.role, u.municipality, hash};
  user.must_change_password = p.role != Role::kOperator;
  user.full_name = full_name;
  RETURN_IF_ERROR(app.store().AddUser(user));
  return app.LogAccess({AuditRecord(app, p, "", AccessAction::kUserAdd, u.name + " " + u.role + " " + u.municipality)});
}

StatusOr<UserInfo> ChangeUser(App& app, const Principal& p, const std::string& name, const UserChange& change,
                              const std::string& keep) {
  if (!Allowed(p.role, Permission::kManageUsers)) return Status::PermissionDenied("only administrators manage users");
  ASSIGN_OR_RETURN(auto found, app.store().FindUser(name));
  if (!found) return Status::NotFound("no user " + name);
  User u = *found;
  const bool self = name == p.user;
  std::vector<FieldError> errors;
  std::string what;
  auto note = [&](const std::string& s) { what += (what.empty() ? "" : ", ") + s; };
  if (change.active && *change.active != u.active) {
    if (self && !*change.active) errors.push_back({"active", "you cannot deactivate yourself", "self_deactivation", {}});
    u.active = *change.active;
    note(u.active ? "activated" : "deactivated");
  }
  const std::string old_role = u.role, old_municipality = u.municipality;
  if (change.role) u.role = *change.role;
  if (change.municipality) u.municipality = *change.municipality;
  // A role without a municipality drops the old one when none is given.
  if (change.role && !change.municipality) {
    auto r = ParseRole(u.role);
    if (r && !MunicipalRole(*r)) u.municipality.clear();
  }
  if (u.role != old_role || u.municipality != old_municipality) {
    CheckRoleAndMunicipality(u.role, u.municipality, errors);
    if (self && old_role == RoleName(Role::kAdmin) && u.role != old_role)
      errors.push_back({"role", "you cannot take away your own administrator role", "self_demotion", {}});
    if (u.role != old_role) note("role " + old_role + " -> " + u.role);
    if (u.municipality != old_municipality)
      note("municipality " + (old_municipality.empty() ? "-" : old_municipality) + " -> " +
           (u.municipality.empty() ? "-" : u.municipality));
  }
  if (change.full_name) {
    auto checked = CheckFullName(*change.full_name);
    if (!checked.ok()) {
      errors.push_back(checked.status().field_errors().front());
    } else if (*checked != u.full_name) {
      u.full_name = *checked;
      note("full name set");
    }
  }
  if (change.password) {
    for (auto& e : CheckNewPassword(*change.password, name)) errors.push_back(std::move(e));
    note("password set");
  }
  if (!errors.empty()) return Refused(std::move(errors));
  if (change.password) {
    ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(*change.password));
    u.must_change_password = !self;
  }
  RETURN_IF_ERROR(app.store().UpdateUser(u));
  const bool ends_all = !u.active || u.role != old_role || u.municipality != old_municipality;
  if (ends_all || change.password) RETURN_IF_ERROR(app.store().DeleteSessionsOf(name, ends_all || !self ? "" : keep));
  app.ChangedAccounts();
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kUserChange,
                                             name + ": " + (what.empty() ? "no change" : what))}));
  return Info(u);
}

StatusOr<std::vector<AccessRecord>> ReadAdminLog(App& app, const Principal& p, size_t limit) {
  if (!Allowed(p.role, Permission::kManageUsers) && p.role != Role::kOperator)
    return Status::PermissionDenied("the log of administrative actions is for administrators");
  ASSIGN_OR_RETURN(auto records, app.store().AccessLog("", limit));
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kReadAdminLog, "")}));
  return records;
}

StatusOr<report::Thresholds> ReadThresholds(App& app, const Principal& p, const std::string& municipality) {
  if (!Allowed(p.role, Permission::kReadSettings)) return Status::PermissionDenied("this role reads no settings");
  return app.ThresholdsFor(municipality);
}

StatusOr<std::map<std::pair<std::string, std::string>, std::string>> ListSettings(App& app, const Principal& p) {
  if (!Allowed(p.role, Permission::kReadSettings) || (p.role != Role::kOperator && p.role != Role::kAdmin))
    return Status::PermissionDenied("only administrators list every setting");
  return app.store().Settings();
}

Status ChangeSetting(App& app, const Principal& p, const std::string& municipality, const std::string& key,
                     const std::string& value) {
  return ChangeSettings(app, p, municipality, {{key, value}});
}

Status ChangeSettings(App& app, const Principal& p, const std::string& municipality,
                      const std::vector<std::pair<std::string, std::string>>& values) {
  if (!Allowed(p.role, Permission::kChangeSettings)) return Status::PermissionDenied("only leaders change settings");
  if (municipality != "*" && !FindMunicipality(municipality))
    return Status::InvalidField("municipality", "is not a municipality code");
  if (p.role != Role::kOperator && municipality != p.municipality)
    return Status::PermissionDenied("you can only change your own municipality's settings");
  std::vector<FieldError> errors;
  if (values.empty()) errors.push_back({"settings", "name at least one setting", "required", {}});
  for (const auto& [key, value] : values) {
    report::Thresholds t;
    auto range = report::ThresholdRange(key);
    if (!range) {
      std::string keys;
      for (const auto& k : report::ThresholdKeys()) keys += (keys.empty() ? "" : ", ") + k;
      errors.push_back({key, "is not a setting (" + keys + ")", "unknown_field", {}});
    } else if (!report::SetThreshold(t, key, value)) {
      errors.push_back({key,
                        "must be a whole number from " + std::to_string(range->first) + " to " +
                            std::to_string(range->second),
                        "out_of_range",
                        {std::to_string(range->first), std::to_string(range->second)}});
    }
  }
  if (!errors.empty()) return Refused(std::move(errors));
  ASSIGN_OR_RETURN(auto before, app.store().Settings());
  RETURN_IF_ERROR(app.store().SetSettings(municipality, values));
  app.ChangedSettings();
  std::vector<AccessRecord> log;
  for (const auto& [key, value] : values) {
    auto it = before.find({municipality, key});
    std::string old = it == before.end() ? "(default)" : it->second;
    log.push_back(AuditRecord(app, p, "", AccessAction::kSettingsChange, municipality + " " + key + ": " + old + " -> " + value));
  }
  return app.LogAccess(std::move(log));
}

StatusOr<std::vector<AccessRecord>> ReadAccessLog(App& app, const Principal& p, const std::string& citizen) {
  if (!Allowed(p.role, Permission::kReadAccessLog))
    return Status::PermissionDenied("the access log is for leaders and administrators");
  if (citizen.empty()) return Status::InvalidField("citizen", "is required");
  // No key is anything else; PostgreSQL refuses such text outright (found by the API tests on it).
  if (auto problem = TextProblem(citizen)) return Status::InvalidField("citizen", *problem);
  if (p.role == Role::kLeader) {
    const Date today = app.Now().date();
    bool mine = app.Read([&](const Journal& j) { return MaySeeCitizen(p, j.CourseOf(citizen), today); });
    if (!mine) return Status::NotFound("no citizen " + citizen + " in your municipality");
  }
  ASSIGN_OR_RETURN(auto records, app.store().AccessLog(citizen));
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, citizen, AccessAction::kReadAccessLog, "")}));
  return records;
}

ImportResult ImportJournal(App& app, const Principal& p, std::istream& in) {
  if (!Allowed(p.role, Permission::kImportExport)) {
    ImportResult r;
    r.status = Status::PermissionDenied("only the operator imports");
    return r;
  }
  return app.Import(in, Actor::Of(p));
}

Status ExportJournal(App& app, const Principal& p, std::ostream& out) {
  if (!Allowed(p.role, Permission::kImportExport)) return Status::PermissionDenied("only the operator exports");
  return app.Export(out, Actor::Of(p));
}

Status BackupStore(App& app, const Principal& p, const std::string& path) {
  if (!Allowed(p.role, Permission::kImportExport)) return Status::PermissionDenied("only the operator makes backups");
  return app.store().Backup(path);
}

}  // namespace tov
