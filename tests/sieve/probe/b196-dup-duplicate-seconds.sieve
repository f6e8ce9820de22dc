require "duplicate";
if duplicate :seconds 1 :seconds 2 { keep; }
