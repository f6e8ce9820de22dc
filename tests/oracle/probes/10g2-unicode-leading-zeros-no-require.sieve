if header "subject" "${unicode:0000000041}" { keep; }
