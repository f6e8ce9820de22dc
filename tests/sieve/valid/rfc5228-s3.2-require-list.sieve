# RFC 5228 section 3.2 (Control require), string-list form
require ["fileinto", "reject"];
