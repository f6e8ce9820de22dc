require "ihave";
if ihave "foo" { foo "bar"; }
