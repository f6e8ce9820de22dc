require "variables";
set "name" "World";
set :upperfirst "n1" "${name}";
set :lower :upperfirst "n2" "hELLO";
set :upper :lowerfirst "n3" "x";
set :length "len" "${name}";
set :quotewildcard "q" "a*b?c";
set :LOWER "Name_2" "ABC";
if string :is "${len}" "5" { keep; }
if string :matches ["${n1}", "${n2}"] "*o*" { keep; }
