if address :is "subject" "a@b.c" { keep; }
