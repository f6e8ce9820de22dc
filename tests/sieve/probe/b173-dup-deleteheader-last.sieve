require "editheader";
deleteheader :index 1 :last :last "X-A";
