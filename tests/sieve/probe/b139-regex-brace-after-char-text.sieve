require "regex";
if header :regex "subject" "price{usd}" { keep; }
