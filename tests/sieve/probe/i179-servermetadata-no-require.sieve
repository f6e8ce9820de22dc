require "mboxmetadata";
if servermetadata "/shared/x" "y" { keep; }
