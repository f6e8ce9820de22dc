if header :matches "subject" "\\*literal star\\?" { keep; }
if header :matches "subject" "*\\\\*" { keep; }
if header :matches "subject" "???*" { keep; }
