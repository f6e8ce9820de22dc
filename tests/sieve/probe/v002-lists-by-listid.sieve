require ["fileinto", "variables"];
if header :matches "List-Id" "*<*.lists.example.org>" {
    fileinto "Lists/${2}";
} elsif exists "List-Post" {
    fileinto "Lists/other";
}
