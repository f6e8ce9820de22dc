require ["replace","enclose"];
