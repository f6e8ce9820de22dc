# expect: 2:21: unexpected ']'
require ["fileinto",];
