require "vacation";
vacation :mime :handle "h" :subject "s" "x";
