require "foreverypart";
foreverypart;
