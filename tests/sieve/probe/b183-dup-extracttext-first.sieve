require ["foreverypart", "extracttext", "variables"];
foreverypart { extracttext :first 1 :first 2 "x"; }
