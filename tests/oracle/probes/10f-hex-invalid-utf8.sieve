require "encoded-character";
if header "subject" "${hex:ff fe}" { keep; }
