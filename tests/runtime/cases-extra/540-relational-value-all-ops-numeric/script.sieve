# purpose: relational :value, every operator, ascii-numeric on '3 (Normal)' (leading digits)
require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "gt" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "gt-2-yes";
} else {
  fileinto "gt-2-no";
}
if header :value "gt" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "gt-3-yes";
} else {
  fileinto "gt-3-no";
}
if header :value "gt" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "gt-10-yes";
} else {
  fileinto "gt-10-no";
}
if header :value "ge" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "ge-2-yes";
} else {
  fileinto "ge-2-no";
}
if header :value "ge" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "ge-3-yes";
} else {
  fileinto "ge-3-no";
}
if header :value "ge" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "ge-10-yes";
} else {
  fileinto "ge-10-no";
}
if header :value "lt" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "lt-2-yes";
} else {
  fileinto "lt-2-no";
}
if header :value "lt" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "lt-3-yes";
} else {
  fileinto "lt-3-no";
}
if header :value "lt" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "lt-10-yes";
} else {
  fileinto "lt-10-no";
}
if header :value "le" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "le-2-yes";
} else {
  fileinto "le-2-no";
}
if header :value "le" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "le-3-yes";
} else {
  fileinto "le-3-no";
}
if header :value "le" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "le-10-yes";
} else {
  fileinto "le-10-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "eq-2-yes";
} else {
  fileinto "eq-2-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "eq-3-yes";
} else {
  fileinto "eq-3-no";
}
if header :value "eq" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "eq-10-yes";
} else {
  fileinto "eq-10-no";
}
if header :value "ne" :comparator "i;ascii-numeric" "X-Priority" "2" {
  fileinto "ne-2-yes";
} else {
  fileinto "ne-2-no";
}
if header :value "ne" :comparator "i;ascii-numeric" "X-Priority" "3" {
  fileinto "ne-3-yes";
} else {
  fileinto "ne-3-no";
}
if header :value "ne" :comparator "i;ascii-numeric" "X-Priority" "10" {
  fileinto "ne-10-yes";
} else {
  fileinto "ne-10-no";
}
