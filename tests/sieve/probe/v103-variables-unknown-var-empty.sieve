require "variables";
if string :is "${never_set}" "" { keep; }
set "a" "${a}${a}";
set "x" "${ not a var }";
set "y" "$${a}";
