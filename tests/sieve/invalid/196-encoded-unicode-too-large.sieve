# expect: 3:10: invalid Unicode code point 110000
require ["encoded-character", "fileinto"];
fileinto "box-${unicode: 41 110000}";
