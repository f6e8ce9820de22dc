# expect: 2:6: unexpected character '@'
keep @;
