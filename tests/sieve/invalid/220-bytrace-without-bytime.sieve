# expect: 3:10: tag ':bytrace' requires ':bytimerelative' or ':bytimeabsolute'
require "redirect-deliverby";
redirect :bytrace "a@example.org";
