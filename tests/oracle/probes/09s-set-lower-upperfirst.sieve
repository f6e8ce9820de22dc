require "variables";
set :lower :upperfirst "a" "b";
