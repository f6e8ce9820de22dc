# expect: 2:10: invalid redirect address "postmaster"
redirect "postmaster";
