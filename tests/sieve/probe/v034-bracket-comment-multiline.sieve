/*
 * A header block comment
 * with several lines ** and stars
 */
keep;
/**/
/***/
