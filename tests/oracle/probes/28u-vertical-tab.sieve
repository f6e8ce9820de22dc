keep;keep;
