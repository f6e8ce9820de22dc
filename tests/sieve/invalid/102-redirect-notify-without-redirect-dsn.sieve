# expect: 2:10: requires the "redirect-dsn" extension
redirect :notify "NEVER" "a@example.org";
