keep;keep;
