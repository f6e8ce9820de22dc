require "editheader";
deleteheader :matches "X-A" "*";
