require ["extracttext","variables","foreverypart"];
foreverypart { extracttext :first 10 "x"; }
