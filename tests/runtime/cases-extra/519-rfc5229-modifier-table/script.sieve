# purpose: RFC 5229 4.1 modifier examples verbatim
require ["fileinto", "variables"];
set "a" "juMBlEd lETteRS";
fileinto "a=${a}";
set :length "b" "${a}";
fileinto "length=${b}";
set :lower "b" "${a}";
fileinto "lower=${b}";
set :upperfirst "b" "${a}";
fileinto "upperfirst=${b}";
set :upperfirst :lower "b" "${a}";
fileinto "upperfirst-lower=${b}";
set :quotewildcard "b" "Rock*";
fileinto "quotewildcard=${b}";
