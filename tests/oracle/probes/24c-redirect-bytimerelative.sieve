redirect :bytimerelative 5 "a@b";
