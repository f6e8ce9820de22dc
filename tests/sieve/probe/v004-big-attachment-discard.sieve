if size :over 25M {
    discard;
    stop;
}
if allof (size :over 500K, header :contains "Subject" "newsletter") {
    discard;
}
