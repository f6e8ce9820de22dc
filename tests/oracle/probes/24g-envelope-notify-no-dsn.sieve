require "envelope";
if envelope "notify" "x" { keep; }
