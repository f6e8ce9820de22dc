require ["variables", "vnd.dovecot.environment", "environment"];
if environment :is "vnd.dovecot.default-mailbox" "INBOX" { keep; }
set "u" "${env.user}";
