require ["fileinto", "special-use"];
fileinto :specialuse "\\Junk" :specialuse "\\Trash" "x";
