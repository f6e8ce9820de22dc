if header :is "subject" "# not a comment /* nor this */" { keep; }
