require "body";
if body :raw :comparator "i;octet" :matches "*X*" { keep; }
