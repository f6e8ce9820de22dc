require ["encoded-character", "fileinto"];
fileinto "${hex:49 4e 42 4F 58}";
if header :contains "subject" "${unicode:263A}" { keep; }
if header :contains "subject" "${UNICODE: 1F600 }" { keep; }
if header :contains "subject" "${hex:}" { keep; }
if header :contains "subject" "${hex:zz}" { keep; }
