# expect: 3:8: unterminated multi-line string
require "reject";
reject text:
bye
.