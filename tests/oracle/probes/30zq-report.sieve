require "vnd.dovecot.report";
report "abuse" "msg" "a@b";
