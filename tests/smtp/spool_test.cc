// Message buffers (memory, then an unlinked spool file) and the chunked relay source
// (dot-stuffing across chunk boundaries), against a one-pass reference.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "smtp/data_reader.h"
#include "smtp/spool.h"

using namespace sievegate::proxy;

namespace {

// RFC 5321 4.5.2 in one pass: the reference the chunked source must match.
std::string stuff_reference(const std::string& m) {
  std::string out;
  bool line_start = true;
  for (char c : m) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!m.empty() && m.back() != '\n') out += "\r\n";
  return out + ".\r\n";
}

std::string drain(RelaySource& source, std::size_t chunk) {
  std::string out;
  for (int guard = 0; guard < 1000000 && source.next(out, chunk); ++guard) {
  }
  return out;
}

}  // namespace

TEST_CASE("spool: small messages stay in memory, big ones go to a file", "[proxy][spool]") {
  SpoolConfig config;
  config.threshold = 100;
  MessageBuffer m(config);
  REQUIRE(m.append(std::string(60, 'a')));
  CHECK(!m.spooled());
  REQUIRE(m.append(std::string(60, 'b')));
  CHECK(m.spooled());
  CHECK(m.size() == 120);
  CHECK(m.view() == std::string(60, 'a') + std::string(60, 'b'));
  REQUIRE(m.append("tail"));
  CHECK(m.view().substr(120) == "tail");  // remapped after the append
  MessageBuffer moved = std::move(m);
  CHECK(moved.size() == 124);
  CHECK(m.size() == 0);
  moved.clear();
  CHECK(!moved.spooled());
  CHECK(moved.view().empty());
}

TEST_CASE("spool: an unusable spool directory fails the message, not the process", "[proxy][spool]") {
  SpoolConfig config;
  config.threshold = 4;
  config.dir = "/nonexistent/spool";
  MessageBuffer m(config);
  CHECK(m.append("abc"));
  CHECK(!m.append("defgh"));
  CHECK(m.failed());
  DataLimits limits;
  limits.spool = config;
  DataReader reader(limits);
  std::size_t used = 0;
  CHECK(reader.feed("Subject: x\r\n\r\nbody\r\n.\r\n", used) == DataReader::Status::kSpoolFailed);
}

TEST_CASE("spool: the relay source dot-stuffs across any chunk size", "[proxy][spool]") {
  std::mt19937 rng(5321);
  const std::string alphabet = ".\r\nab";
  for (int round = 0; round < 300; ++round) {
    std::string m;
    std::size_t len = rng() % 200;
    for (std::size_t i = 0; i < len; ++i) m += alphabet[rng() % alphabet.size()];
    SpoolConfig config;
    config.threshold = rng() % 2 ? 0 : 1 << 20;  // half of them through a file
    MessageBuffer buffer(config);
    REQUIRE(buffer.append(m));
    std::size_t chunk = 1 + rng() % 17;
    RelaySource source(std::move(buffer), true);
    INFO("round " << round << " chunk " << chunk);
    CHECK(drain(source, chunk) == stuff_reference(m));
  }
}

TEST_CASE("spool: BDAT relay sends the bytes as they are", "[proxy][spool]") {
  std::string m = ".leading dot\r\n.\r\nno end";
  RelaySource source(MessageBuffer::from(m), false);
  CHECK(drain(source, 5) == m);
}
