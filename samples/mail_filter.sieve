# Stage: mail. Greylist-style temporary refusal for senders on a watch list, and no
# null sender from unauthenticated clients on the submission listener.
require ["variables", "reject", "envelope"];

if envelope :domain :is "from" ["spam.example", "bulk.example"] {
    reject "451 4.7.1 Greylisted, please try again later.";
}
if allof (string :is "${envelope.from}" "",
          string :is "${env.authenticated_as}" "",
          string :is "${env.stage}" "mail") {
    keep;
}
