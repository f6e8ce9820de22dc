# expect: 2:10: must be a string, not a number
redirect 42;
