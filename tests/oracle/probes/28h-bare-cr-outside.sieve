keep;keep;
