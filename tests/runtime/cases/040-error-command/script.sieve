# purpose: ihave's error command fails the script
require ["ihave"];
keep;
error "custom failure";
