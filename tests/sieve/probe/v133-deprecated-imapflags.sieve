require "imapflags";
setflag "\\Seen";
addflag "\\Flagged";
removeflag "\\Flagged";
mark;
unmark;
