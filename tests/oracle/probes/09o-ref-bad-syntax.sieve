require "variables";
set "x" "${a-b} ${} ${ a} ${1a} ${a.}";
