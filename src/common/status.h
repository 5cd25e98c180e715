// Status and StatusOr<T>: errors as values (LevelDB / Abseil style). No exceptions cross a layer;
// a fallible call returns a Status (or a value-or-Status) that the caller must look at.
//
// A Status carries a code, a message and, for invalid input, the field errors (`field: reason`)
// so that every problem of a request or a journal line is reported at once.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tov {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input; see field_errors()
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,  // authenticated, but not allowed
  kUnauthenticated,
  kFailedPrecondition,
  kResourceExhausted,  // too large, too many
  kInternal,
  kIo,
  kUnavailable,  // a dependency did not answer in time (a database statement timeout); try again
};

// A problem with one field: `reason` in English for people and logs (the API's "fields"), and
// a stable `code` with its `args` (e.g. "too_long", {"64"}) that the pages translate. The codes
// are listed in docs/journal-format.md ("Field errors"). Equal when field and reason are.
struct FieldError {
  FieldError() = default;
  FieldError(std::string f, std::string r, std::string c = "", std::vector<std::string> a = {})
      : field(std::move(f)), reason(std::move(r)), code(std::move(c)), args(std::move(a)) {}
  std::string field;
  std::string reason;
  std::string code;               // empty only for errors that have no code yet
  std::vector<std::string> args;  // the numbers or names the reason quotes
  bool operator==(const FieldError& o) const { return field == o.field && reason == o.reason; }
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string message, std::vector<FieldError> fields = {}) {
    Status s(StatusCode::kInvalidArgument, std::move(message));
    s.fields_ = std::move(fields);
    return s;
  }
  static Status InvalidField(std::string field, std::string reason) {
    return Invalid(field + ": " + reason, {{std::move(field), std::move(reason)}});
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status Unauthenticated(std::string m) {
    return {StatusCode::kUnauthenticated, std::move(m)};
  }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIo, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& field_errors() const { return fields_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
};

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tov

#define TOV_CONCAT_INNER(a, b) a##b
#define TOV_CONCAT(a, b) TOV_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not ok.
#define RETURN_IF_ERROR(expr)             \
  do {                                    \
    ::tov::Status tov_status_ = (expr);   \
    if (!tov_status_.ok()) return tov_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, F());` — binds the value or returns the Status.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(TOV_CONCAT(tov_statusor_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                          \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
