# expect: 2:8: 'if' needs a block
if true;
