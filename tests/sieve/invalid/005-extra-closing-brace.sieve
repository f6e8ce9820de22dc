# expect: 3:1: unexpected '}'
keep;
}
