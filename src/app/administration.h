// The use cases of administration: users, settings, the access log, and the journal as a whole
// (import, export, backup). Each checks the access policy and writes the access log.
#pragma once

#include <iosfwd>
#include <map>
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
};

StatusOr<std::vector<UserInfo>> ListUsers(App& app, const Principal& p);

struct NewUser {
  std::string name;          // 1–64 of [A-Za-z0-9._-]
  std::string role;          // worker, caseworker, leader, housing, national, admin
  std::string municipality;  // required for municipal roles, empty for national and admin
  std::string password;      // 8–1024 bytes
};

// Adds a user (logged as `user_add`). kInvalidArgument with every field error at once;
// kAlreadyExists when the name is taken.
Status AddUser(App& app, const Principal& p, const NewUser& user);

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

// ---- The access log ----

// Who looked at or changed `citizen`; logged itself as `read_access_log`. A leader reads the log
// of the citizens they may see (kNotFound otherwise), an administrator and the operator any.
StatusOr<std::vector<AccessRecord>> ReadAccessLog(App& app, const Principal& p, const std::string& citizen);

// ---- The journal as a whole (the operator) ----

ImportResult ImportJournal(App& app, const Principal& p, std::istream& in);
Status ExportJournal(App& app, const Principal& p, std::ostream& out);
Status BackupStore(App& app, const Principal& p, const std::string& path);

}  // namespace tov
