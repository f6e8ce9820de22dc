require ["fileinto", "special-use", "variables"];
set "f" "Junk";
fileinto :specialuse "${f}" "x";
