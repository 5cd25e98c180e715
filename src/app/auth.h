// Logins and sessions (docs/security.md). Who may do what is the access policy's
// (access_policy.h); users are added through app/accounts.h.
//
// Sessions: a random token (given to the client once, as an HttpOnly cookie or a bearer token)
// is stored only as a keyed hash; a session expires after `idle_timeout` without use and
// `lifetime` after its login, whatever its use. A session held in memory is checked against the
// store again at least once a second and at once after a change of users (App::ChangedAccounts),
// so a deactivated user's sessions end at once, also in another server on the same database.
//
// Logins are throttled twice. Per account: each attempt is counted as a failure before its
// password is checked (one atomic update in the store), a right password clears the count, and
// at `max_failures` the account is locked for `lockout`, so parallel guesses never get more than
// `max_failures` checks. Per source address: after `source_free_failures` failed logins from one
// address (within `source_window`), each further attempt from it waits 1 s, 2 s, 4 s, … up to
// `source_max_backoff` (kResourceExhausted, with the seconds to wait). Passwords are argon2id
// (crypto.h). Thread-safe.
#pragma once

#include <array>
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
  bool must_change_password = false;
};

struct SessionInfo {
  Principal principal;
  std::string csrf_token;
  // An administrator chose the password: the pages ask for a new one before anything else.
  bool must_change_password = false;
};

struct AuthOptions {
  std::chrono::minutes idle_timeout{30};
  std::chrono::minutes lifetime{12 * 60};
  int max_failures = 5;
  std::chrono::minutes lockout{15};
  int source_free_failures = 10;
  std::chrono::minutes source_window{15};
  std::chrono::seconds source_max_backoff{15 * 60};
};

// A refused login from a source that must wait (kResourceExhausted): how long, in seconds.
int RetryAfterSeconds(const Status& refused);

class Auth {
 public:
  Auth(App& app, AuthOptions options = {}) : app_(app), options_(options) {}

  // Checks the password. kUnauthenticated, with one message, for a wrong password, an unknown
  // or inactive user and a locked account alike (a locked account's password is not checked);
  // kResourceExhausted when `source` (the client's address; "" for none) must wait.
  StatusOr<LoginResult> Login(const std::string& user, const std::string& password,
                              const std::string& source = "");
  // The session of `token`, refreshed; kUnauthenticated when unknown or expired.
  StatusOr<SessionInfo> Authenticate(const std::string& token);
  Status Logout(const std::string& token);
  // The session of `token` chooses a new password: the current one is checked, the new one must
  // follow the rules of passwords.h (field `new_password`), and the user's other sessions end.
  // Clears must_change_password. Logged as `password_change`.
  Status ChangePassword(const std::string& token, const std::string& current, const std::string& new_password);
  // The key a session is stored under (a keyed hash of its token), for ChangeUser's `keep`.
  std::string SessionKey(const std::string& token) const;
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
    int64_t created_ms;
    int64_t last_seen_ms;
    int64_t persisted_ms;
    int64_t checked_ms;         // when last read from the store
    uint64_t accounts_version;  // App::accounts_version() then
  };
  std::unordered_map<std::string, Cached> cache_;
  // Failed logins per source address.
  struct Source {
    int failures = 0;
    int64_t last_failure_ms = 0;
    int64_t wait_until_ms = 0;
  };
  std::unordered_map<std::string, Source> sources_;
  // The logins of one account are checked one at a time in this process (striped by name), so
  // that parallel logins with the right password do not count each other as failures and lock
  // the account; the store's atomic count still bounds guesses across processes.
  std::array<std::mutex, 64> account_locks_;
  Status SourceMayTry(const std::string& source, int64_t now);
  void SourceFailed(const std::string& source, int64_t now);
  // Reads the session and its user from the store; nullopt when either is gone or inactive.
  StatusOr<std::optional<Cached>> Load(const std::string& hash, int64_t now);
};

// Whether two tokens are equal, in constant time (CSRF tokens).
bool SameToken(std::string_view a, std::string_view b);
// A new random token of `bytes` random bytes, URL-safe (for the login form's CSRF cookie).
std::string NewToken(size_t bytes = 24);

}  // namespace tov
