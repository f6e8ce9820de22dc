require ["editheader", "index"];
addheader :index 1 "X-A" "v";
