require "encoded-character";
if header "subject" "${hex:zz}" { keep; }
