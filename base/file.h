// Reading a whole file, with the operating system's reason when it cannot be read: a
// system failure is a value (the errno), never an exception or a message to match.
#pragma once

#include <string>

namespace sievegate::base {

struct FileText {
  std::string text;  // the file's bytes, unchanged (NULs, CRLF and all)
  int error = 0;     // errno of the failed open or read; 0 when `text` is the whole file

  bool ok() const { return error == 0; }
  // strerror(error), e.g. "No such file or directory"; empty when ok().
  std::string reason() const;
};

// Reads all of `path`. A directory fails with EISDIR.
FileText read_file(const std::string& path);

// Reads `fd` to its end (0: standard input, "-" on a command line); does not close it.
FileText read_fd(int fd);

}  // namespace sievegate::base
