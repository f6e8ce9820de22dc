# expect: 2:10: requires the "redirect-dsn" extension
redirect :ret "HDRS" "a@example.org";
