if header "subject" "${hex:zz}" { keep; }
