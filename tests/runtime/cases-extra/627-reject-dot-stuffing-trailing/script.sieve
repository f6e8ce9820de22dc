# purpose: reject text: with dot-stuffing, '. ' line and a trailing empty line
require ["reject"];
reject text:
first line
..second line with leading dot
. third line with dot space

.
;
