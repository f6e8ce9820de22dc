# expect: 3:1: unterminated comment
keep;
/* this comment never ends
stop;
