require "envelope";
if envelope "auth" "x" { keep; }
