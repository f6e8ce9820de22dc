if header "subject" "${unicode:41" { keep; }
