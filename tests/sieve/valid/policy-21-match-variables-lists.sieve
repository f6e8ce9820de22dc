# Policy: file mailing lists by List-Id using match variables
require ["fileinto", "variables", "mailbox"];

if header :matches "List-Id" "*<*.*.*>*" {
    # ${2} = list name, ${3}.${4} = host part
    set :lower "list" "${2}";
    fileinto :create "Lists/${list}";
    stop;
}
if header :matches "Sender" "owner-*@*" {
    fileinto :create "Lists/${1}";
}
