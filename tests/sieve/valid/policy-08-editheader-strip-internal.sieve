# Policy: strip internal-only headers from inbound mail before delivery
require ["editheader", "index"];

deleteheader "X-Internal-Route";
deleteheader :matches "X-Spam-Status" "*";
deleteheader :contains "X-Priority-Override" "";
deleteheader :index 1 :last "X-Original-To";
