require "reject";
reject text:
bye
