require "duplicate";
if duplicate :handle "a" :handle "b" { keep; }
