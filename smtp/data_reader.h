// The DATA phase decoder (RFC 5321 4.1.1.4, 4.5.2): finds the end of the message,
// removes dot-stuffing and keeps hostile input bounded, fed with bytes as they arrive.
//
// SMTP smuggling is impossible by construction: only <CR><LF>.<CR><LF> ends the data.
// A bare LF or bare CR anywhere in the data is either taken as a line end and relayed as
// CRLF (the default, as Postfix >= 3.9's smtpd_forbid_bare_newline = normalize; a "."
// line ended by a bare line end is content, relayed dot-stuffed, never the end of the
// message) or, with bare-line-ends = "refuse", refused: the message is rejected and the
// session closed, since client and backend may disagree about where it ends.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "smtp/spool.h"

namespace sievegate::proxy {

enum class BareLineEnds {
  kNormalize,  // a line end: relayed as CRLF (the default)
  kRefuse,     // reject the message (RFC 5321 2.3.8: bare CR/LF are not allowed)
};

struct DataLimits {
  std::size_t max_message_size = 26214400;  // bytes after unstuffing (Stalwart default 25 MiB)
  std::size_t max_line_length = 1000;       // RFC 5321 4.5.3.1.6, including CRLF
  BareLineEnds bare_line_ends = BareLineEnds::kNormalize;
  SpoolConfig spool;                        // where a big message is kept while received
};

class DataReader {
 public:
  enum class Status {
    kMore,          // keep feeding
    kDone,          // the end sequence was seen; message() is complete
    kTooBig,        // over max_message_size: consumed to the end, nothing kept
    kLineTooLong,   // a line over max_line_length: consumed to the end
    kBareLineEnd,   // a bare CR or LF with kRefuse: stop reading, close the session
    kSpoolFailed,   // the spool file could not be written: consumed to the end, 4xx
  };

  explicit DataReader(DataLimits limits) : limits_(limits), message_(limits_.spool) {}

  // Consumes bytes from `input`; returns how many were used (the rest belongs to the
  // commands after the data, e.g. pipelined QUIT) through `used`.
  Status feed(std::string_view input, std::size_t& used);

  // The message without dot-stuffing, CRLF line ends; valid after kDone.
  std::string_view message() const { return message_.view(); }
  MessageBuffer take_message() { return std::move(message_); }
  std::size_t received_bytes() const { return received_; }

 private:
  void append_line(std::string_view line);
  void add_to_line(std::string_view bytes);
  void flush();
  static constexpr std::size_t kBatch = 64 * 1024;
  void end_bare_line();

  DataLimits limits_;
  MessageBuffer message_;
  std::string pending_;      // lines not yet appended to message_
  std::string line_;         // the current line, without its line end
  bool cr_pending_ = false;  // a CR was the last byte seen
  bool after_crlf_ = true;   // the current line began after a CRLF (or the DATA reply)
  bool failed_size_ = false;
  bool failed_line_ = false;
  std::size_t received_ = 0;
};

}  // namespace sievegate::proxy
