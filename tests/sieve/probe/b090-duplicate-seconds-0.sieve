require "duplicate";
if duplicate :seconds 0 { keep; }
