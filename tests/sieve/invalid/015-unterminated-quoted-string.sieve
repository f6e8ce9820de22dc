# expect: 3:10: unterminated string
require "fileinto";
fileinto "INBOX;
keep;
