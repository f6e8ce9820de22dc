require "environment";
if environment "x-custom-item" "x" { keep; }
