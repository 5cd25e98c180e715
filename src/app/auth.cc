// Users, sessions and authorisation rules.
#include "app/auth.h"

#include <algorithm>
#include <optional>

#include "domain/municipality.h"
#include "security/crypto.h"

namespace tov {

namespace {

// A fixed argon2id hash to verify against when the user is unknown, so that the time taken
// does not tell which accounts exist.
const std::string& DummyHash() {
  static const std::string hash = *crypto::HashPassword("tovholder-dummy-password");
  return hash;
}

}  // namespace

StatusOr<LoginResult> Auth::Login(const std::string& name, const std::string& password) {
  // One answer for a wrong password, an unknown or inactive user and a locked account, so that it
  // tells nobody which accounts exist or are locked; each takes one argon2 check of time.
  const Status refused = Status::Unauthenticated(
      "wrong user name or password, or the account is locked for a while after too many failed "
      "logins");
  int64_t now = app_.Now().millis();
  int64_t lockout = std::chrono::duration_cast<std::chrono::milliseconds>(options_.lockout).count();
  // The attempt counts as a failure before the (slow) check, in one atomic update: parallel
  // guesses cannot all read the same count, so at most max_failures are ever checked.
  ASSIGN_OR_RETURN(bool may_try,
                   app_.store().TakeLoginAttempt(name, now, options_.max_failures, lockout));
  std::optional<User> user;
  if (may_try) {
    ASSIGN_OR_RETURN(user, app_.store().FindUser(name));
  }
  if (!user || !user->active) {
    (void)crypto::VerifyPassword(DummyHash(), password);
    return refused;
  }
  password_checks_.fetch_add(1);
  if (!crypto::VerifyPassword(user->password_hash, password)) return refused;  // counted already
  RETURN_IF_ERROR(app_.store().UpdateLoginState(name, 0, 0));
  auto role = ParseRole(user->role);
  if (!role) return Status::Internal("user has an unknown role");
  LoginResult r{crypto::RandomToken(), crypto::RandomToken(24), {user->name, *role, user->municipality}};
  std::string hash = crypto::HashToken(app_.store().keys(), r.token);
  RETURN_IF_ERROR(app_.store().SaveSession({hash, user->name, r.csrf_token, now, now}));
  std::lock_guard lock(mu_);
  cache_[hash] = {{r.principal, r.csrf_token}, now, now};
  return r;
}

StatusOr<SessionInfo> Auth::Authenticate(const std::string& token) {
  const Status expired = Status::Unauthenticated("not logged in, or the session has expired");
  if (token.empty() || token.size() > 200) return expired;
  std::string hash = crypto::HashToken(app_.store().keys(), token);
  int64_t now = app_.Now().millis();
  int64_t idle = std::chrono::duration_cast<std::chrono::milliseconds>(options_.idle_timeout).count();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) {
      if (now - it->second.last_seen_ms > idle) {
        cache_.erase(it);
        (void)app_.store().DeleteSession(hash);
        return expired;
      }
      it->second.last_seen_ms = now;
      if (now - it->second.persisted_ms > 60'000) {
        it->second.persisted_ms = now;
        (void)app_.store().TouchSession(hash, now);
      }
      return it->second.info;
    }
  }
  ASSIGN_OR_RETURN(auto session, app_.store().FindSession(hash));
  if (!session) return expired;
  if (now - session->last_seen_ms > idle) {
    (void)app_.store().DeleteSession(hash);
    return expired;
  }
  ASSIGN_OR_RETURN(auto user, app_.store().FindUser(session->user));
  if (!user || !user->active) return expired;
  auto role = ParseRole(user->role);
  if (!role) return expired;
  SessionInfo info{{user->name, *role, user->municipality}, session->csrf_token};
  (void)app_.store().TouchSession(hash, now);
  std::lock_guard lock(mu_);
  cache_[hash] = {info, now, now};
  return info;
}

Status Auth::Logout(const std::string& token) {
  std::string hash = crypto::HashToken(app_.store().keys(), token);
  {
    std::lock_guard lock(mu_);
    cache_.erase(hash);
  }
  return app_.store().DeleteSession(hash);
}

bool SameToken(std::string_view a, std::string_view b) { return crypto::ConstantTimeEquals(a, b); }
std::string NewToken(size_t bytes) { return crypto::RandomToken(bytes); }

}  // namespace tov
