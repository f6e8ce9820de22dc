require "variables";
set "a" "x";
redirect "${a}";
