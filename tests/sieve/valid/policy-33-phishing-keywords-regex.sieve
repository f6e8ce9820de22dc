# Policy: phishing heuristics with case-sensitive and -insensitive regexes
require ["regex", "fileinto", "editheader", "body"];

if anyof (header :regex "Subject" "(verify|confirm|suspend(ed)?) (your )?account",
          header :regex :comparator "i;octet" "Subject" "^[A-Z !]{20,}$",
          body :text :regex "https?://[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+/") {
    addheader "X-Phish-Heuristic" "matched";
    fileinto "Phishing-Suspects";
}
