require "ihave";
if ihave "foo" { foo :bar [1] "x" "y"; }
