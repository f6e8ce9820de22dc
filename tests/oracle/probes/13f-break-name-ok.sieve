require "foreverypart";
foreverypart :name "x" { foreverypart { break :name "x"; } }
