# expect: 2:1: requires the "editheader" extension
deleteheader "X-Spam-Flag";
