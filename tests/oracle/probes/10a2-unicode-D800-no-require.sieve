if header "subject" "${unicode:D800}" { keep; }
