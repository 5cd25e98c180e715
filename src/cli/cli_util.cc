// Helpers shared by the verbs.
#include "cli/cli_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "common/text.h"

#include "domain/municipality.h"

namespace tov::cli {

Principal CliPrincipal() {
  const char* user = std::getenv("USER");
  return Principal::Operator(std::string("cli:") + (user && *user ? user : "unknown"));
}

int Fail(std::ostream& err, const Status& s) {
  if (!s.field_errors().empty()) {
    for (const auto& f : s.field_errors()) err << RedactCprLike(f.field + ": " + f.reason) << "\n";
  } else {
    err << "error: " << RedactCprLike(s.message()) << "\n";
  }
  return s.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

std::string DatabaseOf(const Args& a) {
  if (auto db = a.Get("db")) return *db;
  const char* env = std::getenv("TOVHOLDER_DB");
  return env && *env ? env : "tovholder.db";
}

namespace {

// A flag's value, else an environment variable's; `name` is what a message calls it.
std::optional<std::string> FlagOrEnv(const Args& a, const char* flag, const char* env, std::string* name) {
  if (auto v = a.Get(flag)) {
    *name = std::string("--") + flag;
    return v;
  }
  const char* e = std::getenv(env);
  if (!e || !*e) return std::nullopt;
  *name = env;
  return std::string(e);
}

// Digits only, at most `max`.
std::optional<int64_t> WholeNumber(std::string_view s, int64_t max) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n > max) return std::nullopt;
  return n;
}

}  // namespace

StatusOr<StoreOptions> DatabaseOptions(const Args& a, int64_t default_statement_timeout_ms) {
  StoreOptions o;
  o.path = DatabaseOf(a);
  o.statement_timeout_ms = default_statement_timeout_ms;
  std::string name;
  if (auto v = FlagOrEnv(a, "db-pool", "TOVHOLDER_DB_POOL", &name)) {
    auto n = WholeNumber(*v, 1000);
    if (!n || *n < 1) return Status::InvalidField(name, "must be a whole number of connections 1–1000");
    o.pool_size = static_cast<size_t>(*n);
  }
  if (auto v = FlagOrEnv(a, "db-statement-timeout", "TOVHOLDER_DB_STATEMENT_TIMEOUT", &name)) {
    std::string_view t = *v;
    int64_t unit = 1;
    if (t.size() > 2 && t.substr(t.size() - 2) == "ms") {
      t.remove_suffix(2);
    } else if (t.size() > 1 && t.back() == 's') {
      t.remove_suffix(1);
      unit = 1000;
    }
    auto n = WholeNumber(t, 86'400'000 / unit);
    if (!n) return Status::InvalidField(name, "must be a time such as 5000 (milliseconds), 500ms or 30s, at most a day; 0 for none");
    o.statement_timeout_ms = *n * unit;
  }
  return o;
}

StatusOr<std::unique_ptr<App>> OpenApp(const Args& a, bool create, int64_t default_statement_timeout_ms) {
  ASSIGN_OR_RETURN(StoreOptions o, DatabaseOptions(a, default_statement_timeout_ms));
  o.create = create;
  ASSIGN_OR_RETURN(auto app, App::Open(o));
  app->LeaveJournalAtExit();  // the process ends with the verb
  return app;
}

StatusOr<Date> DateFlag(const Args& a, const std::string& flag) {
  auto v = a.Get(flag);
  if (!v) return Status::InvalidField("--" + flag, "is required (YYYY-MM-DD)");
  auto d = ParseDate(*v);
  if (!d) return Status::InvalidField("--" + flag, "must be a real date YYYY-MM-DD, not \"" + *v + "\"");
  return *d;
}

StatusOr<Timestamp> KnownAt(const Args& a, const App& app) {
  auto v = a.Get("known-at");
  if (!v) return app.Now();
  auto t = ParseTimestamp(*v, /*allow_date_only=*/true);
  if (!t) return Status::InvalidField("--known-at", "must be an ISO 8601 time such as 2024-03-01T23:59:59Z (or a date)");
  return *t;
}

Status CheckMunicipality(const Args& a) {
  if (auto m = a.Get("municipality"); m && !FindMunicipality(*m))
    return Status::InvalidField("--municipality", "\"" + *m + "\" is not a municipality code");
  return Status::Ok();
}

StatusOr<std::unique_ptr<PrivateOutFile>> PrivateOutFile::Open(const std::string& path) {
  // 0600 at creation leaves nothing for the umask to widen; fchmod narrows a file that existed.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io("cannot write " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) != 0600 &&
      ::fchmod(fd, 0600) != 0) {
    Status s = Status::Io("cannot chmod 600 " + path + ": " + std::strerror(errno));
    ::close(fd);
    return s;
  }
  return std::unique_ptr<PrivateOutFile>(new PrivateOutFile(path, fd));
}

PrivateOutFile::~PrivateOutFile() { (void)Close(); }

Status PrivateOutFile::Close() {
  if (fd_ < 0) return Status::Ok();
  stream_.flush();
  bool ok = !buf_.failed() && stream_.good();
  if (::close(fd_) != 0) ok = false;
  fd_ = -1;
  return ok ? Status::Ok() : Status::Io("cannot write " + path_);
}

bool PrivateOutFile::Buf::FlushBuffer() {
  const char* p = pbase();
  while (p < pptr()) {
    ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed_ = true;
      break;
    }
    p += n;
  }
  setp(data_.data(), data_.data() + data_.size());
  return !failed_;
}

PrivateOutFile::Buf::int_type PrivateOutFile::Buf::overflow(int_type c) {
  if (!FlushBuffer()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int PrivateOutFile::Buf::sync() { return FlushBuffer() ? 0 : -1; }

Status Emit(const Args& a, std::ostream& out, const std::string& text) {
  if (auto path = a.Get("out")) {
    ASSIGN_OR_RETURN(auto f, PrivateOutFile::Open(*path));
    f->stream() << text;
    return f->Close();
  }
  out << text;
  return Status::Ok();
}

}  // namespace tov::cli
