// The use cases of administration: users, settings, the access log, import/export/backup.
#include "app/administration.h"

#include <algorithm>

#include "app/audit.h"
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

}  // namespace

StatusOr<std::vector<UserInfo>> ListUsers(App& app, const Principal& p) {
  if (!Allowed(p.role, Permission::kManageUsers)) return Status::PermissionDenied("only administrators manage users");
  ASSIGN_OR_RETURN(auto users, app.store().ListUsers());
  std::vector<UserInfo> out;
  for (const auto& u : users) out.push_back({u.name, ParseRole(u.role).value_or(Role::kWorker), u.municipality, u.active});
  return out;
}

Status AddUser(App& app, const Principal& p, const NewUser& u) {
  if (!Allowed(p.role, Permission::kManageUsers)) return Status::PermissionDenied("only administrators manage users");
  std::vector<FieldError> errors;
  if (!ValidUserName(u.name)) errors.push_back({"name", "must be 1–64 letters, digits, '.', '_' or '-'", "bad_user_name", {}});
  auto role = ParseRole(u.role);
  if (!role) {
    errors.push_back({"role", "must be one of worker, caseworker, leader, housing, national, admin", "not_one_of", {}});
  } else if (MunicipalRole(*role) && !FindMunicipality(u.municipality)) {
    errors.push_back({"municipality", "is required for this role: a municipality code (3 digits)", "municipality_required", {}});
  } else if (!MunicipalRole(*role) && !u.municipality.empty()) {
    errors.push_back({"municipality", "must be empty for national and admin users", "municipality_not_allowed", {}});
  }
  if (u.password.size() < 8) errors.push_back({"password", "must be at least 8 characters", "too_short", {"8"}});
  if (u.password.size() > crypto::kMaxPasswordBytes) errors.push_back({"password", "is too long", "too_long", {std::to_string(crypto::kMaxPasswordBytes)}});
  if (!errors.empty()) {
    std::string m = errors.front().field + ": " + errors.front().reason;
    return Status::Invalid(m, errors);
  }
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(u.password));
  RETURN_IF_ERROR(app.store().AddUser({u.name, u.role, u.municipality, hash}));
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kUserAdd, u.name + " " + u.role + " " + u.municipality)}));
  return Status::Ok();
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
  if (!Allowed(p.role, Permission::kChangeSettings)) return Status::PermissionDenied("only leaders change settings");
  if (municipality != "*" && !FindMunicipality(municipality))
    return Status::InvalidField("municipality", "is not a municipality code");
  if (p.role != Role::kOperator && municipality != p.municipality)
    return Status::PermissionDenied("you can only change your own municipality's settings");
  report::Thresholds t;
  if (!report::SetThreshold(t, key, value)) {
    std::string keys;
    for (const auto& k : report::ThresholdKeys()) keys += (keys.empty() ? "" : ", ") + k;
    return Status::InvalidField(key, "is not a threshold (" + keys + ") or the value is out of range");
  }
  ASSIGN_OR_RETURN(auto before, app.store().Settings());
  auto it = before.find({municipality, key});
  std::string old = it == before.end() ? "(default)" : it->second;
  RETURN_IF_ERROR(app.store().SetSetting(municipality, key, value));
  app.ChangedSettings();
  RETURN_IF_ERROR(app.LogAccess({AuditRecord(app, p, "", AccessAction::kSettingsChange, municipality + " " + key + ": " + old + " -> " + value)}));
  return Status::Ok();
}

StatusOr<std::vector<AccessRecord>> ReadAccessLog(App& app, const Principal& p, const std::string& citizen) {
  if (!Allowed(p.role, Permission::kReadAccessLog))
    return Status::PermissionDenied("the access log is for leaders and administrators");
  if (citizen.empty()) return Status::InvalidField("citizen", "is required");
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
