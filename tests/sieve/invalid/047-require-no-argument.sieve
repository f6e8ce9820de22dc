# expect: 2:1: 'require' needs 1 positional argument
require;
