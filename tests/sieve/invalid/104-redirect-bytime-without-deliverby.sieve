# expect: 2:10: requires the "redirect-deliverby" extension
redirect :bytimerelative 600 "a@example.org";
