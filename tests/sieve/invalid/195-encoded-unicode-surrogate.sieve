# expect: 3:10: invalid Unicode code point D800
require ["encoded-character", "fileinto"];
fileinto "${unicode:D800}";
