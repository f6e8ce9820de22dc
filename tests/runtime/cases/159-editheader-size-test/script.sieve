# purpose: does size see editheader changes?
require ["editheader", "fileinto"];
if size :over 700 {
  fileinto "before-yes";
} else {
  fileinto "before-no";
}
addheader "X-Pad" "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp";
if size :over 700 {
  fileinto "after-yes";
} else {
  fileinto "after-no";
}
