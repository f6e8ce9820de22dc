# purpose: RFC 5228 2.4.2 quoted-string escapes; quoted strings spanning lines
require ["fileinto", "variables", "encoded-character"];
set "a" "x\y\"z\\w";
fileinto "a=${a}";
set "b" "tab	inside";
if string :is "${b}" "tab	inside" { fileinto "tab-kept"; }
if string :is "\q\u\o\t\e" "quote" { fileinto "undefined-escapes-dropped"; }
set "c" "line1
line2";
if string :is "${c}" "line1${hex:0d 0a}line2" { fileinto "quoted-multiline-crlf"; }
if string :is "${c}" "line1${hex:0a}line2" { fileinto "quoted-multiline-lf"; }
