require "vacation";
vacation :from "a@b.example" :from "c@d.example" "x";
