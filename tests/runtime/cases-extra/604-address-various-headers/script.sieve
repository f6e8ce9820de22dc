# purpose: address on Sender/Reply-To/Resent-*/Bcc, display names with commas and @, RFC 2047 names, comments
require ["fileinto", "variables"];
if address :localpart :is "Sender" "owner-list" {
  fileinto "sender-localpart-yes";
} else {
  fileinto "sender-localpart-no";
}
if address :all :is "Reply-To" "jane@hr.example.com" {
  fileinto "replyto-second-yes";
} else {
  fileinto "replyto-second-no";
}
if address :all :contains "Reply-To" "Doe" {
  fileinto "replyto-display-not-addr-yes";
} else {
  fileinto "replyto-display-not-addr-no";
}
if address :domain :is "Resent-From" "relay.example.net" {
  fileinto "resent-from-yes";
} else {
  fileinto "resent-from-no";
}
if address :is "Resent-To" "final@example.org" {
  fileinto "resent-to-yes";
} else {
  fileinto "resent-to-no";
}
if address :is "Resent-Cc" "joerg@example.de" {
  fileinto "resent-cc-2047-yes";
} else {
  fileinto "resent-cc-2047-no";
}
if address :localpart :is "Resent-Sender" "rs" {
  fileinto "resent-sender-yes";
} else {
  fileinto "resent-sender-no";
}
if address :is "Cc" "real@example.com" {
  fileinto "cc-quoted-comma-at-yes";
} else {
  fileinto "cc-quoted-comma-at-no";
}
if address :is "Cc" ["a@b", "c"] {
  fileinto "cc-fake-not-addr-yes";
} else {
  fileinto "cc-fake-not-addr-no";
}
if address :is "Bcc" "hidden@example.net" {
  fileinto "bcc-comment-at-yes";
} else {
  fileinto "bcc-comment-at-no";
}
if address :is "From" "alice@example.com" {
  fileinto "from-comment-after-yes";
} else {
  fileinto "from-comment-after-no";
}
if address :domain :is "From" "EXAMPLE.com" {
  fileinto "from-domain-case-yes";
} else {
  fileinto "from-domain-case-no";
}
if address :localpart :comparator "i;octet" :is "From" "Alice" {
  fileinto "from-localpart-octet-yes";
} else {
  fileinto "from-localpart-octet-no";
}
if address :all :matches "Reply-To" "*" { fileinto "rt-first=${1}"; }
if address :domain :matches "Cc" "*.es" { fileinto "cc-es=${1}"; }
