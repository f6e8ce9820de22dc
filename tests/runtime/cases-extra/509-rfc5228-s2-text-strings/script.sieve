# purpose: RFC 5228 2.4.2: text: with hash comment, dot-stuffing, '#' inside multi-line string
require ["reject"];
if header :contains "subject" "report" {
reject text:   # a comment after text: is allowed
..this line started with two dots
.. 
.not the end
  indented line
#not a comment
.
;
}
