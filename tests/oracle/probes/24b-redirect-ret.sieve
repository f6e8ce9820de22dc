redirect :ret "FULL" "a@b";
