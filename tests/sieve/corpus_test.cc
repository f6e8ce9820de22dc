// The language corpora: tests/sieve/valid/*.sieve must lint clean; each
// tests/sieve/invalid/*.sieve starts with one or more lines
//   # expect: LINE:COL: message fragment
// and must give an error at exactly that position whose message contains the fragment.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "sieve/sieve.h"

namespace fs = std::filesystem;
using namespace sievegate::policy;

namespace {

std::vector<fs::path> scripts_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sieve") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const fs::path& p) { return sievegate::base::read_file(p.string()).text; }

std::string render(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
           severity_name(d.severity) + ": " + d.message + "\n";
  }
  return out;
}

struct Expectation {
  std::uint32_t line = 0, column = 0;
  std::string fragment;
};

std::vector<Expectation> expectations(const std::string& source) {
  std::vector<Expectation> out;
  std::istringstream in(source);
  std::string text;
  const std::string prefix = "# expect: ";
  while (std::getline(in, text) && text.rfind(prefix, 0) == 0) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    Expectation e;
    std::string rest = text.substr(prefix.size());
    std::size_t colon1 = rest.find(':');
    std::size_t colon2 = rest.find(':', colon1 + 1);
    if (colon1 == std::string::npos || colon2 == std::string::npos) break;
    e.line = static_cast<std::uint32_t>(std::stoul(rest.substr(0, colon1)));
    e.column = static_cast<std::uint32_t>(std::stoul(rest.substr(colon1 + 1, colon2 - colon1 - 1)));
    e.fragment = rest.substr(colon2 + 1);
    e.fragment.erase(0, e.fragment.find_first_not_of(' '));
    out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: valid scripts lint clean") {
  auto files = scripts_in(fs::path(SIEVEGATE_CORPUS_DIR) / "valid");
  REQUIRE(files.size() >= 150);
  for (const fs::path& file : files) {
    CheckResult result = check_source(read_file(file));
    INFO(file.filename().string() << "\n" << render(result.diagnostics));
    CHECK(result.diagnostics.empty());
  }
}

TEST_CASE("corpus: invalid scripts give the expected error at the expected place") {
  auto files = scripts_in(fs::path(SIEVEGATE_CORPUS_DIR) / "invalid");
  REQUIRE(files.size() >= 100);
  for (const fs::path& file : files) {
    std::string source = read_file(file);
    auto expected = expectations(source);
    CheckResult result = check_source(source);
    INFO(file.filename().string() << "\n" << render(result.diagnostics));
    REQUIRE_FALSE(expected.empty());
    CHECK(has_errors(result.diagnostics));
    for (const Expectation& e : expected) {
      INFO("expected " << e.line << ":" << e.column << ": " << e.fragment);
      bool found = std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                               [&](const Diagnostic& d) {
                                 return d.severity == Severity::kError && d.pos.line == e.line &&
                                        d.pos.column == e.column &&
                                        d.message.find(e.fragment) != std::string::npos;
                               });
      CHECK(found);
    }
  }
}
