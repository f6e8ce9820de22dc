// All limits of the Sieve front end and engine, in one place.
//
// Each constant says what it bounds, its default, and why that default. Limits that an
// operator may tune later (issue: runtime) start here as the compiled-in defaults.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sievegate::policy::limits {

// Largest script we read, in bytes. Real policies are a few KiB; 1 MiB leaves room for
// generated rule sets while keeping a hostile file from exhausting memory.
inline constexpr std::size_t kMaxScriptBytes = 1u << 20;

// Deepest nesting of blocks, test lists, string lists and tests (`not not ...`).
// Parsing and checking recurse once per level; 64 is far beyond hand-written scripts
// (Stalwart stops at 50, Pigeonhole at 32 blocks / 32 tests) and keeps recursion shallow.
inline constexpr int kMaxNesting = 64;

// Syntax errors reported per script before we stop: after a few, ANTLR's recovery
// produces mostly follow-on noise.
inline constexpr int kMaxSyntaxErrors = 10;

// Diagnostics (errors and warnings) reported per script, so a generated script with a
// systematic mistake gives a readable report.
inline constexpr int kMaxDiagnostics = 50;

// Largest number literal (after the K/M/G quantifier). RFC 5228 2.4.1 requires at least
// 2^31-1; we accept what fits a signed 64-bit value so sizes of any message fit.
inline constexpr std::uint64_t kMaxNumber = 9223372036854775807ull;

// Longest variable name (RFC 5229 leaves it open; Pigeonhole uses 64 as well).
inline constexpr std::size_t kMaxVariableNameLength = 64;

// Highest match variable index: RFC 5229 3 defines ${0}..${9}.
inline constexpr int kMaxMatchVariable = 9;

// How far a typo may be from a known name to be offered as "did you mean".
inline constexpr std::size_t kMaxSuggestionDistance = 2;

}  // namespace sievegate::policy::limits
