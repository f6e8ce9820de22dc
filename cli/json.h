// The CLI's JSON output uses the project's one JSON string writer.
#pragma once

#include "policy/json.h"

namespace sievegate::cli {

using policy::append_json_string;

}  // namespace sievegate::cli
