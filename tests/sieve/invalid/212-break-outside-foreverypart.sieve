# expect: 3:1: 'break' is only allowed inside 'foreverypart'
require "foreverypart";
break;
