// libFuzzer target for the front end: any byte string must give diagnostics or a
// checked script, never a crash, a hang or unbounded memory.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DSIEVEGATE_FUZZ=ON
// Run:   build-fuzz/tests/fuzz/lint_fuzz -max_len=4096 tests/sieve/valid tests/sieve/invalid
// A crash input found this way becomes a file in tests/sieve/regression/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sieve/sieve.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto result = sievegate::policy::check_source(source);
  (void)result;
  return 0;
}
