require "foreverypart";
foreverypart :name "x" { foreverypart :name "x" { break; } }
