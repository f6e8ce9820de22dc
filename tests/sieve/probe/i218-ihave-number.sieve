require "ihave";
if ihave 1 { keep; }
