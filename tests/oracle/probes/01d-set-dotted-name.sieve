require "variables";
set "envelope.from" "a@b";
