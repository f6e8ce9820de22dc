require ["special-use", "variables"];
set "f" "Junk";
if specialuse_exists "${f}" { keep; }
