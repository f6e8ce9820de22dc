require "duplicate";
if duplicate :header "Bad Name:" { keep; }
