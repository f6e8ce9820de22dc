# expect: 2:1: requires the "include" extension
return;
