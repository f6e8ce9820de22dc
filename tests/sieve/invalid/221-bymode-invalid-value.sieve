# expect: 3:38: :bymode must be "notify" or "return"
require "redirect-deliverby";
redirect :bytimerelative 600 :bymode "later" "a@example.org";
