require "vnd.dovecot.duplicate";
if duplicate :header "X-Id" { discard; }
