require "subaddress";
if address :detail "to" "" { keep; }
if address :user :contains ["to", "cc"] "sales" { keep; }
if address :detail :matches "to" "*" { keep; }
