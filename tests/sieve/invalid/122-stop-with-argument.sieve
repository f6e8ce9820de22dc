# expect: 2:6: too many arguments for 'stop'
stop 1;
