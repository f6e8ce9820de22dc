// StageLimits (session.h): the settings rules decided for one stage, merged and applied.
#include "smtp/session.h"

namespace sievegate::proxy {

void StageLimits::merge(const StageLimits& later) {
  auto take = [](auto& mine, const auto& theirs) {
    if (theirs) mine = theirs;
  };
  take(pipelining, later.pipelining);
  take(chunking, later.chunking);
  take(dsn, later.dsn);
  take(eight_bit, later.eight_bit);
  take(smtputf8, later.smtputf8);
  take(auth_require, later.auth_require);
  take(auth_allow_plain_text, later.auth_allow_plain_text);
  take(max_message_size, later.max_message_size);
  take(max_messages, later.max_messages);
  take(max_recipients, later.max_recipients);
  take(relay, later.relay);
  take(rcpt_directory, later.rcpt_directory);
  take(max_received_headers, later.max_received_headers);
  take(add_received, later.add_received);
}

void StageLimits::apply(SessionConfig& c) const {
  if (pipelining) c.pipelining = *pipelining;
  if (chunking) c.chunking = *chunking;
  if (dsn) c.dsn_setting = *dsn;
  if (eight_bit) c.eight_bit_setting = *eight_bit;
  if (smtputf8) c.smtputf8_setting = *smtputf8;
  if (auth_require) c.auth.require = *auth_require;
  if (auth_allow_plain_text) c.auth.allow_plain_text = *auth_allow_plain_text;
  if (max_message_size) c.data.max_message_size = *max_message_size;
  if (max_messages) c.max_messages = *max_messages;
  if (max_recipients) c.max_recipients = *max_recipients;
  if (relay) c.relay = *relay;
  if (rcpt_directory) c.rcpt_directory = *rcpt_directory;
  if (max_received_headers) c.max_received_headers = *max_received_headers;
  if (add_received) c.add_received = *add_received;
}

}  // namespace sievegate::proxy
