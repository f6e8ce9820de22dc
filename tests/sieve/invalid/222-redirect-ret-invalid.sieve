# expect: 3:15: :ret must be "FULL" or "HDRS"
require "redirect-dsn";
redirect :ret "ALL" "a@example.org";
