require "variables";
if address :domain :matches "from" "*" { set "d" "${1}"; }
