# RFC 5229 section 5 (Test string)
require "variables";

set "state" "${state} pending";
if string :matches " ${state} " "* pending *" {
    # the above test always succeeds
}
