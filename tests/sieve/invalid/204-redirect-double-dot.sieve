# expect: 2:10: invalid redirect address "a..b@example.org"
redirect "a..b@example.org";
