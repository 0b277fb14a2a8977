// Fuzzes the openCypher parser: any bytes must give an AST or a SyntaxError
// with a position, never a crash, a hang or unbounded recursion.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "query/parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto script = dyad::query::ParseScript(text);
  if (!script.ok()) {
    // Errors carry their kind and render with a caret under the column.
    if (script.status().code() != dyad::Status::Code::kSyntaxError &&
        script.status().code() != dyad::Status::Code::kSemanticError)
      __builtin_trap();
    (void)dyad::query::FormatErrorWithCaret(text, script.status());
  }
  auto one = dyad::query::Parse(text);
  if (!one.ok()) (void)dyad::query::FormatErrorWithCaret(text, one.status());
  // One statement parses alone exactly when the script holds one statement.
  if (one.ok() && (!script.ok() || script.value().size() != 1)) __builtin_trap();
  (void)dyad::query::ParseExpression(text);
  return 0;
}
