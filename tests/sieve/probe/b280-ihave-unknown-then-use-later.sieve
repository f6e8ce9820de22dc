require "ihave";
if ihave "x-none" { keep; }
keep;
