require ["editheader", "variables", "fileinto"];
addheader "X-Long" "word00 word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11 word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36 word37 word38 word39";
if header :matches "X-Long" "*" { set :length "n" "${1}"; fileinto "len=${n}"; }
