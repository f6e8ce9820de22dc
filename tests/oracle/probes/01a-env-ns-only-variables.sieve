require "variables";
set "x" "${env.remote_ip}";
