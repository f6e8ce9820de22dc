require "editheader";
deleteheader "Subject";
