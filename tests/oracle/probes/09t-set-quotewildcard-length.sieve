require "variables";
set :quotewildcard :length "a" "b";
