require "duplicate";
if duplicate :last :last { keep; }
