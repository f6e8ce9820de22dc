# RFC 5228 section 3.2 (Control require), several require commands
require "fileinto";
require "vacation";
