# expect: 2:10: invalid redirect address ""
redirect "";
