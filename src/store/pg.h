// A thin RAII wrapper over libpq (PostgreSQL 15) that returns Status instead of throwing, in the
// manner of sqlite.h.
//
// Conn owns a connection; Result a query's result. Queries are always parameterised
// (PQexecParams, text parameters, text results): no value is ever spliced into SQL. A statement
// sent outside a transaction on a connection that broke since its last use (the server
// restarted) is sent once more on a new connection. A Conn is
// used from one thread at a time; Pool hands out connections to many threads. Messages name the
// database by Redact(url): the URL without its password.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tov::pg {

// Whether `location` is a PostgreSQL URL (postgresql:// or postgres://).
bool IsUrl(std::string_view location);
// `url` without a password (`user:secret@` and `password=` parameters removed), for messages.
std::string Redact(std::string_view url);

// One parameter of a query: text, raw bytes (bytea, sent in binary) or SQL NULL.
struct Param {
  std::optional<std::string> value;
  bool binary = false;
  Param(std::string v) : value(std::move(v)) {}  // NOLINT: implicit on purpose
  Param(std::string_view v) : value(std::string(v)) {}
  Param(const char* v) : value(std::string(v)) {}
  Param(int64_t v) : value(std::to_string(v)) {}
  Param(int v) : value(std::to_string(v)) {}
  static Param Null() { return Param(); }
  static Param Bytes(std::string v) {
    Param p(std::move(v));
    p.binary = true;
    return p;
  }
  static Param OrNull(const std::optional<std::string>& v) { return v ? Param(*v) : Null(); }

 private:
  Param() = default;
};

class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { if (r_) PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  const PGresult* raw() const { return r_; }
  int rows() const { return r_ ? PQntuples(r_) : 0; }
  bool IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  std::string_view TextView(int row, int col) const {
    return std::string_view(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  int64_t Int(int row, int col) const;
  // A bytea column (text format `\x<hex>`) as its bytes.
  std::string Bytes(int row, int col) const;
  // The number of rows an INSERT, UPDATE or DELETE touched.
  int64_t Affected() const;

 private:
  PGresult* r_ = nullptr;
};

// Settings of every connection, applied at connect (and kept by libpq across a reset).
struct ConnectOptions {
  // PostgreSQL's statement_timeout in milliseconds (0: none). A statement cancelled by it fails
  // with kUnavailable.
  int64_t statement_timeout_ms = 0;
};

class Conn {
 public:
  Conn() = default;
  ~Conn();
  Conn(Conn&& o) noexcept : c_(o.c_), location_(std::move(o.location_)) { o.c_ = nullptr; }
  Conn& operator=(Conn&& o) noexcept;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Connects to `url` with `options` (added to any `options=` of the URL). kIo naming
  // Redact(url) when the server cannot be reached or refuses (TLS problems included);
  // kInvalidArgument for a malformed URL.
  static StatusOr<Conn> Connect(const std::string& url, const ConnectOptions& options = {});

  // One or more statements without parameters or results (schema, BEGIN, COMMIT).
  Status Exec(std::string_view sql);
  // One statement with parameters; its rows (text format).
  StatusOr<Result> Query(const std::string& sql, const std::vector<Param>& params = {});
  // COPY … FROM STDIN with `data` in COPY's text format (see CopyField).
  Status CopyIn(const std::string& copy_sql, const std::string& data);
  // Whether the connection is usable and outside a transaction; resets it when it broke.
  bool Healthy();
  PGconn* raw() const { return c_; }
  const std::string& location() const { return location_; }
  Status Error(std::string_view what, const PGresult* r = nullptr) const;

 private:
  // After a failed statement: resets a broken connection and says whether to send it again.
  bool Reconnect(bool was_idle);
  PGconn* c_ = nullptr;
  std::string location_;
};

// Appends `v` to `out` as one field of COPY's text format (backslash escapes; \N for NULL).
void CopyField(std::string& out, const std::optional<std::string>& v);
// Appends `v` to `out` as one quoted element of an array literal ("…" with \" and \\), for a
// text[] parameter.
void ArrayElement(std::string& out, std::string_view v);
// Appends bytes as a bytea field of COPY's text format (`\\x<hex>`).
void CopyBytesField(std::string& out, const std::optional<std::string>& bytes);

// A transaction on a connection: BEGIN at Begin, ROLLBACK when destroyed uncommitted.
class Transaction {
 public:
  // `begin` is the statement that opens it ("BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ").
  static StatusOr<Transaction> Begin(Conn& c, const char* begin = "BEGIN");
  Transaction(Transaction&& o) noexcept : c_(o.c_) { o.c_ = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Status Commit();
  // Ends the transaction with `sql`, which must end in COMMIT (e.g. "SELECT …; COMMIT").
  Status CommitWith(const std::string& sql);

 private:
  explicit Transaction(Conn* c) : c_(c) {}
  Conn* c_;
};

// A pool of up to `max` connections to one URL, opened as needed. Thread-safe. A lease returns
// its connection when destroyed; a broken connection is reset on its next lease.
class Pool {
 public:
  Pool(std::string url, size_t max, ConnectOptions options = {})
      : url_(std::move(url)), max_(max), options_(options) {}
  size_t max() const { return max_; }
  ~Pool();

  class Lease {
   public:
    Lease(Pool* p, Conn* c) : pool_(p), c_(c) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), c_(o.c_) { o.c_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease() { if (c_) pool_->Release(c_); }
    Conn& operator*() const { return *c_; }
    Conn* operator->() const { return c_; }

   private:
    Pool* pool_;
    Conn* c_;
  };
  // Waits for a free connection (or opens one); kIo when none can be opened.
  StatusOr<Lease> Acquire();

 private:
  void Release(Conn* c);
  std::string url_;
  size_t max_;
  ConnectOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> all_;
  std::vector<Conn*> free_;
  size_t opening_ = 0;
};

}  // namespace tov::pg
