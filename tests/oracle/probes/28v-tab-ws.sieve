keep;	keep;
