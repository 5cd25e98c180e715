// Logins and sessions (docs/security.md). Who may do what is the access policy's
// (access_policy.h); users are added through app/accounts.h.
//
// Sessions: a random token (given to the client once, as an HttpOnly cookie or a bearer token)
// is stored only as a keyed hash; a session expires after `idle_timeout` without use. Logins
// are throttled: each attempt is counted as a failure before its password is checked (one
// atomic update in the store), a right password clears the count, and at `max_failures` an
// account is locked for `lockout`, so parallel guesses never get more than `max_failures`
// checks. Passwords are argon2id (crypto.h). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/access_policy.h"
#include "app/app.h"
#include "common/status.h"
#include "domain/citizen_course.h"
#include "store/store.h"

namespace tov {

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

  // Checks the password. kUnauthenticated, with one message, for a wrong password, an unknown
  // or inactive user and a locked account alike (a locked account's password is not checked).
  StatusOr<LoginResult> Login(const std::string& user, const std::string& password);
  // The session of `token`, refreshed; kUnauthenticated when unknown or expired.
  StatusOr<SessionInfo> Authenticate(const std::string& token);
  Status Logout(const std::string& token);
  // How many passwords were checked against an account's own hash (not the stand-in hash of
  // unknown and locked accounts) since start; for tests and figures.
  int64_t password_checks() const { return password_checks_.load(); }

 private:
  App& app_;
  AuthOptions options_;
  std::atomic<int64_t> password_checks_{0};
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

// Whether two tokens are equal, in constant time (CSRF tokens).
bool SameToken(std::string_view a, std::string_view b);
// A new random token of `bytes` random bytes, URL-safe (for the login form's CSRF cookie).
std::string NewToken(size_t bytes = 24);

}  // namespace tov
