# draft-ietf-sieve-regex / draft-murchison-sieve-regex: example
require ["regex", "fileinto"];

# Try to catch unsolicited email.
if anyof (
  # if a message is not to me (with optional +detail),
  not address :regex ["to", "cc", "bcc"]
    "me(\\+.*)?@company\\.com",
  # or the subject is all uppercase (no lowercase)
  header :regex :comparator "i;octet" "subject"
    "^[^[:lower:]]+$" ) {

  fileinto "spam";   # move it into the "spam" folder
}
