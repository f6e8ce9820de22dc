require "fileinto";
# move obvious spam
if header :contains "X-Spam-Flag" "YES" {
    fileinto "Junk";
    stop;
}
