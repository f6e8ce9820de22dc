# expect: 2:22: unknown extension "envelop"
require ["fileinto", "envelop"];
