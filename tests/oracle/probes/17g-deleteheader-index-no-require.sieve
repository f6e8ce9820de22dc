require "editheader";
deleteheader :index 1 "X-A";
