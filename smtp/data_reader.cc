// DATA decoding; see data_reader.h.
#include "smtp/data_reader.h"

#include <cstring>

namespace sievegate::proxy {

// A line ended by a bare CR or LF in kNormalize mode: kept as a CRLF line, and a lone
// "." stays content (it is written "..", i.e. dot-stuffed, so it can never end the data).
void DataReader::end_bare_line() {
  append_line(line_ == "." ? ".." : line_);
  line_.clear();
  after_crlf_ = false;
}

void DataReader::flush() {
  if (!pending_.empty() && !failed_size_ && !failed_line_) message_.append(pending_);
  pending_.clear();
}

void DataReader::append_line(std::string_view line) {
  if (line.size() + 2 > limits_.max_line_length) failed_line_ = true;
  // RFC 5321 4.5.2: a leading dot is removed (transparency).
  if (!line.empty() && line.front() == '.') line.remove_prefix(1);
  if (failed_size_ || failed_line_ || message_.failed()) return;
  if (message_.size() + pending_.size() + line.size() + 2 > limits_.max_message_size) {
    failed_size_ = true;
    message_.clear();
    pending_.clear();
    return;
  }
  // One append per line would be one write(2) per line once spooled: batch them.
  pending_.append(line);
  pending_ += "\r\n";
  if (pending_.size() >= kBatch) flush();
}

// Bytes up to the next CR or LF join the current line in bulk; a line that grows past
// the limit keeps only what the check needs.
void DataReader::add_to_line(std::string_view bytes) {
  std::size_t cap = limits_.max_line_length + 2;
  std::size_t room = line_.size() < cap ? cap - line_.size() : 0;
  if (bytes.size() > room) failed_line_ = true;
  line_.append(bytes.substr(0, room));
}

DataReader::Status DataReader::feed(std::string_view input, std::size_t& used) {
  const std::size_t n = input.size();
  const char* base = input.data();
  auto finish = [&](std::size_t consumed, Status status) {
    used = consumed;
    received_ += consumed;
    return status;
  };
  std::size_t i = 0;
  while (i < n) {
    if (cr_pending_) {
      cr_pending_ = false;
      if (base[i] == '\n') {
        ++i;
        // A complete CRLF line; "." ends the data only if the line before it also
        // ended with CRLF (so <LF>.<CR><LF> and <CR>.<CR><LF> stay content).
        if (line_ == "." && after_crlf_) {
          line_.clear();
          flush();
          if (failed_size_) return finish(i, Status::kTooBig);
          if (failed_line_) return finish(i, Status::kLineTooLong);
          if (message_.failed()) return finish(i, Status::kSpoolFailed);
          return finish(i, Status::kDone);
        }
        append_line(line_ == "." ? ".." : line_);
        line_.clear();
        after_crlf_ = true;
        continue;
      }
      // A bare CR.
      if (limits_.bare_line_ends == BareLineEnds::kRefuse) return finish(i, Status::kBareLineEnd);
      end_bare_line();
      continue;
    }
    // The next CR or LF, found with memchr rather than byte by byte.
    const void* lf = std::memchr(base + i, '\n', n - i);
    std::size_t lf_at = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - base) : n;
    const void* cr = std::memchr(base + i, '\r', lf_at - i);
    std::size_t stop = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - base) : lf_at;
    add_to_line(input.substr(i, stop - i));
    i = stop;
    if (i == n) break;
    if (base[i] == '\r') {
      cr_pending_ = true;
      ++i;
      continue;
    }
    // A bare LF.
    if (limits_.bare_line_ends == BareLineEnds::kRefuse) return finish(i, Status::kBareLineEnd);
    end_bare_line();
    ++i;
  }
  return finish(n, Status::kMore);
}

}  // namespace sievegate::proxy
