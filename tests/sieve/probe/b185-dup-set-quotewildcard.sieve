require "variables";
set :quotewildcard :quotewildcard "a" "b";
