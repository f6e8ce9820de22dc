// A self-contained mutation driver for LLVMFuzzerTestOneInput, for compilers without
// libFuzzer (GCC; Debian's ANTLR headers do not compile with clang 14). It loads seed
// scripts, applies random edits (byte flips, deletions, duplications, splices, inserted
// Sieve tokens) and runs the target on each result. Deterministic for a given seed, and
// bounded by an iteration count, so it doubles as a CTest smoke test; built with
// -fsanitize=address,undefined it is a real (if blind) fuzzer.
//
// Usage: lint_mutate ITERATIONS SEED DIR...
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "base/file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

const std::string kTokens[] = {"{", "}", "(", ")", "[", "]", ",", ";", "\"", "\\", ":is ", "not ",
                         "if ", "text:\n", "\n.\n", "/*", "*/", "#", "${", "}", "${hex:",
                         "${unicode:", "99999999999G", ":comparator ", "anyof(", "\r", "\n",
                         "\xFF", std::string(1, '\0'), "require \"variables\";"};

std::string mutate(std::string s, const std::vector<std::string>& seeds, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  int edits = 1 + static_cast<int>(pick(8));
  for (int e = 0; e < edits; ++e) {
    std::size_t at = pick(s.size() + 1);
    switch (pick(6)) {
      case 0:
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:
        if (at < s.size()) s.erase(at, pick(16) + 1);
        break;
      case 2:
        if (at < s.size()) s.insert(at, s.substr(at, pick(32) + 1));
        break;
      case 3: {
        const std::string& other = seeds[pick(seeds.size())];
        std::size_t from = pick(other.size() + 1);
        s.insert(at, other.substr(from, pick(64) + 1));
        break;
      }
      default:
        s.insert(at, kTokens[pick(sizeof kTokens / sizeof kTokens[0])]);
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s ITERATIONS SEED DIR...\n", argv[0]);
    return 2;
  }
  long iterations = std::atol(argv[1]);
  std::mt19937 rng(static_cast<unsigned>(std::atol(argv[2])));
  std::vector<std::string> seeds;
  for (int i = 3; i < argc; ++i) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[i])) {
      if (entry.path().extension() != ".sieve") continue;
      seeds.push_back(sievegate::base::read_file(entry.path().string()).text);
    }
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "no seed scripts found\n");
    return 2;
  }
  for (long n = 0; n < iterations; ++n) {
    std::string input = mutate(seeds[n % seeds.size()], seeds, rng);
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
  std::printf("%ld mutated scripts checked without a crash\n", iterations);
  return 0;
}
