if header :is "subject" ["only"] { keep; }
