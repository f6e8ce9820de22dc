// Sieve (RFC 5228 section 8) as an ANTLR4 grammar.
//
// Role in the pipeline: this is the first stage. The C++ lexer and parser are generated
// from this file at build time (never committed) into namespace sievegate::grammar; only
// policy/ast_builder.cc includes them and turns the parse tree into our own Ast.
//
// Lexical notes (RFC 5228 8.1):
// - hash comments run to the end of the line; bracket comments do not nest;
// - a multi-line string is "text:", optional blanks and an optional hash comment, a line
//   end, then lines up to a line holding a lone "." (dot-unstuffing happens in the AST
//   builder, not here); CRLF and LF line ends are both accepted;
// - numbers carry an optional K/M/G quantifier; overflow is checked in the AST builder;
// - anything the lexer cannot match becomes an ERROR_* token, so every lexical mistake
//   reaches the parser as a token with a position instead of an ANTLR console message.
grammar Sieve;

// ---------------------------------------------------------------- parser

start      : command* EOF ;

command    : IDENTIFIER arguments (SEMICOLON | block) ;

block      : LBRACE command* RBRACE ;

arguments  : argument* (test | testList)? ;

argument   : stringList | NUMBER | TAG ;

testList   : LPAREN test (COMMA test)* RPAREN ;

test       : IDENTIFIER arguments ;

stringList : LBRACKET string (COMMA string)* RBRACKET
           | string
           ;

string     : QUOTED_STRING | MULTI_LINE ;

// ---------------------------------------------------------------- lexer

MULTI_LINE    : TEXT_START NL TEXT_LINE* '.' NL ;

QUOTED_STRING : '"' ( '\\' . | ~["\\] )* '"' ;

NUMBER     : [0-9]+ [KkMmGg]? ;
TAG        : ':' IDENT_CHARS ;
IDENTIFIER : IDENT_CHARS ;

SEMICOLON : ';' ;
LBRACE    : '{' ;
RBRACE    : '}' ;
LPAREN    : '(' ;
RPAREN    : ')' ;
LBRACKET  : '[' ;
RBRACKET  : ']' ;
COMMA     : ',' ;

HASH_COMMENT    : '#' ~[\r\n]* -> skip ;
BRACKET_COMMENT : '/*' .*? '*/' -> skip ;
WS              : [ \t\r\n]+ -> skip ;

// Error tokens: never part of a valid parse; the AST builder names them. Each error rule
// can only match where its valid twin cannot (an "unterminated" rule cannot contain the
// terminator), because the lexer prefers the longest match.
ERROR_UNTERMINATED_TEXT    : TEXT_START NL TEXT_LINE* ~[\r\n]* EOF ;
ERROR_UNTERMINATED_STRING  : '"' ( '\\' . | ~["\\] )* EOF ;
ERROR_UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
ERROR_BAD_TEXT_START       : TEXT_KEYWORD [ \t]* ( ~[ \t\r\n#] | EOF ) ;
ERROR_CHAR                 : . ;

// "text:", blanks, an optional hash comment (the ABNF keyword is case-insensitive).
fragment TEXT_KEYWORD : [Tt] [Ee] [Xx] [Tt] ':' ;
fragment TEXT_START   : TEXT_KEYWORD [ \t]* ( '#' ~[\r\n]* )? ;
// A line of a multi-line string other than the terminating ".": empty, not starting with
// a dot, or a dot followed by more (RFC 5228 8.1 multiline-literal / multiline-dotstart).
fragment TEXT_LINE    : ( ~[.\r\n] ~[\r\n]* | '.' ~[\r\n]+ )? NL ;
fragment IDENT_CHARS  : [A-Za-z_] [A-Za-z0-9_]* ;
fragment NL           : '\r'? '\n' ;
