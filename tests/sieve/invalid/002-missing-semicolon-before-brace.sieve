# expect: 2:16: unexpected '}'
if true { stop }
