// Every reply sievegate itself writes to a client, by name, in one place: Stalwart
// v0.4's texts where Stalwart has one (../shared/spec/stalwart-stages.md), RFC 5321 codes
// and RFC 3463 enhanced codes. Replies from the backend and from policies are passed on
// as they are and are not listed here.
#pragma once

#include <string>

#include "smtp/reply.h"

namespace sievegate::proxy::replies {

inline const Reply kOk{250, "2.0.0", "OK"};  // NOOP, RSET, an answer owed when nothing else is
inline const Reply kRcptOk{250, "2.1.5", "OK"};  // a recipient the policy took out (nothing relayed)
inline const Reply kQueued{250, "2.0.0", "Message queued for delivery."};  // DATA discarded by policy (Stalwart's success text)
inline const Reply kChunkAccepted{250, "2.6.0", "Chunk accepted."};  // BDAT without LAST
inline const Reply kHelp{214, "2.0.0", "See RFC 5321: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY"};  // HELP
inline const Reply kCannotVrfy{252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"};  // VRFY/EXPN (RFC 5321 3.5.3)
inline const Reply kStartTls{220, "2.0.0", "Ready to start TLS."};  // STARTTLS
inline const Reply kStartData{354, "", "Start mail input; end with <CRLF>.<CRLF>"};  // DATA
inline const Reply kAuthOk{235, "2.7.0", "Authentication succeeded."};
inline const Reply kAuthInvalid{535, "5.7.8", "Authentication credentials invalid."};
inline const Reply kAuthTempFail{454, "4.7.0", "Temporary authentication failure"};  // the directory could not answer
inline const Reply kAuthCancelled{501, "5.7.0", "Authentication cancelled."};  // the client sent *
inline const Reply kAuthBadChallenge{500, "5.5.6", "Invalid challenge."};  // not base64
inline const Reply kAuthMechanism{554, "5.7.8", "Authentication mechanism not supported."};
inline const Reply kAuthNotAllowed{503, "5.5.1", "AUTH not allowed."};  // no mechanism or directory
inline const Reply kAuthAgain{503, "5.5.1", "Already authenticated."};
inline const Reply kAuthInTransaction{503, "5.5.1", "AUTH is not allowed during a mail transaction."};
inline const Reply kAuthNeedsTls{503, "5.5.1", "Clear text authentication without TLS is forbidden."};
inline const Reply kAuthRequired{503, "5.5.1", "You must authenticate first."};  // session.auth.require
inline const Reply kEhloFirst{503, "5.5.1", "Polite people say EHLO first."};
inline const Reply kInvalidEhlo{550, "5.5.0", "Invalid EHLO domain."};  // session.ehlo.reject-non-fqdn
inline const Reply kStartTlsNotOffered{502, "5.5.1", "STARTTLS is not offered here."};
inline const Reply kAlreadyTls{504, "5.7.4", "Already in TLS mode."};
inline const Reply kStartTlsSyntax{501, "5.5.4", "Syntax: STARTTLS"};
inline const Reply kStartTlsInTransaction{503, "5.5.1", "STARTTLS is not allowed during a mail transaction."};
inline const Reply kUnrecognized{500, "5.5.2", "Command unrecognized"};
inline const Reply kLineTooLong{500, "5.5.2", "Line too long."};  // a command line over the limit
inline const Reply kTooManyErrors{421, "4.3.0", "Too many errors, disconnecting."};  // bad commands or refused recipients
inline const Reply kTooManyAuthErrors{421, "4.3.0", "Too many authentication errors, disconnecting."};
inline const Reply kMultipleMail{503, "5.5.1", "Multiple MAIL commands not allowed."};
inline const Reply kMailFirst{503, "5.5.1", "MAIL is required first."};
inline const Reply kRcptFirst{503, "5.5.1", "RCPT is required first."};
inline const Reply kDataAfterBdat{503, "5.5.1", "DATA is not allowed after BDAT."};
inline const Reply kBdatAfterData{503, "5.5.1", "BDAT is not allowed after DATA."};
inline const Reply kBdatNotOffered{502, "5.5.1", "BDAT is not offered here; use DATA."};
inline const Reply kBdatSyntax{501, "5.5.4", "Syntax: BDAT <size> [LAST]; closing the connection."};  // the chunk size is unreadable: the stream is lost
inline const Reply kTooManyMessages{451, "4.4.5", "Maximum number of messages per session exceeded."};  // session.data.limits.messages
inline const Reply kTooManyRecipients{451, "4.5.3", "Too many recipients."};  // session.rcpt.max-recipients
inline const Reply kTooBig{552, "5.3.4", "Message too big for system."};  // session.data.limits.size
inline const Reply kDataLineTooLong{554, "5.3.4", "Line is too long."};  // a message line over 1000 bytes
inline const Reply kLocalProblem{451, "4.3.0", "Temporary local problem, please try again later."};  // spool write failed, policy failed
inline const Reply kBareLineEndBdat{554, "5.6.0", "Bare CR or LF in message data is not allowed."};  // bare-line-ends = refuse, BDAT
inline const Reply kLoop{450, "4.4.6", "Too many Received headers. Possible loop detected."};  // session.data.limits.received-headers
inline const Reply kNextHopFailed{451, "4.4.1", "Delivery to the next hop failed, please try again later."};  // the backend is down, slow or lost
inline const Reply kBackendRefusedMessage{451, "4.4.1", "Backend refused the message, try again later."};  // the backend's answer to DATA was not 354
inline const Reply kRelayNotAllowed{550, "5.1.2", "Relay not allowed."};  // session.rcpt.relay
inline const Reply kNoMailbox{550, "5.1.2", "Mailbox does not exist."};  // session.rcpt.directory
inline const Reply kCannotVerify{451, "4.4.3", "Unable to verify address at this time."};  // the directory could not answer

// With the server's name first (RFC 5321 4.2: 220, 221 and 421 carry the domain).
inline Reply greeting(const std::string& host, const std::string& text) { return Reply(220, "", host + " " + text); }
inline Reply hello(const std::string& host) { return Reply(250, "", host + " says hello"); }
inline Reply bye(const std::string& host) { return Reply(221, "2.0.0", host + " Bye"); }
inline Reply transfer_quota(const std::string& host) { return Reply(421, "4.7.28", host + " Session exceeded transfer quota."); }
inline Reply bare_line_end(const std::string& host) {  // bare-line-ends = refuse, DATA: the session ends
  return Reply(521, "5.5.2", host + " Bare CR or LF in message data is not allowed.");
}
inline Reply inactive(const std::string& host) { return Reply(421, "4.4.2", host + " Disconnecting inactive client."); }
inline Reply too_long(const std::string& host) { return Reply(421, "4.3.2", host + " Session open for too long."); }
// An AUTH challenge (RFC 4954 4): base64 text, empty for PLAIN's first one.
inline Reply challenge(const std::string& base64) { return Reply(334, "", base64); }
inline Reply shutting_down(const std::string& host) {
  return Reply(421, "4.3.2", host + " Server shutting down, please try again later.");
}

}  // namespace sievegate::proxy::replies
