require "servermetadata";
if servermetadata "/bad" "y" { keep; }
