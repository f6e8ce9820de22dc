require "variables";
set "user.name" "x";
