# expect: 2:26: too many arguments for 'redirect'
redirect "a@example.org" "b@example.org";
