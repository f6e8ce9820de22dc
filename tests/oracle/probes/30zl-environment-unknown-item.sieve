require "environment";
if environment "nope" "x" { keep; }
