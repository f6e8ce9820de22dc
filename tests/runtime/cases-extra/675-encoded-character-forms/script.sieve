# purpose: RFC 5228 2.4.2.4 encoded-character: case, whitespace, invalid sequences stay literal
require ["encoded-character", "fileinto", "variables"];
fileinto "h=${hex:48 65 6C 6c 6F}";
fileinto "u=${unicode:48 e9 1F600}";
fileinto "mixed=${hex:41}${unicode:42}${HEX:43}";
fileinto "bad=${hex:zz} ${unicode:} ${hex:4}";
fileinto "ws=${hex: 41   42 }";
