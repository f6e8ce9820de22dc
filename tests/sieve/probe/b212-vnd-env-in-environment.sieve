require ["environment", "vnd.dovecot.environment"];
if environment :is "vnd.dovecot.config.x" "y" { keep; }
