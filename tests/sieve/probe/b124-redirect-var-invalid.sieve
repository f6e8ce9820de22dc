require "variables";
set "a" "nope";
redirect "${a}";
