require ["foreverypart", "extracttext", "variables"];
foreverypart { extracttext :lower :lower "x"; }
