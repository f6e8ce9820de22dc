require "variables";
if header "${env.x}" "y" { keep; }
