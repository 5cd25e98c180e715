// libpq wrapper: connections, parameterised queries, COPY, transactions and a small pool.
#include "store/pg.h"

#include <cstdlib>
#include <cstring>

namespace tov::pg {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// libpq's message without its trailing newline, on one line.
std::string OneLine(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

}  // namespace

bool IsUrl(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string Redact(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  size_t start = scheme + 3;
  size_t end = out.find_first_of("/?", start);
  std::string_view authority = std::string_view(out).substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    size_t colon = authority.substr(0, at).find(':');
    if (colon != std::string::npos) out.erase(start + colon, at - colon);
  }
  // password=… among the parameters.
  size_t q = out.find('?');
  if (q != std::string::npos) {
    std::string params = out.substr(q + 1), kept;
    size_t pos = 0;
    while (pos <= params.size()) {
      size_t amp = params.find('&', pos);
      std::string p = params.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      if (p.rfind("password=", 0) != 0 && !p.empty()) kept += (kept.empty() ? "" : "&") + p;
      if (amp == std::string::npos) break;
      pos = amp + 1;
    }
    out = out.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  }
  return out;
}

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

int64_t Result::Int(int row, int col) const { return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }

std::string Result::Bytes(int row, int col) const {
  std::string_view v = TextView(row, col);
  std::string out;
  if (v.size() < 2 || v[0] != '\\' || v[1] != 'x') return out;
  out.reserve((v.size() - 2) / 2);
  for (size_t i = 2; i + 1 < v.size(); i += 2) out += static_cast<char>(HexValue(v[i]) * 16 + HexValue(v[i + 1]));
  return out;
}

int64_t Result::Affected() const {
  const char* n = r_ ? PQcmdTuples(r_) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

Conn::~Conn() {
  if (c_) PQfinish(c_);
}

Conn& Conn::operator=(Conn&& o) noexcept {
  if (this != &o) {
    if (c_) PQfinish(c_);
    c_ = o.c_;
    location_ = std::move(o.location_);
    o.c_ = nullptr;
  }
  return *this;
}

StatusOr<Conn> Conn::Connect(const std::string& url, const ConnectOptions& options) {
  Conn c;
  c.location_ = Redact(url);
  // Parse first: a malformed URL is the caller's mistake, not an unreachable server.
  char* parse_error = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &parse_error);
  if (!opts) {
    std::string m = OneLine(parse_error);
    if (parse_error) PQfreemem(parse_error);
    return Status::InvalidField("--db", "is not a valid PostgreSQL URL (" + c.location_ + "): " + m);
  }
  // The server settings of every session go in libpq's `options` (after the URL's own), so that
  // a reset connection has them too.
  std::string server_options;
  for (PQconninfoOption* o = opts; o->keyword; ++o)
    if (std::strcmp(o->keyword, "options") == 0 && o->val) server_options = o->val;
  PQconninfoFree(opts);
  if (options.statement_timeout_ms > 0)
    server_options += (server_options.empty() ? "" : " ") + std::string("-c statement_timeout=") +
                      std::to_string(options.statement_timeout_ms);
  // expand_dbname: the URL is read first, then `options` overrides its own (which it includes).
  // The name in pg_stat_activity is "tovholder" unless the URL gives an application_name.
  const char* keywords[] = {"dbname", "fallback_application_name", server_options.empty() ? nullptr : "options",
                            nullptr};
  const char* values[] = {url.c_str(), "tovholder", server_options.c_str(), nullptr};
  c.c_ = PQconnectdbParams(keywords, values, 1);
  if (!c.c_) return Status::ResourceExhausted("out of memory connecting to " + c.location_);
  if (PQstatus(c.c_) != CONNECTION_OK) {
    std::string m = OneLine(PQerrorMessage(c.c_));
    // libpq's words for the TLS problems an operator meets, said in theirs.
    if (m.find("certificate verify failed") != std::string::npos)
      m += " (TLS: the server's certificate is not signed by the root certificate the URL's sslrootcert names, or "
           "has expired; the connection was refused)";
    else if (m.find("server does not support SSL") != std::string::npos)
      m += " (TLS: the URL's sslmode asks for TLS and the server does not offer it; set ssl = on in its "
           "postgresql.conf)";
    return Status::Io("cannot connect to the PostgreSQL database " + c.location_ + ": " + m);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors: keep them off stderr.
  PQsetNoticeProcessor(c.c_, [](void*, const char*) {}, nullptr);
  return c;
}

Status Conn::Error(std::string_view what, const PGresult* r) const {
  std::string m = r ? OneLine(PQresultErrorMessage(r)) : "";
  if (m.empty()) m = OneLine(PQerrorMessage(c_));
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string text = std::string(what) + " (" + location_ + "): " + m;
  if (sqlstate == "23505") return Status::AlreadyExists(text);
  if (sqlstate == "42501") return Status::PermissionDenied(text);
  // query_canceled: the statement timeout (or an operator's pg_cancel_backend).
  if (sqlstate == "57014")
    return Status::Unavailable(std::string(what) + " (" + location_ + "): the database did not answer in time (" + m +
                               "); try again");
  if (PQstatus(c_) != CONNECTION_OK) return Status::Io(text);
  return Status::Internal(text);
}

bool Conn::Reconnect(bool was_idle) {
  // Only a statement sent outside a transaction on a connection that turned out broken (the
  // server restarted since its last use) is sent again: inside a transaction the work before it
  // is lost, and the caller must see the error.
  if (!was_idle || PQstatus(c_) == CONNECTION_OK) return false;
  PQreset(c_);
  return PQstatus(c_) == CONNECTION_OK;
}

Status Conn::Exec(std::string_view sql) {
  bool idle = PQtransactionStatus(c_) == PQTRANS_IDLE;
  Result r(PQexec(c_, std::string(sql).c_str()));
  if (PQresultStatus(r.raw()) == PGRES_FATAL_ERROR && Reconnect(idle)) r = Result(PQexec(c_, std::string(sql).c_str()));
  ExecStatusType st = PQresultStatus(r.raw());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error("the database refused a statement", r.raw());
  return Status::Ok();
}

StatusOr<Result> Conn::Query(const std::string& sql, const std::vector<Param>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].value ? params[i].value->data() : nullptr;
    lengths[i] = params[i].value ? static_cast<int>(params[i].value->size()) : 0;
    formats[i] = params[i].binary ? 1 : 0;
  }
  bool idle = PQtransactionStatus(c_) == PQTRANS_IDLE;
  auto send = [&] {
    return Result(PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                               lengths.data(), formats.data(), 0));
  };
  Result r = send();
  if (PQresultStatus(r.raw()) == PGRES_FATAL_ERROR && Reconnect(idle)) r = send();
  ExecStatusType st = PQresultStatus(r.raw());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error("the database refused a query", r.raw());
  return r;
}

Status Conn::CopyIn(const std::string& copy_sql, const std::string& data) {
  {
    bool idle = PQtransactionStatus(c_) == PQTRANS_IDLE;
    Result r(PQexec(c_, copy_sql.c_str()));
    if (PQresultStatus(r.raw()) == PGRES_FATAL_ERROR && Reconnect(idle)) r = Result(PQexec(c_, copy_sql.c_str()));
    if (PQresultStatus(r.raw()) != PGRES_COPY_IN) return Error("the database refused COPY", r.raw());
  }
  constexpr size_t kChunk = 1 << 20;
  for (size_t pos = 0; pos < data.size(); pos += kChunk) {
    size_t n = std::min(kChunk, data.size() - pos);
    if (PQputCopyData(c_, data.data() + pos, static_cast<int>(n)) != 1) return Error("COPY failed");
  }
  if (PQputCopyEnd(c_, nullptr) != 1) return Error("COPY failed");
  Status result = Status::Ok();
  while (PGresult* raw = PQgetResult(c_)) {
    Result r(raw);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && result.ok()) result = Error("COPY failed", raw);
  }
  return result;
}

bool Conn::Healthy() {
  if (!c_) return false;
  if (PQstatus(c_) != CONNECTION_OK) {
    PQreset(c_);
    if (PQstatus(c_) != CONNECTION_OK) return false;
  }
  if (PQtransactionStatus(c_) != PQTRANS_IDLE) {
    // A transaction left open (it should not happen): end it rather than hand it on.
    Result r(PQexec(c_, "ROLLBACK"));
    if (PQtransactionStatus(c_) != PQTRANS_IDLE) return false;
  }
  return true;
}

void CopyField(std::string& out, const std::optional<std::string>& v) {
  if (!v) {
    out += "\\N";
    return;
  }
  for (char c : *v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

void ArrayElement(std::string& out, std::string_view v) {
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void CopyBytesField(std::string& out, const std::optional<std::string>& bytes) {
  if (!bytes) {
    out += "\\N";
    return;
  }
  static const char* kHex = "0123456789abcdef";
  out += "\\\\x";
  for (unsigned char c : *bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
}

StatusOr<Transaction> Transaction::Begin(Conn& c, const char* begin) {
  RETURN_IF_ERROR(c.Exec(begin));
  return Transaction(&c);
}

Transaction::~Transaction() {
  if (c_) (void)c_->Exec("ROLLBACK");
}

Status Transaction::Commit() { return CommitWith("COMMIT"); }

Status Transaction::CommitWith(const std::string& sql) {
  Conn* c = c_;
  c_ = nullptr;
  Status st = c->Exec(sql);
  // A failed statement before the COMMIT leaves the transaction open (aborted): end it.
  if (!st.ok() && PQtransactionStatus(c->raw()) != PQTRANS_IDLE) (void)c->Exec("ROLLBACK");
  return st;
}

Pool::~Pool() = default;

StatusOr<Pool::Lease> Pool::Acquire() {
  std::unique_lock lock(mu_);
  while (true) {
    if (!free_.empty()) {
      Conn* c = free_.back();
      free_.pop_back();
      lock.unlock();
      if (c->Healthy()) return Lease(this, c);
      // Still broken after a reset (the server is down): give it back and say so.
      Status st = Status::Io("lost the connection to the PostgreSQL database " + c->location() +
                             " and could not reconnect: " + OneLine(PQerrorMessage(c->raw())));
      Release(c);
      return st;
    }
    if (all_.size() + opening_ < max_) {
      ++opening_;
      lock.unlock();
      auto c = Conn::Connect(url_, options_);
      lock.lock();
      --opening_;
      if (!c.ok()) {
        cv_.notify_one();
        return c.status();
      }
      all_.push_back(std::make_unique<Conn>(std::move(*c)));
      return Lease(this, all_.back().get());
    }
    cv_.wait(lock);
  }
}

void Pool::Release(Conn* c) {
  std::lock_guard lock(mu_);
  free_.push_back(c);
  cv_.notify_one();
}

}  // namespace tov::pg
