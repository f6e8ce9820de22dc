# RFC 5229 section 4.1 (Modifiers)
require "variables";

set "a" "juMBlEd lETteRS";             # => "juMBlEd lETteRS"
set :length "b" "${a}";                # => "15"
set :lower "b" "${a}";                 # => "jumbled letters"
set :upperfirst "b" "${a}";            # => "JuMBlEd lETteRS"
set :upperfirst :lower "b" "${a}";     # => "Jumbled letters"
set :quotewildcard "b" "Rock*";        # => "Rock\*"
