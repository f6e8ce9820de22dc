# purpose: RFC 7352 3 example 1: fresh message is not a duplicate
require ["duplicate", "fileinto", "mailbox"];

if duplicate {
  fileinto :create "Trash/Duplicate";
}
