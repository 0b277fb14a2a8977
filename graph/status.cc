#include "graph/status.h"

namespace dyad {

const std::string& Status::EmptyMessage() {
  static const std::string* const empty = new std::string();
  return *empty;
}

const char* Status::CodeName() const {
  switch (code()) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: return "InvalidArgument";
    case Code::kNotFound: return "NotFound";
    case Code::kIOError: return "IOError";
    case Code::kCorruption: return "Corruption";
    case Code::kSyntaxError: return "SyntaxError";
    case Code::kSemanticError: return "SemanticError";
    case Code::kTypeError: return "TypeError";
    case Code::kArgumentError: return "ArgumentError";
    case Code::kEntityNotFound: return "EntityNotFound";
    case Code::kConstraintValidationFailed: return "ConstraintValidationFailed";
    case Code::kConstraintVerificationFailed: return "ConstraintVerificationFailed";
    case Code::kParameterMissing: return "ParameterMissing";
    case Code::kProcedureError: return "ProcedureError";
    case Code::kArithmeticError: return "ArithmeticError";
    case Code::kTimeout: return "Timeout";
    case Code::kResourceLimit: return "ResourceLimit";
    case Code::kUnsupported: return "Unsupported";
    case Code::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName()) + ": " + state_->message;
}

}  // namespace dyad
