// DATA decoding; see data_reader.h.
#include "proxy/data_reader.h"

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

DataReader::Status DataReader::feed(std::string_view input, std::size_t& used) {
  used = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    ++received_;
    if (cr_pending_) {
      cr_pending_ = false;
      if (c == '\n') {
        // A complete CRLF line; "." ends the data only if the line before it also
        // ended with CRLF (so <LF>.<CR><LF> and <CR>.<CR><LF> stay content).
        if (line_ == "." && after_crlf_) {
          used = i + 1;
          line_.clear();
          flush();
          if (failed_size_) return Status::kTooBig;
          if (failed_line_) return Status::kLineTooLong;
          if (message_.failed()) return Status::kSpoolFailed;
          return Status::kDone;
        }
        append_line(line_ == "." ? ".." : line_);
        line_.clear();
        after_crlf_ = true;
        continue;
      }
      // A bare CR.
      if (limits_.bare_line_ends == BareLineEnds::kRefuse) {
        used = i;
        return Status::kBareLineEnd;
      }
      end_bare_line();
    }
    if (c == '\r') {
      cr_pending_ = true;
      continue;
    }
    if (c == '\n') {  // a bare LF
      if (limits_.bare_line_ends == BareLineEnds::kRefuse) {
        used = i;
        return Status::kBareLineEnd;
      }
      end_bare_line();
      continue;
    }
    // Guard memory on a line that never ends: keep only what the limit check needs.
    if (line_.size() < limits_.max_line_length + 2) {
      line_ += c;
    } else {
      failed_line_ = true;
    }
  }
  used = input.size();
  return Status::kMore;
}

}  // namespace sievegate::proxy
