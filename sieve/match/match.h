// Comparators and match types: the string tests of the Sieve runtime.
//
// Every test that compares strings (header, address, envelope, string, body, ...) ends
// here: the interpreter picks a Comparator (RFC 5228 2.7.3, RFC 4790) and a match type
// (RFC 5228 2.7.1 :is / :contains / :matches, RFC 5231 :value / :count,
// draft-ietf-sieve-regex :regex) and calls the functions below once per value/key pair.
// They run for every rule of every message, so the :is, :contains and :matches paths
// allocate nothing unless captures are asked for, and all work is bounded:
//
//   equals / order          O(|a| + |b|)
//   contains                O(|haystack| x |needle|) worst case, linear in practice
//   matches                 O(|value| x |longest stretch of the pattern between two "*"|)
//                           worst case; never exponential, whatever the number of "*"
//   Regex::match            RE2: linear in |value| for a compiled pattern, no backtracking
//
// Strings are UTF-8 as RFC 5228 2.7.2 asks of the message layer, but nothing here
// requires valid UTF-8: invalid octets are compared as themselves.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace sievegate::policy::match {

// ---------------------------------------------------------------- comparators

enum class Comparator {
  kOctet,           // "i;octet" (RFC 4790 9.3): octet by octet
  kAsciiCasemap,    // "i;ascii-casemap" (RFC 4790 9.2): a-z equal A-Z, the Sieve default
  kAsciiNumeric,    // "i;ascii-numeric" (RFC 4790 9.1): leading digits as an unbounded integer
  kUnicodeCasemap,  // "i;unicode-casemap" (RFC 5051): titlecase + decomposition
};

// The comparator with this registry name, e.g. "i;octet". Names are matched exactly, as
// the checker does, so any name that reaches the runtime is one of the four.
std::optional<Comparator> comparator_from_name(std::string_view name);
std::string_view comparator_name(Comparator comparator);

// Whether the comparator has a substring operation (RFC 4790 4.2), i.e. serves :contains,
// :matches and :regex. Only i;ascii-numeric has none; the checker rejects that
// combination (RFC 5228 2.7.1), and at run time the substring functions below answer
// "no match" for it, the way RFC 5228 2.7.3 treats an "undefined" comparator result.
bool supports_substring(Comparator comparator);

// :is (RFC 5228 2.7.1): the equality operation of the comparator. The empty key is only
// equal to the empty value. For i;ascii-numeric two strings that do not start with a
// digit are both "positive infinity" and so equal to each other (RFC 4790 9.1).
bool equals(Comparator comparator, std::string_view a, std::string_view b);

// The ordering operation (RFC 4790 4.3), for :value: negative if a < b, 0 if a and b are
// equal (exactly when equals() holds), positive if a > b.
//   i;octet           unsigned octets, a proper prefix sorts first
//   i;ascii-casemap   as i;octet after mapping a-z to A-Z (so "_" > "a", RFC 4790 9.2)
//   i;ascii-numeric   the values of the leading digit strings, any length, leading zeros
//                     ignored; no leading digit is positive infinity, above every number
//   i;unicode-casemap i;octet on the canonical forms (see unicode_canonical below)
int order(Comparator comparator, std::string_view a, std::string_view b);

// :contains (RFC 5228 2.7.1): whether `needle` occurs in `haystack`. The empty needle is
// contained in every value. For i;unicode-casemap a match covers whole characters of the
// haystack: "E" is not contained in "É" although its canonical form starts with "E".
bool contains(Comparator comparator, std::string_view haystack, std::string_view needle);

// ---------------------------------------------------------------- :matches

// :matches (RFC 5228 2.7.1): the whole value against a wildcard pattern. "*" matches zero
// or more characters, "?" exactly one; "\" makes the next character literal ("\*", "\?",
// "\\"), and a lone "\" at the very end matches a backslash. The pattern is the string
// value after the script's own string escapes, so the script text "\\*" arrives as "\*".
//
// A character is what the comparator says (RFC 5228 2.7.1): one octet for i;octet and
// i;ascii-casemap, one UTF-8 encoded code point for i;unicode-casemap (an invalid octet
// counts as one character). i;ascii-numeric has no wildcard matching: always false.
//
// When `captures` is not null and the value matches, it is replaced by the match
// variables of RFC 5229 3.2: [0] the whole value, then one entry per wildcard ("*" and
// "?") in pattern order holding the part of the value it covered. Where several splits
// are possible, each wildcard takes as little as possible, leftmost first; this is what
// the examples of RFC 5229 3.2 require ("[*] *" on "[acme-users] [fwd] version 1.0 is
// out" gives "acme-users" and "[fwd] version 1.0 is out"; "coyote@**.com" gives "" for
// the first "*"). On no match `captures` is left untouched, so earlier match variables
// stay as they were.
bool matches(Comparator comparator, std::string_view value, std::string_view pattern,
             std::vector<std::string>* captures);

// `set :quotewildcard` (RFC 5229 4.1): prefixes "*", "?" and "\" with "\" so the result
// only matches itself as a :matches pattern.
std::string wildcard_quote(std::string_view text);

// ---------------------------------------------------------------- :regex

// A compiled :regex key (draft-ietf-sieve-regex-01): POSIX extended syntax, unanchored
// search, leftmost-longest like regexec(). Compiled with RE2, so matching never
// backtracks and is linear in the value. "." matches any character including a newline,
// and "^" / "$" only match at the ends of the value (regcomp without REG_NEWLINE).
//
// Ownership: a Regex shares one immutable compiled program between its copies; copying
// is cheap and matching from several threads at once is safe.
class Regex {
 public:
  // Compiles `pattern` for `comparator`: i;octet is case-sensitive; i;ascii-casemap is
  // case-insensitive (RE2's simple case folding, which like REG_ICASE in a UTF-8 locale
  // also folds non-ASCII letters); i;unicode-casemap is treated like i;ascii-casemap
  // (the checker only admits the first two). i;ascii-numeric and invalid patterns give
  // nullopt and, when `error` is not null, a message for the user.
  static std::optional<Regex> compile(std::string_view pattern, Comparator comparator,
                                      std::string* error);

  // Searches `value`. When `captures` is not null and it matches, replaces it with the
  // match variables (draft-ietf-sieve-regex-01 with RFC 5229 3.2): [0] the matched text,
  // [1..] each parenthesised group in order of its "(", "" for a group that did not take
  // part. On no match `captures` is left untouched.
  bool match(std::string_view value, std::vector<std::string>* captures) const;

  // Number of parenthesised groups, i.e. captures->size() - 1 after a match.
  int group_count() const;

 private:
  explicit Regex(std::shared_ptr<const re2::RE2> program);
  std::shared_ptr<const re2::RE2> program_;
};

// `set :quoteregex` (draft-ietf-sieve-regex-01): prefixes every character that is special
// in a POSIX extended regular expression (\ . [ ] ( ) { } * + ? ^ $ |) with "\" so the
// result only matches itself as a :regex key.
std::string regex_quote(std::string_view text);

// ---------------------------------------------------------------- relational

enum class Relation {
  kGt,  // "gt": value > key
  kGe,  // "ge": value >= key
  kLt,  // "lt": value < key
  kLe,  // "le": value <= key
  kEq,  // "eq": value == key
  kNe,  // "ne": value != key
};

// The relation named by a relational-match string of RFC 5231 5 ("gt", "ge", "lt", "le",
// "eq", "ne"). Lower case only, as the checker requires.
std::optional<Relation> relation_from_name(std::string_view name);
std::string_view relation_name(Relation relation);

// Whether `relation` holds for an order() result (value compared with key).
bool relation_holds(Relation relation, int order_result);

// :value (RFC 5231 4.1): `value` compared with `key` by the comparator's ordering.
bool value_holds(Comparator comparator, Relation relation, std::string_view value,
                 std::string_view key);

// :count (RFC 5231 4.2): the number of values, written in decimal without leading zeros,
// compared with `key` by the comparator's ordering. Scripts normally use i;ascii-numeric;
// with the default i;ascii-casemap the comparison is textual, so a count of 10 is less
// than "9".
bool count_holds(Comparator comparator, Relation relation, std::size_t count,
                 std::string_view key);

// ---------------------------------------------------------------- i;unicode-casemap

// The "titlecased canonicalized UTF-8" form of RFC 5051 2 that i;unicode-casemap compares
// with i;octet: each code point is replaced by its Unicode titlecase mapping and then by
// its full compatibility decomposition. For tests and diagnostics; the comparisons above
// compute it on the fly without building it.
//
// Coverage: the mappings are built in for ASCII, Latin-1 Supplement, Latin Extended-A,
// the titlecase digraphs of Latin Extended-B (U+01C4-U+01CC, U+01F1-U+01F3), Greek and
// Coptic, and Cyrillic with its Supplement. Other code points are kept as they are, and
// combining marks are not reordered into canonical order, so text outside these scripts
// compares case-sensitively. Invalid UTF-8 octets are kept as they are (RFC 5051 treats
// unconvertible text as binary); the valid characters around them are still folded.
std::string unicode_canonical(std::string_view text);

}  // namespace sievegate::policy::match
