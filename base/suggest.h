// "Did you mean": the known name closest to a misspelt one, for every diagnostic that
// names something unknown (Sieve commands, tests, tags, extensions; config keys,
// operators, context keys, scripts, remotes, directories). One rule for all of them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sievegate::base {

// Levenshtein distance.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The candidate closest to `word`, compared in lower case with '_' read as '-'
// ("rcpt_domain" -> "rcpt-domain"): within 1 edit for words of up to 3 characters, 2 for
// longer ones, 3 beyond 8 (a transposition, "hedaer", costs 2). "" when none is close.
template <typename Names>
std::string closest(std::string_view word, const Names& candidates) {
  std::string normalized(word);
  for (char& c : normalized) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  std::size_t allowed = word.size() <= 3 ? 1 : word.size() <= 8 ? 2 : 3;
  std::size_t best_distance = allowed + 1;
  std::string best;
  for (const auto& candidate : candidates) {
    std::string_view c(candidate);
    std::size_t d = std::min(edit_distance(word, c), edit_distance(normalized, c));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

// " (did you mean 'x'?)", or "" without a suggestion; `quote` as the language writes it.
inline std::string did_you_mean(std::string_view suggestion, char quote = '\'') {
  if (suggestion.empty()) return "";
  return std::string(" (did you mean ") + quote + std::string(suggestion) + quote + "?)";
}

}  // namespace sievegate::base
