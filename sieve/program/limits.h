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

// Deepest nesting seen by the parser, counted on the token stream before any recursion
// (each block, list and identifier in a chain counts one level, so `if true {` is three).
// Far above the semantic limits below, so those give the precise message for any
// plausible script; low enough that parsing hostile input stays well inside the stack
// (the parser and tree builder use about 1 KiB of stack per level).
inline constexpr int kMaxNesting = 512;

// Deepest nesting of command blocks and of tests. Pigeonhole (the reference
// implementation) allows 31 of each; we agree so a script valid here is valid there.
inline constexpr int kMaxBlockNesting = 31;
inline constexpr int kMaxTestNesting = 31;

// Deepest nesting of foreverypart loops (RFC 5703 3; Pigeonhole allows 4).
inline constexpr int kMaxForEveryPartNesting = 4;

// Syntax errors reported per script before we stop: after a few, ANTLR's recovery
// produces mostly follow-on noise.
inline constexpr int kMaxSyntaxErrors = 10;

// Diagnostics (errors and warnings) reported per script, so a generated script with a
// systematic mistake gives a readable report.
inline constexpr int kMaxDiagnostics = 50;

// Largest number literal (after the K/M/G quantifier). RFC 5228 2.4.1 requires at least
// 2^31-1; like Pigeonhole we accept any unsigned 64-bit value.
inline constexpr std::uint64_t kMaxNumber = 18446744073709551615ull;

// Variables one script may use (Pigeonhole's limit; RFC 5229 leaves it open).
inline constexpr std::size_t kMaxVariables = 255;

// Longest variable name (RFC 5229 leaves it open; Pigeonhole uses 64 as well).
inline constexpr std::size_t kMaxVariableNameLength = 64;

// Highest match variable index: RFC 5229 3 requires ${0}..${9}; like Pigeonhole we
// keep up to ${32} and reject references beyond.
inline constexpr int kMaxMatchVariable = 32;

// Deepest chain of `include`s (RFC 6609 leaves it to the site; Pigeonhole allows 10).
inline constexpr int kMaxIncludeDepth = 10;

}  // namespace sievegate::policy::limits
