# purpose: redirect, keep, redirect with domain case variation (dedup) -> order of result
redirect "archive@example.net";
keep;
redirect "ARCHIVE@Example.NET";
