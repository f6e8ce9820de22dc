# RFC 5228 section 2.4.2.4: encoded-character in unicode form,
# (usage completed into a script)
require ["encoded-character", "fileinto"];

if header :contains "Subject" "${unicode:20AC} 100" {    # EURO SIGN
    fileinto "${hex:49 4E 42 4F 58}.money";               # "INBOX"
}
if header :contains "X-Lang" "${unicode: 65e5 672c}" {    # Japanese
    keep;
}
