# Policy: quoted-string escapes and multi-line strings
require ["fileinto", "reject"];

# \" is a quote, \\ is a backslash; other escapes drop the backslash
if header :contains "Subject" "say \"hi\" to C:\\temp" {
    fileinto "Escapes";
}
# a quoted string may span lines
if header :is "X-Multi" "line one
line two" {
    keep;
}
# :matches with escaped wildcards: a literal "*" and "?"
if header :matches "Subject" "*\\*\\?*" {
    fileinto "Wildcards";
}
# empty multi-line string
if size :over 100M {
    reject text:
.
;
}
