# expect: 2:1: 'exists' is a test, not a command
exists "x-spam";
