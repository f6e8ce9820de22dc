keep;
keep;
keep;
