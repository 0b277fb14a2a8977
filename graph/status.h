// Status and Result: how errors travel between modules (no exceptions cross
// a module's public API).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace dyad {

// The outcome of an operation: ok, or an error kind with a message. As in
// LevelDB, an ok status is one null pointer: every operator call returns one,
// so creating, moving and dropping it must cost next to nothing.
class Status {
 public:
  // Error kinds. The query kinds carry the openCypher TCK names.
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input data or flag
    kNotFound,
    kIOError,
    kCorruption,
    kSyntaxError,
    kSemanticError,
    kTypeError,
    kArgumentError,
    kEntityNotFound,
    kConstraintValidationFailed,
    kConstraintVerificationFailed,  // the TCK name for deleting a connected node
    kParameterMissing,
    kProcedureError,
    kArithmeticError,
    kTimeout,
    kResourceLimit,
    kUnsupported,
    kInternal,
  };

  // An ok status.
  Status() = default;
  // An error of the given kind (kOk gives the ok status).
  Status(Code code, std::string message)
      : state_(code == Code::kOk ? nullptr : new State{code, std::move(message), 0, 0}) {}
  // Copies the error (an ok status copies nothing).
  Status(const Status& other) : state_(other.state_ ? new State(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) state_.reset(other.state_ ? new State(*other.state_) : nullptr);
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  // The ok status.
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {Code::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status SyntaxError(std::string m) { return {Code::kSyntaxError, std::move(m)}; }
  static Status SemanticError(std::string m) { return {Code::kSemanticError, std::move(m)}; }
  static Status TypeError(std::string m) { return {Code::kTypeError, std::move(m)}; }
  static Status ArgumentError(std::string m) { return {Code::kArgumentError, std::move(m)}; }

  // True when the operation succeeded.
  bool ok() const { return state_ == nullptr; }
  // The error kind.
  Code code() const { return state_ ? state_->code : Code::kOk; }
  // The human-readable message (without the kind); empty when ok.
  const std::string& message() const { return state_ ? state_->message : EmptyMessage(); }
  // The kind's name as the TCK spells it ("SyntaxError", ...).
  const char* CodeName() const;
  // "<Kind>: <message>", or "OK".
  std::string ToString() const;
  // A copy that records where in a query text the error is (1-based).
  // (An ok status stays ok: there is no error to place.)
  Status WithPosition(int line, int column) const {
    Status s = *this;
    if (s.state_) {
      s.state_->line = line;
      s.state_->column = column;
    }
    return s;
  }
  // 1-based line of the error in the query text, or 0 when unknown.
  int line() const { return state_ ? state_->line : 0; }
  // 1-based column of the error in the query text, or 0 when unknown.
  int column() const { return state_ ? state_->column : 0; }

 private:
  // What an error carries; absent when ok.
  struct State {
    Code code;
    std::string message;
    int line;
    int column;
  };
  // The message of an ok status.
  static const std::string& EmptyMessage();

  std::unique_ptr<State> state_;
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  // A successful result holding value.
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // A failed result; status must not be ok.
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  // True when a value is present.
  bool ok() const { return value_.has_value(); }
  // The error (OK when a value is present).
  const Status& status() const { return status_; }
  // The value; only valid when ok().
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T& operator*() { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace dyad

// Returns the status from the enclosing function when it is not ok.
#define DYAD_RETURN_IF_ERROR(expr)            \
  do {                                        \
    ::dyad::Status _st = (expr);              \
    if (!_st.ok()) return _st;                \
  } while (0)

#define DYAD_CONCAT_INNER(a, b) a##b
#define DYAD_CONCAT(a, b) DYAD_CONCAT_INNER(a, b)
// Assigns the value of a Result expression to lhs, or returns its status.
#define DYAD_ASSIGN_OR_RETURN(lhs, expr) \
  DYAD_ASSIGN_OR_RETURN_IMPL(DYAD_CONCAT(_res_, __LINE__), lhs, expr)
#define DYAD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp.value())
