# expect: 3:1: character 0x0C
keep;
stop;
