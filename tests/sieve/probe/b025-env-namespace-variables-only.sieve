require "variables";
if string :is "${env.remote_ip}" "1.2.3.4" { keep; }
