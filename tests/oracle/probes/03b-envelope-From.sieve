require "envelope";
if envelope "From" "x" { keep; }
