# RFC 5293 (editheader) example: mark redirected mail to avoid loops
require "editheader";

/* Don't redirect if we already have */
if not header :contains "X-Sieve-Filtered"
        ["<kim@job.example.com>", "<kim@home.example.com>"]
{
        addheader "X-Sieve-Filtered" "<kim@job.example.com>";
        redirect "kim@home.example.com";
}
