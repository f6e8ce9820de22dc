if true {}
if false { } elsif true { } else { }
if not exists "x" {
}
