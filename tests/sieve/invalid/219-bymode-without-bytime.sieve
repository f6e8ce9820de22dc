# expect: 3:10: tag ':bymode' requires ':bytimerelative' or ':bytimeabsolute'
require "redirect-deliverby";
redirect :bymode "notify" "a@example.org";
