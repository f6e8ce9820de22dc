require "vnd.dovecot.debug";
debug_log "reached rule 1";
