# Policy (CRLF line endings on purpose): reject oversized mail with a
# multi-line message; the text: block ends with CRLF "." CRLF
require ["reject", "fileinto"];

if size :over 20M {
    reject text: # CRLF-terminated multi-line string
Your message is larger than 20 MB.
..
Please use the file-sharing service instead.
.
;
    stop;
}
fileinto "INBOX";
