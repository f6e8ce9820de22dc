# purpose: more than nine match groups; last * absorbs the rest
require ["fileinto", "variables"];
if header :matches "X-Seq" "*,*,*,*,*,*,*,*,*,*,*,*" {
    fileinto "9=${9} 10=${10} 11=${11} 12=${12} 0=${0}";
}
