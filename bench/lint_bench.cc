// Lint throughput: how many typical scripts per second one core checks.
//
// Input: every script of tests/sieve/valid (RFC examples and policy scripts, the
// "typical scripts" of the lint target). Baseline in the same run: BM_Baseline_ReadBytes
// touches every byte of the same scripts (a lower bound any front end pays), so the
// reported ratio shows what parsing and checking cost on top.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "base/file.h"
#include "sieve/front/ast_builder.h"
#include "sieve/sieve.h"

namespace {

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> scripts = [] {
    std::vector<std::string> out;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(SIEVEGATE_CORPUS_DIR) + "/valid")) {
      if (entry.path().extension() != ".sieve") continue;
      out.push_back(sievegate::base::read_file(entry.path().string()).text);
    }
    return out;
  }();
  return scripts;
}

void BM_Baseline_ReadBytes(benchmark::State& state) {
  const auto& scripts = corpus();
  for (auto _ : state) {
    for (const std::string& s : scripts) {
      unsigned sum = std::accumulate(s.begin(), s.end(), 0u);
      benchmark::DoNotOptimize(sum);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(scripts.size()));
}
BENCHMARK(BM_Baseline_ReadBytes);

void BM_Parse(benchmark::State& state) {
  const auto& scripts = corpus();
  for (auto _ : state) {
    for (const std::string& s : scripts) {
      auto result = sievegate::policy::parse(s);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(scripts.size()));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// The work of `sievegate lint` per script: parse + check.
void BM_Lint(benchmark::State& state) {
  const auto& scripts = corpus();
  int64_t bytes = 0;
  for (const std::string& s : scripts) bytes += static_cast<int64_t>(s.size());
  for (auto _ : state) {
    for (const std::string& s : scripts) {
      auto result = sievegate::policy::check_source(s);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(scripts.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Lint)->Unit(benchmark::kMillisecond);

// A generated 1,000-line script (many rules), the size an operator's rule set reaches.
void BM_Lint_1000Lines(benchmark::State& state) {
  std::string script = "require [\"fileinto\", \"variables\", \"relational\", \"regex\"];\n";
  for (int i = 0; i < 333; ++i) {
    script += "if header :contains \"subject\" \"word" + std::to_string(i) + "\" {\n";
    script += "  fileinto \"folder" + std::to_string(i % 17) + "\";\n";
    script += "}\n";
  }
  if (sievegate::policy::has_errors(sievegate::policy::check_source(script).diagnostics)) {
    state.SkipWithError("the 1,000-line script does not check clean");
    return;
  }
  for (auto _ : state) {
    auto result = sievegate::policy::check_source(script);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Lint_1000Lines)->Unit(benchmark::kMillisecond);

}  // namespace
