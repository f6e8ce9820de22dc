require "vnd.dovecot.duplicate";
if duplicate :seconds 5 { keep; }
