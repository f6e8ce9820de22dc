require "subaddress";
if address :detail :domain "to" "x" { keep; }
