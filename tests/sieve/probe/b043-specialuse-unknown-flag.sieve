require ["fileinto", "special-use"];
fileinto :specialuse "\\Bogus" "x";
