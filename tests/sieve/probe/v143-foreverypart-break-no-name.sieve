require "foreverypart";
foreverypart { if true { break; } }
