// :regex (draft-ietf-sieve-regex-01) on RE2, and :quoteregex.
//
// The draft specifies POSIX extended regular expressions as regcomp()/regexec() see them.
// RE2 in POSIX mode accepts that syntax (the checker validates constant keys in the same
// mode, so a key it accepts compiles here) and matches in linear time, so a hostile
// message cannot make a rule backtrack. The options below reproduce regexec()'s semantics where RE2's defaults
// differ: leftmost-longest matches, "." matching a newline, "^"/"$" only at the ends.
#include "sieve/match/match.h"

#include <re2/re2.h>

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sievegate::policy::match {

Regex::Regex(std::shared_ptr<const re2::RE2> program) : program_(std::move(program)) {}

std::optional<Regex> Regex::compile(std::string_view pattern, Comparator comparator,
                                    std::string* error) {
  if (!supports_substring(comparator)) {
    if (error != nullptr) {
      *error = "comparator \"" + std::string(comparator_name(comparator)) +
               "\" cannot be used with :regex";
    }
    return std::nullopt;
  }
  RE2::Options options;
  options.set_posix_syntax(true);
  options.set_longest_match(true);  // POSIX: leftmost-longest, as regexec()
  // GNU regcomp (what scripts are checked against) also knows \w \s \b \B; accept
  // the same classes so such patterns run.
  options.set_perl_classes(true);
  options.set_word_boundary(true);
  options.set_dot_nl(true);         // no REG_NEWLINE: "." matches "\n"
  options.set_one_line(true);       // no REG_NEWLINE: "^" and "$" only at the ends
  options.set_log_errors(false);
  options.set_case_sensitive(comparator == Comparator::kOctet);
  auto program = std::make_shared<const re2::RE2>(
      re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!program->ok()) {
    if (error != nullptr) *error = program->error();
    return std::nullopt;
  }
  return Regex(std::move(program));
}

int Regex::group_count() const { return program_->NumberOfCapturingGroups(); }

bool Regex::match(std::string_view value, std::vector<std::string>* captures) const {
  const re2::StringPiece text(value.data(), value.size());
  if (captures == nullptr) {
    // Without submatches RE2 can answer from its DFA alone, the fastest path.
    return program_->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
  }
  const int groups = group_count() + 1;
  // RFC 5229 3.2 asks for ${0}..${9}; a few more fit on the stack, the rest go to the heap.
  std::array<re2::StringPiece, 16> small;
  std::vector<re2::StringPiece> large;
  re2::StringPiece* parts = small.data();
  if (groups > static_cast<int>(small.size())) {
    large.resize(static_cast<std::size_t>(groups));
    parts = large.data();
  }
  if (!program_->Match(text, 0, text.size(), RE2::UNANCHORED, parts, groups)) return false;
  captures->clear();
  captures->reserve(static_cast<std::size_t>(groups));
  for (int i = 0; i < groups; ++i) {
    // A group that took no part has a null data pointer: its variable is "".
    captures->emplace_back(parts[i].data() == nullptr ? std::string()
                                                      : std::string(parts[i].data(), parts[i].size()));
  }
  return true;
}

std::string regex_quote(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\.[](){}*+?^$|";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (kSpecial.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace sievegate::policy::match
