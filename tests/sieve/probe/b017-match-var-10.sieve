require "variables";
if header :matches "subject" "*" { set "x" "${10}"; }
