require "variables";
set :upperfirst :lowerfirst "a" "b";
