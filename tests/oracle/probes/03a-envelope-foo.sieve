require "envelope";
if envelope "foo" "x" { keep; }
