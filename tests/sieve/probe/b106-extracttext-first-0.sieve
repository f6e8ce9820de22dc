require ["foreverypart", "extracttext", "variables"];
foreverypart { extracttext :first 0 "x"; }
