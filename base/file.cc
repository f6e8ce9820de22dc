#include "base/file.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sievegate::base {

// The same text as strerror(), without its shared buffer (the loader also runs on reload).
std::string FileText::reason() const { return ok() ? std::string() : std::generic_category().message(error); }

FileText read_fd(int fd) {
  FileText file;
  // Read straight into the string, sized for a regular file's length (one byte more, so
  // the read that meets the end needs no growth) and doubled when it fills up.
  std::size_t size = 16384;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) size = static_cast<std::size_t>(st.st_size) + 1;
  std::size_t used = 0;
  file.text.resize(size);
  while (true) {
    if (used == file.text.size()) file.text.resize(2 * used);
    ssize_t n = ::read(fd, file.text.data() + used, file.text.size() - used);
    if (n > 0) {
      used += static_cast<std::size_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      file.error = errno;
      used = 0;
      break;
    }
  }
  file.text.resize(used);
  return file;
}

FileText read_file(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    FileText failed;
    failed.error = errno;
    return failed;
  }
  FileText file = read_fd(fd);
  ::close(fd);
  return file;
}

}  // namespace sievegate::base
