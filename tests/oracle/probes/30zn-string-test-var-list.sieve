require "variables";
if string ["${a}","b"] "b" { keep; }
