require "vnd.dovecot.duplicate";
if duplicate :handle "a" { discard; }
