require ["environment", "vnd.dovecot.environment", "variables", "fileinto"];
if environment :is "vnd.dovecot.default-mailbox" "INBOX" {
  fileinto "default-mailbox-yes";
} else {
  fileinto "default-mailbox-no";
}
if environment :matches "vnd.dovecot.default-mailbox" "*" { fileinto "dm=${1}"; }
fileinto "env=${env.vnd.dovecot.default-mailbox}";
