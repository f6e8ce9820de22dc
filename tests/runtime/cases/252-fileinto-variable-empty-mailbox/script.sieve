# purpose: mailbox name that expands to the empty string
require ["fileinto", "variables"];
fileinto "${nothing}";
