if header "subject" "${hex:}" { keep; }
