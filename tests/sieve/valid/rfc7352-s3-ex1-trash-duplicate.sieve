# RFC 7352 (duplicate) example: file duplicates into a trash folder
require ["duplicate", "fileinto", "mailbox"];

if duplicate {
  fileinto :create "Trash/Duplicate";
}
