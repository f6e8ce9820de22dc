require ["variables","vnd.dovecot.environment"];
set "x" "${env.remote_ip}";
