require ["extracttext","foreverypart"];
foreverypart { extracttext "x"; }
