require "encoded-character";
if header "subject" "${hex:}" { keep; }
