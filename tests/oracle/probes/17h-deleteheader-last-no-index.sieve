require ["editheader","index"];
deleteheader :last "X-A";
