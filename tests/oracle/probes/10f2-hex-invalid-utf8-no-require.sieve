if header "subject" "${hex:ff fe}" { keep; }
