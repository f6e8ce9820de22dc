# Policy: size classes using K/M/G quantifiers (case-insensitive)
require ["fileinto", "editheader"];

if size :over 1G {
    discard;
} elsif size :over 50m {
    fileinto "Huge";
} elsif size :over 512k {
    addheader "X-Size-Class" "large";
} elsif size :under 1K {
    addheader "X-Size-Class" "tiny";
} elsif size :under 0 {
    # never true; zero is a valid number
    discard;
}
