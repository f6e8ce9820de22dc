# purpose: comments in odd places, comment-like text inside strings, leading-zero number, upper-case tags
require /* inline */ ["fileinto", # list comment
         "variables", "encoded-character"];
if /* before test */ header :contains /* between */ "Subject" # hash
   "report" /* after */ {
  fileinto "has # hash and /* not a comment */";
}
set "x" text: # comment after text:
line with /* no comment */
.
;
if string :is "${x}" "line with /* no comment */${hex:0d 0a}" { fileinto "text-ok"; }
if size :over 010 { fileinto "leading-zero-number"; }
if header :CONTAINS "SUBJECT" "REPORT" { fileinto "upper-case-identifiers"; }
