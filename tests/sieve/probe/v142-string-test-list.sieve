require "variables";
set "a" "1";
if string :is ["${a}", "x"] ["1", "2"] { keep; }
if string :contains "${a}" "1" { keep; }
