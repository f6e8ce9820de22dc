# expect: 3:6: unknown tag ':copy' for 'keep'
require "copy";
keep :copy;
