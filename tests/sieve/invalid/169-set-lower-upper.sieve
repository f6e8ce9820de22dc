# expect: 3:12: conflicts with ':lower'
require "variables";
set :lower :upper "x" "Hello";
