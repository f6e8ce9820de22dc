require ["foreverypart", "extracttext", "variables"];
foreverypart { extracttext "1"; }
