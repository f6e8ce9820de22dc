// Diagnostics: mistakes in a user's script as values, never exceptions.
//
// Every stage of the front end (parse, check) appends Diagnostic values to a list so one
// run reports many problems. System failures (unreadable file, I/O) are not diagnostics;
// callers report those separately.
//
// The type is the one every part of sievegate uses (base/diagnostic.h); these are its
// names in the Sieve code. Positions are in the script; `file` is left to the caller,
// which knows where the script came from.
#pragma once

#include "base/diagnostic.h"

namespace sievegate::policy {

using SourcePos = base::SourcePos;
using Severity = base::Severity;
using Diagnostic = base::Diagnostic;
using Diagnostics = base::Diagnostics;
using base::has_errors;

// "error" or "warning" (defined in ast.cc; the same as base::severity_text).
const char* severity_name(Severity severity);

}  // namespace sievegate::policy
