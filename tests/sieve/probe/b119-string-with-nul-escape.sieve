if header :is "subject" "a\\0b" { keep; }
