# expect: 3:17: conflicts with ':lowerfirst'
require "variables";
set :lowerfirst :upperfirst "x" "Hello";
