require "editheader";
deleteheader :index 0 :last "X-A";
