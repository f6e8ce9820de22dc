require ["variables", "enotify"];
set :length :quotewildcard :lower :upperfirst :encodeurl "x" "Value";
