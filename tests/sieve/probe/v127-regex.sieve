require ["regex", "variables", "fileinto"];
if header :regex "Subject" "^\\[([A-Za-z]+)\\] (.*)$" { fileinto "Tag/${1}"; }
if address :regex :localpart "from" "^(info|news(letter)?)$" { fileinto "News"; }
if header :regex :comparator "i;octet" "X-Mailer" ["^Outlook", "Thunderbird [0-9]+\\.[0-9]+"] { keep; }
if header :regex "Received" "from [^ ]+ \\(([0-9]{1,3}\\.){3}[0-9]{1,3}\\)" { keep; }
if header :regex "subject" "a|b|c" { keep; }
if header :regex "subject" "[[:digit:]]+" { keep; }
