require "foreverypart";
foreverypart :name "a" :name "b" { keep; }
