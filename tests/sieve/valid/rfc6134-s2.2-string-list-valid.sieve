# RFC 6134 (extlists): string :list and valid_ext_list, constructed
# from the usage text
require ["extlists", "variables", "index", "reject"];

if valid_ext_list ":addrbook:default" {
  if header :index 1 :matches "received" "*[*.*.*.*]*" {
    set "ip" "${2}.${3}.${4}.${5}";
    if string :list "${ip}" "tag:example.com,2011-01-01:blocked-ips" {
      reject "Your IP ${ip} is blocked.";
    }
  }
}
