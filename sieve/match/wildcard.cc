// :matches (RFC 5228 2.7.1) with RFC 5229 3.2 match variables, and :quotewildcard
// (RFC 5229 4.1).
//
// The matcher walks pattern and value once, left to right. A literal run (the text
// between two wildcards) is placed at the first position where it fits, "?" takes one
// character, and "*" starts out empty. When the rest of the pattern fails, only the most
// recent "*" grows by one character and matching resumes after it. Earlier "*" never need
// to change: anything a later placement could gain by growing them, the most recent "*"
// can absorb itself. This gives every wildcard the shortest extent, leftmost first, which
// is what RFC 5229 3.2's examples show, and bounds the work: the resume point only ever
// moves forward, so there are at most |value| resumptions, each re-reading at most the
// stretch of pattern up to the next "*". The total is O(|value| x |longest stretch
// between two "*"|), with no recursion and no allocation (except for the capture list,
// when asked for).
#include "sieve/match/match.h"

#include "sieve/match/canonical.h"

namespace sievegate::policy::match {
namespace {

using internal::kNpos;

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// End of the literal run starting at `p`: the next "*" or "?" that is not escaped.
std::size_t run_end(std::string_view pattern, std::size_t p) {
  while (p < pattern.size()) {
    const char c = pattern[p];
    if (c == '*' || c == '?') break;
    // An escape and its character stay together (a UTF-8 continuation octet is never
    // '*', '?' or '\', so skipping one octet past the escape is enough).
    p += (c == '\\' && p + 1 < pattern.size()) ? 2u : 1u;
  }
  return p;
}

std::size_t count_wildcards(std::string_view pattern) {
  std::size_t n = 0;
  for (std::size_t p = 0; p < pattern.size(); ++p) {
    if (pattern[p] == '\\') {
      ++p;
    } else if (pattern[p] == '*' || pattern[p] == '?') {
      ++n;
    }
  }
  return n;
}

// The first value position >= from where the literal run at pattern[p] can start (its
// first canonical octet fits), or kNpos. Lets a growing "*" skip hopeless positions.
template <class Fold>
std::size_t next_candidate(std::string_view value, std::size_t from, std::string_view pattern,
                           std::size_t p) {
  const unsigned char first = internal::first_octet<Fold, true>(pattern, p);
  for (std::size_t v = from; v < value.size(); v += Fold::char_length(value, v)) {
    if (internal::first_octet<Fold, false>(value, v) == first) return v;
  }
  return kNpos;
}

template <class Fold>
bool wildcard_match(std::string_view value, std::string_view pattern, Span* spans) {
  const std::size_t n = value.size();
  const std::size_t m = pattern.size();
  std::size_t p = 0;  // pattern position
  std::size_t v = 0;  // value position
  std::size_t w = 0;  // index of the next wildcard, for spans
  // The most recent "*": the pattern position after it, its wildcard index, and the value
  // position where its extent ends (it grows by one character per resumption).
  std::size_t star_p = kNpos;
  std::size_t star_w = 0;
  std::size_t star_end = 0;

  for (;;) {
    if (p < m) {
      const char c = pattern[p];
      if (c == '*') {
        if (spans != nullptr) spans[w] = {v, v};
        star_p = ++p;
        star_w = w++;
        star_end = v;
        if (p == m) {  // a trailing "*" takes the rest of the value at once
          if (spans != nullptr) spans[star_w].end = n;
          return true;
        }
        continue;
      }
      if (c == '?') {
        if (v < n) {
          const std::size_t length = Fold::char_length(value, v);
          if (spans != nullptr) spans[w] = {v, v + length};
          ++w;
          ++p;
          v += length;
          continue;
        }
      } else {
        const std::size_t end = run_end(pattern, p);
        const std::size_t after = internal::match_literal<Fold, true>(value, v, pattern, p, end);
        if (after != kNpos) {
          p = end;
          v = after;
          continue;
        }
      }
    } else if (v == n) {
      return true;
    }

    // Mismatch, or pattern used up before the value: grow the most recent "*".
    if (star_p == kNpos || star_end >= n) return false;
    star_end += Fold::char_length(value, star_end);
    if (pattern[star_p] != '*' && pattern[star_p] != '?') {
      star_end = next_candidate<Fold>(value, star_end, pattern, star_p);
      if (star_end == kNpos) return false;
    }
    if (spans != nullptr) spans[star_w].end = star_end;
    p = star_p;
    v = star_end;
    w = star_w + 1;
  }
}

template <class Fold>
bool run(std::string_view value, std::string_view pattern, std::vector<std::string>* captures) {
  if (captures == nullptr) return wildcard_match<Fold>(value, pattern, nullptr);
  std::vector<Span> spans(count_wildcards(pattern));
  if (!wildcard_match<Fold>(value, pattern, spans.data())) return false;
  captures->clear();
  captures->reserve(spans.size() + 1);
  captures->emplace_back(value);
  for (const Span& s : spans) captures->emplace_back(value.substr(s.begin, s.end - s.begin));
  return true;
}

}  // namespace

bool matches(Comparator comparator, std::string_view value, std::string_view pattern,
             std::vector<std::string>* captures) {
  switch (comparator) {
    case Comparator::kOctet: return run<internal::OctetFold>(value, pattern, captures);
    case Comparator::kAsciiCasemap: return run<internal::AsciiFold>(value, pattern, captures);
    case Comparator::kUnicodeCasemap: return run<internal::UnicodeFold>(value, pattern, captures);
    case Comparator::kAsciiNumeric: return false;  // no substring operation (RFC 4790 9.1)
  }
  return false;
}

std::string wildcard_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '*' || c == '?' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace sievegate::policy::match
