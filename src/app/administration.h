// The use cases of administration: users, settings, the access log, and the journal as a whole
// (import, export, backup). Each checks the access policy and writes the access log.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/access_policy.h"
#include "app/app.h"
#include "report/alerts.h"

namespace tov {

// ---- Users ----

struct UserInfo {
  std::string name;
  Role role;
  std::string municipality;
  bool active = true;
  std::string full_name = "";  // the real name ("Fulde navn"); empty when none was given
};

// How the pages name a user: "Fulde navn (brugernavn)" when a real name is set, else the user
// name alone (the caseload, the worker pickers, the users' list).
std::string UserLabel(const std::string& name, const std::string& full_name);
inline std::string UserLabel(const UserInfo& u) { return UserLabel(u.name, u.full_name); }

// The real name as stored: `full_name` trimmed of surrounding white space, or a field error
// `full_name` when it is then empty, longer than kMaxFullName characters (UTF-8 code points, not
// bytes), not valid UTF-8 or holds a control character.
inline constexpr size_t kMaxFullName = 100;
StatusOr<std::string> CheckFullName(const std::string& full_name);

StatusOr<std::vector<UserInfo>> ListUsers(App& app, const Principal& p);

// The active users of `p`'s own municipality who can hold a course or make contacts (worker,
// caseworker, leader), by user name: what the forms' worker pickers offer, and to whom an alert
// can be assigned (page_followup.cc). For roles that record entries about citizens;
// kPermissionDenied for the others.
StatusOr<std::vector<UserInfo>> ListColleagues(App& app, const Principal& p);

struct NewUser {
  std::string name;          // 1–64 of [A-Za-z0-9._-]
  std::string role;          // worker, caseworker, leader, housing, national, admin
  std::string municipality;  // required for municipal roles, empty for national and admin
  std::string password;      // the rules of passwords.h
  std::optional<std::string> full_name = std::nullopt;  // the real name (CheckFullName); none: ""
};

// Adds a user (logged as `user_add`). kInvalidArgument with every field error at once;
// kAlreadyExists when the name is taken. A user an administrator adds must choose their own
// password at their first login on the pages; the operator's (`tovholder user add`) need not.
Status AddUser(App& app, const Principal& p, const NewUser& user);

// What PATCH /api/v1/users/{name} changes; fields not given stay.
struct UserChange {
  std::optional<bool> active;
  std::optional<std::string> role;
  std::optional<std::string> municipality;
  std::optional<std::string> password;
  std::optional<std::string> full_name;  // CheckFullName: a real name, once set, is never emptied
};

// Changes a user (administrators; logged as `user_change`, never with the password). A
// deactivated user cannot log in and their sessions end at once; so do they when the role or
// municipality changes. A new password ends the user's sessions but `keep` (the caller's own
// session key, Auth::SessionKey, kept only when the caller changes themselves) and must be
// changed at the user's next login when someone else set it. kNotFound for an unknown user;
// an administrator cannot deactivate themselves or take away their own administrator role.
StatusOr<UserInfo> ChangeUser(App& app, const Principal& p, const std::string& name, const UserChange& change,
                              const std::string& keep = "");

// The administrative actions (users, settings, exports, reports), newest first (administrators
// and the operator; logged as `read_admin_log`).
StatusOr<std::vector<AccessRecord>> ReadAdminLog(App& app, const Principal& p, size_t limit = 1000);

// ---- Settings ----

// The alert thresholds in force for `municipality` ("" or "*": the defaults).
StatusOr<report::Thresholds> ReadThresholds(App& app, const Principal& p, const std::string& municipality);

// Every setting stored: (municipality or "*", key) → value (operator and administrators).
StatusOr<std::map<std::pair<std::string, std::string>, std::string>> ListSettings(App& app, const Principal& p);

// Changes one threshold (a key of report::ThresholdKeys()) for `municipality` ("*": every
// municipality without its own); logged as `settings_change` with the old and new value. A
// leader changes only their own municipality's.
Status ChangeSetting(App& app, const Principal& p, const std::string& municipality, const std::string& key,
                     const std::string& value);

// Changes several thresholds of `municipality` at once, in one transaction: all or, with every
// field error (one per key), none. Each change is logged as `settings_change` (old and new).
Status ChangeSettings(App& app, const Principal& p, const std::string& municipality,
                      const std::vector<std::pair<std::string, std::string>>& values);

// ---- The access log ----

// Who looked at or changed `citizen`; logged itself as `read_access_log`. A leader reads the log
// of the citizens they may see (kNotFound otherwise), an administrator and the operator any.
StatusOr<std::vector<AccessRecord>> ReadAccessLog(App& app, const Principal& p, const std::string& citizen);

// ---- The journal as a whole (the operator) ----

ImportResult ImportJournal(App& app, const Principal& p, std::istream& in);
Status ExportJournal(App& app, const Principal& p, std::ostream& out);
Status BackupStore(App& app, const Principal& p, const std::string& path);

}  // namespace tov
