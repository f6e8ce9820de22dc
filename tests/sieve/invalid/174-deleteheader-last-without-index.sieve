# expect: 3:14: tag ':last' requires ':index'
require "editheader";
deleteheader :last "X-Spam";
