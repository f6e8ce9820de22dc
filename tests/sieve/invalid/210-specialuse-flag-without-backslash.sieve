# expect: 3:22: invalid special-use flag "Junk"
require ["fileinto", "special-use"];
fileinto :specialuse "Junk" "Spam";
