/*
 * Policy: size limits.  This whole header is a bracket comment,
 * including a "quoted" word and a # hash inside it.
 */
require [/* inline */ "reject", "fileinto"];

if size :over 25M /* hard limit */ {
    reject "Message exceeds the 25 MB limit.";
    stop;
}
if size /* soft limit */ :over 10M {
    fileinto /* big mail folder */ "Large";
}
/* a comment that spans
   several lines
   and ends right before a command */ keep;
