require "duplicate";
if duplicate :handle ["a","b"] { discard; }
