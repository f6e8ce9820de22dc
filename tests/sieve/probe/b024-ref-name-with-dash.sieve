require "variables";
set "a" "${a-b}";
