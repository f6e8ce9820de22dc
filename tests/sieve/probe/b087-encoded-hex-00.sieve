require "encoded-character";
if header :is "subject" "${hex:00}" { keep; }
