# expect: 2:6: unexpected ';'
keep;;
