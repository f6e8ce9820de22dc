# expect: 2:6: 'stop' takes no test
stop true;
