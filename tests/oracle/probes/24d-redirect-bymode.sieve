redirect :bymode "notify" "a@b";
