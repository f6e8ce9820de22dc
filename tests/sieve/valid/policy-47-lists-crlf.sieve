/* Policy (CRLF line endings on purpose):
   bracket comment spanning several CRLF-terminated lines */
require ["variables", "fileinto", "mailbox"];

if header :matches "List-Id" "*<*.example.org>*" {
    set :lower "list" "${2}";   # match variable ${2}
    fileinto :create "Lists/${list}";
}
