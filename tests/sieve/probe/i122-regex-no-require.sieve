if header :regex "subject" "a" { keep; }
