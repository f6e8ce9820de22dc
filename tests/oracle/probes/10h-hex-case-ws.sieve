require "encoded-character";
if header "subject" "${HEX: 41 42 }" { keep; }
