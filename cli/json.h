// A minimal JSON writer for the CLI's machine-readable output (no parsing needed).
#pragma once

#include <string>
#include <string_view>

namespace sievegate::cli {

// Appends `s` as a JSON string literal (quotes, escapes, control characters as \u00XX).
void append_json_string(std::string& out, std::string_view s);

}  // namespace sievegate::cli
