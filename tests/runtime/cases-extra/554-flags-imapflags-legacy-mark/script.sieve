# purpose: deprecated imapflags: mark/unmark add/remove \Flagged
require ["imapflags", "fileinto"];
mark;
fileinto "A";
unmark;
addflag "\\Answered";
