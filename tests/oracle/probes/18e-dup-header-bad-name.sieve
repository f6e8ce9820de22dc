require "duplicate";
if duplicate :header "bad name:" { keep; }
