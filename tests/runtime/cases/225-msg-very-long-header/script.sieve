require ["fileinto", "variables"];
if header :matches "X-Long" "*" { set :length "n" "${1}"; fileinto "len=${n}"; }
