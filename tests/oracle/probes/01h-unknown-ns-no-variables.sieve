if header "subject" "${env.x}" { keep; }
