require "envelope";
if envelope "" "x" { keep; }
