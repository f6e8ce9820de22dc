// Comparators (RFC 4790, RFC 5051): names, equality (:is), ordering (:value) and
// substring (:contains). See match.h for the contract of each function.
#include "sieve/match/match.h"

#include <cstdint>
#include <cstring>

#include "sieve/match/canonical.h"

namespace sievegate::policy::match {
namespace {

using internal::AsciiFold;
using internal::kNpos;
using internal::OctetFold;
using internal::Stream;
using internal::UnicodeFold;

int sign(int v) { return (v > 0) - (v < 0); }

// i;ascii-casemap equality is the commonest test of all (":is" is the default match type
// and i;ascii-casemap the default comparator), so it folds eight octets at a time.
std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Maps the octets 'a'..'z' of a word to 'A'..'Z'. No octet carries into its neighbour:
// the additions stay below 0x100 because the high bits are cleared first, and 0x20 is
// only subtracted from octets that are at least 'a'.
std::uint64_t ascii_upper8(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = kOnes * 0x80;
  const std::uint64_t low7 = x & ~kHigh;
  const std::uint64_t at_least_a = low7 + kOnes * (0x80 - 'a');  // high bit: >= 'a'
  const std::uint64_t above_z = low7 + kOnes * (0x80 - 'z' - 1);  // high bit: > 'z'
  const std::uint64_t lower = at_least_a & ~above_z & ~x & kHigh;  // and < 0x80
  return x - (lower >> 2);                                         // 0x80 >> 2 == 0x20
}

bool equals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    const std::uint64_t wa = load64(a.data() + i);
    const std::uint64_t wb = load64(b.data() + i);
    if (wa != wb && ascii_upper8(wa) != ascii_upper8(wb)) return false;
  }
  for (; i < a.size(); ++i) {
    if (internal::ascii_upper(static_cast<unsigned char>(a[i])) !=
        internal::ascii_upper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Octet-unit comparators: compare folded octets, a proper prefix first (RFC 4790 9.3).
template <class Fold>
int order_octets(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const int ca = Fold::fold(static_cast<unsigned char>(a[i]));
    const int cb = Fold::fold(static_cast<unsigned char>(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return sign(static_cast<int>(a.size() > b.size()) - static_cast<int>(a.size() < b.size()));
}

// i;unicode-casemap: i;octet ordering of the canonical streams (RFC 5051 2).
int order_unicode(std::string_view a, std::string_view b) {
  Stream<UnicodeFold, false> sa(a, 0, a.size());
  Stream<UnicodeFold, false> sb(b, 0, b.size());
  for (;;) {
    const int ca = sa.next();
    const int cb = sb.next();
    if (ca != cb) return ca < cb ? -1 : 1;  // -1 marks the end, so a prefix sorts first
    if (ca < 0) return 0;
  }
}

// RFC 4790 9.1: the value of a string is the number formed by its leading digits, or
// positive infinity if it has none. Comparing digit strings without their leading zeros
// by length and then octet-wise compares the numbers, however long.
std::string_view numeric_digits(std::string_view s, bool& infinite) {
  std::size_t end = 0;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  infinite = end == 0;
  std::size_t start = 0;
  while (start < end && s[start] == '0') ++start;
  return s.substr(start, end - start);
}

int order_numeric(std::string_view a, std::string_view b) {
  bool ia = false;
  bool ib = false;
  std::string_view da = numeric_digits(a, ia);
  std::string_view db = numeric_digits(b, ib);
  if (ia || ib) return static_cast<int>(ia) - static_cast<int>(ib);
  if (da.size() != db.size()) return da.size() < db.size() ? -1 : 1;
  return sign(da.compare(db));
}

// :contains for octet units. For i;octet, and for i;ascii-casemap keys without letters,
// glibc's memmem (two-way: linear) does the work; otherwise each start position is tried,
// skipping quickly to the positions whose first octet fits.
template <class Fold>
bool contains_octets(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  const unsigned char first = Fold::fold(static_cast<unsigned char>(needle[0]));
  const std::size_t last_start = haystack.size() - needle.size();
  for (std::size_t i = 0; i <= last_start; ++i) {
    if (Fold::fold(static_cast<unsigned char>(haystack[i])) != first) continue;
    if (internal::match_literal<Fold, false>(haystack, i, needle, 0, needle.size()) != kNpos) {
      return true;
    }
  }
  return false;
}

bool has_ascii_letter(std::string_view s) {
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

bool memmem_contains(std::string_view haystack, std::string_view needle) {
  return ::memmem(haystack.data(), haystack.size(), needle.data(), needle.size()) != nullptr;
}

// :contains for i;unicode-casemap: a match starts and ends on character boundaries.
bool contains_unicode(std::string_view haystack, std::string_view needle) {
  const unsigned char first = internal::first_octet<UnicodeFold, false>(needle, 0);
  for (std::size_t i = 0; i < haystack.size(); i += UnicodeFold::char_length(haystack, i)) {
    if (internal::first_octet<UnicodeFold, false>(haystack, i) != first) continue;
    if (internal::match_literal<UnicodeFold, false>(haystack, i, needle, 0, needle.size()) !=
        kNpos) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Comparator> comparator_from_name(std::string_view name) {
  if (name == "i;octet") return Comparator::kOctet;
  if (name == "i;ascii-casemap") return Comparator::kAsciiCasemap;
  if (name == "i;ascii-numeric") return Comparator::kAsciiNumeric;
  if (name == "i;unicode-casemap") return Comparator::kUnicodeCasemap;
  return std::nullopt;
}

std::string_view comparator_name(Comparator comparator) {
  switch (comparator) {
    case Comparator::kOctet: return "i;octet";
    case Comparator::kAsciiCasemap: return "i;ascii-casemap";
    case Comparator::kAsciiNumeric: return "i;ascii-numeric";
    case Comparator::kUnicodeCasemap: return "i;unicode-casemap";
  }
  return "";
}

bool supports_substring(Comparator comparator) {
  return comparator != Comparator::kAsciiNumeric;
}

bool equals(Comparator comparator, std::string_view a, std::string_view b) {
  switch (comparator) {
    case Comparator::kOctet: return a == b;
    case Comparator::kAsciiCasemap: return equals_ascii(a, b);
    case Comparator::kAsciiNumeric: return order_numeric(a, b) == 0;
    case Comparator::kUnicodeCasemap: return order_unicode(a, b) == 0;
  }
  return false;
}

int order(Comparator comparator, std::string_view a, std::string_view b) {
  switch (comparator) {
    case Comparator::kOctet: return order_octets<OctetFold>(a, b);
    case Comparator::kAsciiCasemap: return order_octets<AsciiFold>(a, b);
    case Comparator::kAsciiNumeric: return order_numeric(a, b);
    case Comparator::kUnicodeCasemap: return order_unicode(a, b);
  }
  return 0;
}

bool contains(Comparator comparator, std::string_view haystack, std::string_view needle) {
  if (comparator == Comparator::kAsciiNumeric) return false;
  if (needle.empty()) return true;  // RFC 5228 2.7.1: "" is contained in all values
  switch (comparator) {
    case Comparator::kOctet: return memmem_contains(haystack, needle);
    case Comparator::kAsciiCasemap:
      return has_ascii_letter(needle) ? contains_octets<AsciiFold>(haystack, needle)
                                      : memmem_contains(haystack, needle);
    case Comparator::kUnicodeCasemap: return contains_unicode(haystack, needle);
    case Comparator::kAsciiNumeric: break;
  }
  return false;
}

}  // namespace sievegate::policy::match
