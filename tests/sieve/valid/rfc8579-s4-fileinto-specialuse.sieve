# RFC 8579 (special-use) section 4: fileinto :specialuse
require ["fileinto", "special-use"];

fileinto :specialuse "\\Junk" "Spam";
