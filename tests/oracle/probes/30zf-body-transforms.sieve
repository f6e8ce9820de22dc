require "body";
if body :raw :content "text" :text :contains "x" { keep; }
