// base::read_file: a whole file byte for byte, or the OS's reason why not.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "base/file.h"

using sievegate::base::FileText;
using sievegate::base::read_file;

namespace {

// A fresh directory under TMPDIR, removed with what it holds.
struct TempDir {
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/base_file_test.XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string path;
};

}  // namespace

TEST_CASE("read_file: a missing file is ENOENT with the OS's reason") {
  TempDir dir;
  FileText file = read_file(dir.path + "/missing.toml");
  CHECK_FALSE(file.ok());
  CHECK(file.error == ENOENT);
  CHECK(file.reason() == "No such file or directory");
  CHECK(file.text.empty());
}

TEST_CASE("read_file: a directory is EISDIR") {
  TempDir dir;
  FileText file = read_file(dir.path);
  CHECK(file.error == EISDIR);
  CHECK(file.reason() == "Is a directory");
}

TEST_CASE("read_file: binary content comes back byte for byte") {
  TempDir dir;
  std::string bytes;
  for (int i = 0; i < 200000; ++i) bytes += static_cast<char>((i * 7) % 256);  // NULs, CR, LF, 0xFF
  bytes.insert(0, std::string("a\0b\r\n", 5));
  {
    std::ofstream out(dir.path + "/blob", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  FileText file = read_file(dir.path + "/blob");
  REQUIRE(file.ok());
  CHECK(file.reason().empty());
  CHECK(file.text.size() == bytes.size());
  CHECK(file.text == bytes);
}

TEST_CASE("read_file: an empty file is ok and empty") {
  TempDir dir;
  { std::ofstream out(dir.path + "/empty"); }
  FileText file = read_file(dir.path + "/empty");
  CHECK(file.ok());
  CHECK(file.text.empty());
}
