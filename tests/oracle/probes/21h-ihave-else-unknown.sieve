require "ihave";
if ihave "foo" { keep; } else { foo "bar"; }
