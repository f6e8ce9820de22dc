# expect: 2:1: did you mean 'keep'
kepp;
