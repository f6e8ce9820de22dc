require ["variables","include"];
set "x" "${global.x}";
