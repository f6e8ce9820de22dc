require "encoded-character";
if header :is "subject" "${hex:4}" { keep; }
