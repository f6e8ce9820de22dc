# expect: 3:10: requires the "mailbox" extension
require "fileinto";
fileinto :create "Lists/new";
