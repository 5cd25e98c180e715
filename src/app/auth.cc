// Logins and sessions.
#include "app/auth.h"

#include <algorithm>
#include <optional>

#include "app/audit.h"
#include "app/passwords.h"
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

int64_t Millis(std::chrono::milliseconds d) { return d.count(); }

constexpr const char kWaitPrefix[] = "too many failed logins from your address; try again in ";
constexpr size_t kMaxSources = 65536;

}  // namespace

int RetryAfterSeconds(const Status& refused) {
  const std::string& m = refused.message();
  if (refused.code() != StatusCode::kResourceExhausted || m.rfind(kWaitPrefix, 0) != 0) return 0;
  return std::atoi(m.c_str() + sizeof kWaitPrefix - 1);
}

Status Auth::SourceMayTry(const std::string& source, int64_t now) {
  if (source.empty()) return Status::Ok();
  std::lock_guard lock(mu_);
  auto it = sources_.find(source);
  if (it == sources_.end() || it->second.wait_until_ms <= now) return Status::Ok();
  int64_t seconds = (it->second.wait_until_ms - now + 999) / 1000;
  return Status::ResourceExhausted(kWaitPrefix + std::to_string(seconds) + " s");
}

void Auth::SourceFailed(const std::string& source, int64_t now) {
  if (source.empty()) return;
  const int64_t window = Millis(options_.source_window);
  std::lock_guard lock(mu_);
  if (sources_.size() >= kMaxSources && !sources_.count(source)) {
    // Bounded memory: forget the sources whose failures are old, or else all that need not wait.
    std::erase_if(sources_, [&](const auto& kv) { return now - kv.second.last_failure_ms > window; });
    if (sources_.size() >= kMaxSources)
      std::erase_if(sources_, [&](const auto& kv) { return kv.second.wait_until_ms <= now; });
  }
  Source& s = sources_[source];
  if (now - s.last_failure_ms > window) s.failures = 0;
  s.failures += 1;
  s.last_failure_ms = now;
  int over = s.failures - options_.source_free_failures;
  if (over > 0) {
    int64_t max_wait = Millis(options_.source_max_backoff);
    int64_t wait = over > 30 ? max_wait : std::min<int64_t>(max_wait, int64_t{1000} << (over - 1));
    s.wait_until_ms = now + wait;
  }
}

StatusOr<LoginResult> Auth::Login(const std::string& name, const std::string& password,
                                  const std::string& source) {
  // One answer for a wrong password, an unknown or inactive user and a locked account, so that it
  // tells nobody which accounts exist or are locked; each takes one argon2 check of time.
  const Status refused = Status::Unauthenticated(
      "wrong user name or password, or the account is locked for a while after too many failed "
      "logins");
  int64_t now = app_.Now().millis();
  RETURN_IF_ERROR(SourceMayTry(source, now));
  std::lock_guard account_lock(account_locks_[std::hash<std::string>{}(name) % account_locks_.size()]);
  // The attempt counts as a failure before the (slow) check, in one atomic update: parallel
  // guesses cannot all read the same count, so at most max_failures are ever checked.
  ASSIGN_OR_RETURN(bool may_try,
                   app_.store().TakeLoginAttempt(name, now, options_.max_failures, Millis(options_.lockout)));
  std::optional<User> user;
  if (may_try) {
    ASSIGN_OR_RETURN(user, app_.store().FindUser(name));
  }
  if (!user || !user->active) {
    (void)crypto::VerifyPassword(DummyHash(), password);
    SourceFailed(source, now);
    return refused;
  }
  password_checks_.fetch_add(1);
  if (!crypto::VerifyPassword(user->password_hash, password)) {  // counted already
    SourceFailed(source, now);
    return refused;
  }
  RETURN_IF_ERROR(app_.store().UpdateLoginState(name, 0, 0));
  auto role = ParseRole(user->role);
  if (!role) return Status::Internal("user has an unknown role");
  LoginResult r{crypto::RandomToken(), crypto::RandomToken(24), {user->name, *role, user->municipality}};
  r.must_change_password = user->must_change_password;
  std::string hash = crypto::HashToken(app_.store().keys(), r.token);
  RETURN_IF_ERROR(app_.store().SaveSession({hash, user->name, r.csrf_token, now, now}));
  std::lock_guard lock(mu_);
  sources_.erase(source);
  cache_[hash] = {{r.principal, r.csrf_token, r.must_change_password}, now, now, now, now,
                  app_.accounts_version()};
  return r;
}

StatusOr<std::optional<Auth::Cached>> Auth::Load(const std::string& hash, int64_t now) {
  ASSIGN_OR_RETURN(auto session, app_.store().FindSession(hash));
  if (!session) return std::optional<Cached>();
  ASSIGN_OR_RETURN(auto user, app_.store().FindUser(session->user));
  if (!user || !user->active) return std::optional<Cached>();
  auto role = ParseRole(user->role);
  if (!role) return std::optional<Cached>();
  return std::optional<Cached>(Cached{{{user->name, *role, user->municipality}, session->csrf_token,
                                       user->must_change_password},
                                      session->created_ms,
                                      session->last_seen_ms,
                                      session->last_seen_ms,
                                      now,
                                      0});
}

StatusOr<SessionInfo> Auth::Authenticate(const std::string& token) {
  const Status expired = Status::Unauthenticated("not logged in, or the session has expired");
  if (token.empty() || token.size() > 200) return expired;
  std::string hash = crypto::HashToken(app_.store().keys(), token);
  const int64_t now = app_.Now().millis();
  const int64_t idle = Millis(options_.idle_timeout);
  const int64_t lifetime = Millis(options_.lifetime);
  const uint64_t version = app_.accounts_version();
  std::optional<Cached> known;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) known = it->second;
  }
  // A session from memory is checked against the store at least once a second, and at once
  // after a change of users.
  if (!known || known->accounts_version != version || now - known->checked_ms >= 1000) {
    ASSIGN_OR_RETURN(auto loaded, Load(hash, now));
    if (!loaded) {
      std::lock_guard lock(mu_);
      cache_.erase(hash);
      return expired;
    }
    if (known) {  // the last use is ours; the store may be behind by up to a minute
      loaded->last_seen_ms = std::max(loaded->last_seen_ms, known->last_seen_ms);
      loaded->persisted_ms = known->persisted_ms;
    }
    loaded->accounts_version = version;
    known = loaded;
  }
  if (now - known->last_seen_ms > idle || now - known->created_ms > lifetime) {
    {
      std::lock_guard lock(mu_);
      cache_.erase(hash);
    }
    (void)app_.store().DeleteSession(hash);
    return expired;
  }
  known->last_seen_ms = now;
  if (now - known->persisted_ms > 60'000) {
    known->persisted_ms = now;
    (void)app_.store().TouchSession(hash, now);
  }
  std::lock_guard lock(mu_);
  cache_[hash] = *known;
  return known->info;
}

Status Auth::Logout(const std::string& token) {
  std::string hash = crypto::HashToken(app_.store().keys(), token);
  {
    std::lock_guard lock(mu_);
    cache_.erase(hash);
  }
  return app_.store().DeleteSession(hash);
}

std::string Auth::SessionKey(const std::string& token) const {
  return crypto::HashToken(app_.store().keys(), token);
}

Status Auth::ChangePassword(const std::string& token, const std::string& current, const std::string& new_password) {
  ASSIGN_OR_RETURN(SessionInfo session, Authenticate(token));
  const std::string& name = session.principal.user;
  ASSIGN_OR_RETURN(auto user, app_.store().FindUser(name));
  if (!user) return Status::Unauthenticated("not logged in, or the session has expired");
  std::vector<FieldError> errors;
  password_checks_.fetch_add(1);
  if (!crypto::VerifyPassword(user->password_hash, current))
    errors.push_back({"current_password", "is not your password", "wrong_password", {}});
  for (auto& e : CheckNewPassword(new_password, name, "new_password")) errors.push_back(std::move(e));
  if (errors.empty() && new_password == current)
    errors.push_back({"new_password", "must differ from the current password", "same_password", {}});
  if (!errors.empty()) {
    std::string m = errors.front().field + ": " + errors.front().reason;
    return Status::Invalid(m, errors);
  }
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(new_password));
  user->password_hash = hash;
  user->must_change_password = false;
  RETURN_IF_ERROR(app_.store().UpdateUser(*user));
  RETURN_IF_ERROR(app_.store().DeleteSessionsOf(name, SessionKey(token)));
  app_.ChangedAccounts();
  return app_.LogAccess({AuditRecord(app_, session.principal, "", AccessAction::kPasswordChange, name)});
}

bool SameToken(std::string_view a, std::string_view b) { return crypto::ConstantTimeEquals(a, b); }
std::string NewToken(size_t bytes) { return crypto::RandomToken(bytes); }

}  // namespace tov
