REQUIRE ["fileinto"];
If HEADER :CONTAINS "subject" "x" { FILEINTO "X"; }
ElsIf Address :Domain :Is "FROM" "example.com" { Keep; }
ELSE { Stop; }
