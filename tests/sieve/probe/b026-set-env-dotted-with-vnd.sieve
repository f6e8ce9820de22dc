require ["variables", "vnd.dovecot.environment"];
set "env.x" "y";
