require "foreverypart";
foreverypart { if header :mime :type "Content-Type" "text" { keep; } }
