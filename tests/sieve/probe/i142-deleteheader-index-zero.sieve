require "editheader";
deleteheader :index 0 "X-A";
