require "vacation";
vacation :from "a@example.org" :addresses ["b@example.org (me)"] "x";
