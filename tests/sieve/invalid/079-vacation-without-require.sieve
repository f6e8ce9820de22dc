# expect: 2:1: requires the "vacation" extension
vacation "I am away.";
