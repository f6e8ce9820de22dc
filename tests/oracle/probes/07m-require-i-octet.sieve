require ["comparator-i;octet","comparator-i;ascii-casemap"];
