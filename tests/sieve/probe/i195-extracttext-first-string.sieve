require ["foreverypart", "extracttext", "variables"];
foreverypart { extracttext :first "10" "x"; }
