require "vacation";
vacation :from "me@example.org (Me)" "x";
