# purpose: identical keeps are merged
keep;
keep;
