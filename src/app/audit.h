// The audit path: what the access log calls each look at or change of a citizen
// (docs/security.md, "The access log"). Only use cases in src/app write access records, each
// with one of these actions; adapters never do.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "app/app.h"

namespace tov {

enum class AccessAction {
  kRead,           // a citizen's page or view was shown
  kRevealCpr,      // the same, with the CPR number in full
  kList,           // the citizen appeared in a list (search results, front page, dashboard)
  kAlert,          // the citizen appeared in an alert list
  kAppend,         // entries were recorded for the citizen (in the same transaction)
  kReadAccessLog,  // the citizen's access log was read
  kExport,         // the whole journal was exported (no citizen)
  kReport,         // a status report was made (no citizen)
  kSettingsChange, // a setting was changed (no citizen; detail: key, old and new value)
  kUserAdd,        // a user was added (no citizen; detail: name and role)
  kUserChange,     // a user was changed (no citizen; detail: name and what changed, never a password)
  kPasswordChange, // a user chose their own password (no citizen)
  kReadAdminLog,   // the log of administrative actions was read (no citizen)
};

inline constexpr std::array<std::string_view, 13> kAccessActionNames = {
    "read",   "reveal_cpr", "list",   "alert",           "append",   "read_access_log", "export",
    "report", "settings_change", "user_add", "user_change", "password_change", "read_admin_log"};

inline std::string_view AccessActionName(AccessAction a) {
  return kAccessActionNames[static_cast<size_t>(a)];
}

// An access record of `p` doing `action` on `citizen` ("" for none) now.
inline AccessRecord AuditRecord(const App& app, const Principal& p, std::string citizen, AccessAction action,
                                std::string detail) {
  return {0, app.Now(), p.user, std::string(RoleName(p.role)), std::move(citizen),
          std::string(AccessActionName(action)), std::move(detail)};
}

}  // namespace tov
