require "body";
if body :raw :raw :contains "x" { keep; }
