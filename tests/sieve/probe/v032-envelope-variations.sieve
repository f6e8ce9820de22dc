require "envelope";
if envelope :all :is "from" "" { discard; }
if envelope :domain :is "to" "example.org" { keep; }
if envelope :localpart :matches ["from", "to"] "postmaster*" { keep; }
if envelope "FROM" "a@b.c" { keep; }
