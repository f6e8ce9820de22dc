require ["extracttext","variables","foreverypart"];
extracttext "x";
