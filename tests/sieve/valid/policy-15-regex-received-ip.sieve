# Policy: extract the connecting IP from the first Received header
require ["regex", "variables", "index", "editheader"];

if header :index 1 :regex "Received"
        "\\[([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\]" {
    set "ip" "${1}.${2}.${3}.${4}";
    addheader "X-Policy-Client-IP" "${ip}";
    if string :regex "${ip}" "^(10|127)\\." {
        addheader "X-Policy-Client-Class" "internal";
    }
}
