require "date";
if date "date" ["year","month"] "2024" { keep; }
