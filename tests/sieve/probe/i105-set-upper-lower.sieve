require "variables";
set :upper :lower "a" "b";
