require "foreverypart";
foreverypart { break :name "x"; }
