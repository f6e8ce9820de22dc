debug_log "x";
