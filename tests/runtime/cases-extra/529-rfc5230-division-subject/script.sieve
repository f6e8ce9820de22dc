# purpose: RFC 5230 example: address :matches with domain in different case
require "vacation";
if address :matches "from" "*@ourdivision.example.com" {
    vacation :subject "Gone fishing"
             "Please contact my deputy, Ms. Smith, at 555-1234.";
} else {
    vacation :subject "Je pars en vacances"
             "Je lirai votre message quand je retourne.";
}
