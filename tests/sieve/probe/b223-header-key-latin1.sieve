if header :contains "subject" "été" { keep; }
