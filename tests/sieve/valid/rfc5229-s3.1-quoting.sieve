# RFC 5229 section 3.1 (Quoting and Encoded Characters): a literal
# "${" can be produced by storing "$" in a variable.
require "variables";
set "dollar" "$";
set "text" "regarding ${dollar}{beep}";
