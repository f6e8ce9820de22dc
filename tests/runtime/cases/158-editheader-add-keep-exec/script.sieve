# purpose: exec.txt shows the edited stored message
require ["editheader"];
addheader "X-Spam-Verdict" "clean";
deleteheader "Message-ID";
