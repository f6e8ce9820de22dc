require "variables";
set "_A_b_9" "x";
set "__" "y";
