require ["editheader", "relational", "comparator-i;ascii-numeric", "regex"];
deleteheader :value "gt" :comparator "i;ascii-numeric" "X-Score" "5";
deleteheader :count "ge" "X-Many" "2";
deleteheader :regex "X-Foo" "^ba+r$";
