require "foreverypart";
foreverypart :name 1 { keep; }
