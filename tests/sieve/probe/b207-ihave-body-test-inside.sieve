require "ihave";
if ihave "body" { if body :contains "x" { keep; } }
