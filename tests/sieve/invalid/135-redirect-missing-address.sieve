# expect: 2:1: 'redirect' needs 1 positional argument, 0 given
redirect;
