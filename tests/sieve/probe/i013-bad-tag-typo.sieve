if header :containz "subject" "a" { keep; }
