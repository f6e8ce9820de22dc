if header :contains ["Subject", "X-Subject", "Comments"] ["urgent", "asap", "immediately"] { keep; }
