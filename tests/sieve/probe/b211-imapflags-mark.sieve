require ["imapflags", "fileinto"];
mark;
fileinto "x";
