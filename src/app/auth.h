// Users, roles, sessions and the authorisation rules (docs/security.md, roles): who may see and write which
// citizen. Every rule is decided here, on the server, for every request; the web layer only
// asks.
//
// Sessions: a random token (given to the client once, as an HttpOnly cookie or a bearer token)
// is stored only as a keyed hash; a session expires after `idle_timeout` without use. Logins
// are throttled: after `max_failures` wrong passwords in a row an account is locked for
// `lockout`. Passwords are argon2id (crypto.h). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/app.h"
#include "common/status.h"
#include "domain/citizen_course.h"
#include "store/journal_store.h"

namespace tov {

enum class Role { kWorker, kCaseworker, kLeader, kHousing, kNational, kAdmin };
inline constexpr std::array<std::string_view, 6> kRoleNames = {"worker",  "caseworker", "leader",
                                                               "housing", "national",   "admin"};
std::optional<Role> ParseRole(std::string_view s);
std::string_view RoleName(Role r);

struct Principal {
  std::string user;
  Role role = Role::kWorker;
  std::string municipality;  // empty for national and admin
};

struct LoginResult {
  std::string token;  // give to the client; never stored or logged
  std::string csrf_token;
  Principal principal;
};

struct SessionInfo {
  Principal principal;
  std::string csrf_token;
};

struct AuthOptions {
  std::chrono::minutes idle_timeout{30};
  int max_failures = 5;
  std::chrono::minutes lockout{15};
};

class Auth {
 public:
  Auth(App& app, AuthOptions options = {}) : app_(app), options_(options) {}

  // Adds a user. Fields: name (1–64 of [A-Za-z0-9._-]), role, municipality (required for
  // municipal roles, must be empty for national and admin), password (8–1024 bytes).
  Status AddUser(const std::string& name, const std::string& role, const std::string& municipality,
                 const std::string& password);

  // Checks the password; kUnauthenticated for a wrong user or password (the same message for
  // both), kResourceExhausted while locked out.
  StatusOr<LoginResult> Login(const std::string& user, const std::string& password);
  // The session of `token`, refreshed; kUnauthenticated when unknown or expired.
  StatusOr<SessionInfo> Authenticate(const std::string& token);
  Status Logout(const std::string& token);

 private:
  App& app_;
  AuthOptions options_;
  std::mutex mu_;
  // Sessions in memory after first use (token hash → session, last use), so that a request
  // does not write to the database; last use is persisted at most once a minute.
  struct Cached {
    SessionInfo info;
    int64_t last_seen_ms;
    int64_t persisted_ms;
  };
  std::unordered_map<std::string, Cached> cache_;
};

// ---- Authorisation (docs/security.md, roles) ----

// May `p` read the citizen whose course is `c`, on `today`? A citizen belongs to the
// municipality of `MunicipalityOn(today)` (so a move hands the citizen over on its date);
// a worker sees only citizens with an open course they hold; national and admin read no
// citizen.
bool CanReadCitizen(const Principal& p, const CitizenCourse& c, Date today);

// May `p` append an entry of `kind` for that citizen (checked after CanReadCitizen)?
// worker: contact, note, housing, course_phase; housing: housing, housing_offer;
// caseworker and leader: every kind; national and admin: none.
bool CanWriteKind(const Principal& p, Kind kind);

// Whether `p` may see health, addiction and notes (not the housing role).
bool SeesHealth(const Principal& p);

}  // namespace tov
