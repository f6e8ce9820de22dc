# expect: 3:1: unexpected end of script
keep
