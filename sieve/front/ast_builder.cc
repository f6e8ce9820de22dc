// The parse stage: the one file that includes ANTLR's generated lexer and parser.
//
// Steps: (1) check the bytes (size, UTF-8, NUL) and hand ANTLR valid UTF-8 only, (2) lex
// everything and report error tokens by name, (3) measure nesting on the token stream so
// the recursive-descent parser never recurses deeper than limits::kMaxNesting, (4) parse
// with our error listener, (5) walk the parse tree into an Ast, decoding literals.
#include "sieve/front/ast_builder.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>
#include <vector>

#include "SieveLexer.h"
#include "SieveParser.h"
#include "antlr4-runtime.h"
#include "sieve/program/limits.h"

namespace sievegate::policy {
namespace {

using grammar::SieveLexer;
using grammar::SieveParser;

SourcePos pos_of(const antlr4::Token* token) {
  return SourcePos{static_cast<std::uint32_t>(token->getLine()),
                   static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

Diagnostic error_at(SourcePos pos, std::string code, std::string message) {
  return Diagnostic{Severity::kError, pos, std::move(code), std::move(message)};
}

// ------------------------------------------------------------------ step 1: bytes

// Returns the length of the valid UTF-8 sequence at s[i], or 0 when it is invalid
// (overlong forms, surrogates and values above U+10FFFF are invalid, RFC 3629).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

// Copies `source` into `out` as valid UTF-8 without a byte-order mark. Invalid bytes
// and NUL are reported at their line:column and replaced (U+FFFD, space) so the parse
// can go on and report more.
void sanitize(std::string_view source, std::string& out, Diagnostics& diagnostics) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") {
    // RFC 5228 8.1 has no room for a byte-order mark (Pigeonhole refuses it too).
    diagnostics.push_back(error_at({1, 1}, "byte-order-mark",
                                   "the script starts with a UTF-8 byte-order mark; remove it"));
    source.remove_prefix(3);
  }
  out.reserve(source.size());
  std::uint32_t line = 1, column = 1;
  int reported = 0;
  for (std::size_t i = 0; i < source.size();) {
    const char c = source[i];
    std::size_t len = utf8_sequence_length(source, i);
    if (c == '\0' || len == 0) {
      // NUL is outside every Sieve production (RFC 5228 8.1): an error. Invalid UTF-8 is
      // a warning: RFC 5228 asks for UTF-8, but Pigeonhole accepts such bytes and old
      // scripts carry Latin-1 comments; the bytes become U+FFFD.
      if (reported++ < limits::kMaxSyntaxErrors) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
        Diagnostic d = error_at(
            {line, column}, c == '\0' ? "nul-character" : "invalid-utf8",
            c == '\0' ? "NUL character is not allowed in a script"
                      : std::string("invalid UTF-8 byte ") + hex + " (scripts should be UTF-8)");
        if (c != '\0') d.severity = Severity::kWarning;
        diagnostics.push_back(std::move(d));
      }
      out += c == '\0' ? " " : "\xEF\xBF\xBD";
      ++i;
      ++column;
      continue;
    }
    out.append(source.substr(i, len));
    i += len;
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// ------------------------------------------------------------------ step 2-4: tokens

std::string describe_token(const antlr4::Token* token) {
  switch (token->getType()) {
    case antlr4::Token::EOF: return "end of script";
    case SieveLexer::MULTI_LINE: return "multi-line string";
    case SieveLexer::QUOTED_STRING: return "string " + token->getText();
    case SieveLexer::NUMBER: return "number " + token->getText();
    case SieveLexer::TAG: return "tag '" + token->getText() + "'";
    case SieveLexer::IDENTIFIER: return "identifier '" + token->getText() + "'";
    default: return "'" + token->getText() + "'";
  }
}

std::string describe_expected(const antlr4::misc::IntervalSet& expected) {
  // Token types are reported in a fixed, readable order rather than ANTLR's set order.
  static const std::pair<size_t, const char*> kNames[] = {
      {SieveLexer::SEMICOLON, "';'"},        {SieveLexer::LBRACE, "'{'"},
      {SieveLexer::RBRACE, "'}'"},           {SieveLexer::RPAREN, "')'"},
      {SieveLexer::RBRACKET, "']'"},         {SieveLexer::COMMA, "','"},
      {SieveLexer::IDENTIFIER, "a command or test name"},
      {SieveLexer::QUOTED_STRING, "a string"},
      {SieveLexer::TAG, "a tag"},            {SieveLexer::NUMBER, "a number"},
      {SieveLexer::LBRACKET, "'['"},         {SieveLexer::LPAREN, "'('"},
      {antlr4::Token::EOF, "end of script"},
  };
  std::vector<std::string> names;
  for (const auto& [type, name] : kNames) {
    if (expected.contains(type)) names.emplace_back(name);
  }
  if (names.empty()) return "";
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// Collects ANTLR's syntax errors as diagnostics (ANTLR's own message text is not used:
// it names grammar tokens, not what a script author wrote).
class CollectingErrorListener final : public antlr4::BaseErrorListener {
 public:
  explicit CollectingErrorListener(Diagnostics& out) : out_(out) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& /*antlr_message*/,
                   std::exception_ptr /*e*/) override {
    if (count_++ >= limits::kMaxSyntaxErrors) return;
    SourcePos pos{static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column + 1)};
    std::string message = "syntax error: unexpected ";
    message += offending != nullptr ? describe_token(offending) : "input";
    if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
      std::string expected = describe_expected(parser->getExpectedTokens());
      if (!expected.empty()) message += ", expected " + expected;
    }
    out_.push_back(error_at(pos, "syntax", std::move(message)));
  }

 private:
  Diagnostics& out_;
  int count_ = 0;
};

bool report_error_token(const antlr4::Token* token, Diagnostics& out) {
  const char* code = nullptr;
  std::string message;
  switch (token->getType()) {
    case SieveLexer::ERROR_UNTERMINATED_TEXT:
      code = "unterminated-string";
      message = "unterminated multi-line string: no line holding a single '.' "
                "(followed by a line end) before the end of the script";
      break;
    case SieveLexer::ERROR_UNTERMINATED_STRING:
      code = "unterminated-string";
      message = "unterminated string: missing closing '\"'";
      break;
    case SieveLexer::ERROR_UNTERMINATED_COMMENT:
      code = "unterminated-comment";
      message = "unterminated comment: missing '*/'";
      break;
    case SieveLexer::ERROR_BAD_TEXT_START:
      code = "syntax";
      message = "'text:' must be followed by a line end (or a '#' comment)";
      break;
    case SieveLexer::ERROR_CHAR: {
      code = "syntax";
      std::string text = token->getText();
      if (text.size() == 1 && (static_cast<unsigned char>(text[0]) < 0x20 || text[0] == 0x7F)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[0]));
        message = std::string("unexpected control character ") + hex;
      } else {
        message = "unexpected character '" + text + "'";
      }
      break;
    }
    default:
      return false;
  }
  out.push_back(error_at(pos_of(token), code, std::move(message)));
  return true;
}

// The parser recurses once per block, test list, string list and per sub-test. This
// pass computes the same depth on the token stream: a frame per bracket, and within a
// frame one level per identifier since the last ',' or ';' (a chain `not not ... true`).
bool check_nesting(const std::vector<antlr4::Token*>& tokens, Diagnostics& out) {
  std::vector<int> idents_per_frame{0};
  int depth = 1;
  for (const antlr4::Token* token : tokens) {
    switch (token->getType()) {
      case SieveLexer::LBRACE:
      case SieveLexer::LPAREN:
      case SieveLexer::LBRACKET:
        idents_per_frame.push_back(0);
        ++depth;
        break;
      case SieveLexer::RBRACE:
      case SieveLexer::RPAREN:
      case SieveLexer::RBRACKET:
        if (idents_per_frame.size() > 1) {
          depth -= 1 + idents_per_frame.back();
          idents_per_frame.pop_back();
        }
        if (token->getType() == SieveLexer::RBRACE) {
          // A block ends its command: the identifiers that led to it no longer nest.
          depth -= idents_per_frame.back();
          idents_per_frame.back() = 0;
        }
        break;
      case SieveLexer::SEMICOLON:
      case SieveLexer::COMMA:
        depth -= idents_per_frame.back();
        idents_per_frame.back() = 0;
        break;
      case SieveLexer::IDENTIFIER:
        ++idents_per_frame.back();
        ++depth;
        break;
      default:
        break;
    }
    // Commands inside a block start at depth 1 within their frame: the identifier of a
    // command counts like a test, which keeps the estimate an upper bound.
    if (depth > limits::kMaxNesting + 1) {
      out.push_back(error_at(pos_of(token), "nesting-too-deep",
                             "nesting too deep: more than " +
                                 std::to_string(limits::kMaxNesting) +
                                 " levels of blocks, tests or lists"));
      return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------ step 5: literals

// RFC 5228 2.4.2: in a quoted string "\\" and "\"" stand for themselves, any other
// backslash is dropped. Bare LF line ends become CRLF, as in the script's canonical form.
std::string decode_quoted(std::string_view text) {
  text = text.substr(1, text.size() - 2);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) c = text[++i];
    if (c == '\n' && (out.empty() || out.back() != '\r')) out += '\r';
    out += c;
  }
  return out;
}

// RFC 5228 2.4.2 / 8.1: the value starts after the line end of "text:"; the final "."
// line is dropped; a leading '.' is removed when another '.' follows (dot-unstuffing).
std::string decode_multi_line(std::string_view text) {
  std::size_t start = text.find('\n') + 1;
  std::string out;
  out.reserve(text.size());
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (line == ".") break;
    if (line.size() >= 2 && line[0] == '.' && line[1] == '.') line.remove_prefix(1);
    out.append(line);
    out += "\r\n";
  }
  return out;
}

class TreeWalker {
 public:
  explicit TreeWalker(Diagnostics& out) : out_(out) {}

  Command command(SieveParser::CommandContext* ctx) {
    Command cmd;
    cmd.pos = pos_of(ctx->IDENTIFIER()->getSymbol());
    cmd.spelling = ctx->IDENTIFIER()->getText();
    cmd.name = lower(cmd.spelling);
    arguments(ctx->arguments(), cmd.arguments, cmd.tests, cmd.test_list, cmd.test_list_pos);
    if (auto* block = ctx->block()) {
      cmd.has_block = true;
      for (auto* child : block->command()) cmd.block.push_back(command(child));
      cmd.end_pos = pos_of(block->RBRACE()->getSymbol());
    } else if (ctx->SEMICOLON() != nullptr) {
      cmd.end_pos = pos_of(ctx->SEMICOLON()->getSymbol());
    }
    return cmd;
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  Test test(SieveParser::TestContext* ctx) {
    Test t;
    t.pos = pos_of(ctx->IDENTIFIER()->getSymbol());
    t.spelling = ctx->IDENTIFIER()->getText();
    t.name = lower(t.spelling);
    arguments(ctx->arguments(), t.arguments, t.tests, t.test_list, t.test_list_pos);
    return t;
  }

  void arguments(SieveParser::ArgumentsContext* ctx, std::vector<Argument>& args,
                 std::vector<Test>& tests, bool& test_list, SourcePos& test_list_pos) {
    for (auto* arg : ctx->argument()) args.push_back(argument(arg));
    if (auto* single = ctx->test()) {
      tests.push_back(test(single));
    } else if (auto* list = ctx->testList()) {
      test_list = true;
      test_list_pos = pos_of(list->LPAREN()->getSymbol());
      for (auto* t : list->test()) tests.push_back(test(t));
    }
  }

  Argument argument(SieveParser::ArgumentContext* ctx) {
    Argument arg;
    if (auto* tag = ctx->TAG()) {
      arg.kind = Argument::Kind::kTag;
      arg.pos = pos_of(tag->getSymbol());
      arg.tag = lower(tag->getText().substr(1));
    } else if (auto* number = ctx->NUMBER()) {
      arg.kind = Argument::Kind::kNumber;
      arg.pos = pos_of(number->getSymbol());
      arg.number = parse_number(number->getText(), arg.pos);
    } else {
      auto* list = ctx->stringList();
      arg.kind = Argument::Kind::kStringList;
      arg.bracketed = list->LBRACKET() != nullptr;
      arg.pos = pos_of(list->getStart());
      for (auto* s : list->string()) arg.strings.push_back(string(s));
    }
    return arg;
  }

  StringLiteral string(SieveParser::StringContext* ctx) {
    StringLiteral lit;
    if (auto* quoted = ctx->QUOTED_STRING()) {
      lit.pos = pos_of(quoted->getSymbol());
      const std::string text = quoted->getText();
      lit.value = decode_quoted(text);
      // RFC 5228 8.1 quoted-safe: a CR only as part of CRLF. Reported where it stands.
      SourcePos at = lit.pos;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
          out_.push_back(error_at(at, "bare-cr",
                                  "carriage return (CR) in a string that is not part of a "
                                  "CRLF line end"));
          break;
        }
        if (text[i] == '\n') {
          ++at.line;
          at.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
          ++at.column;  // count code points: skip UTF-8 continuation bytes
        }
      }
    } else {
      lit.pos = pos_of(ctx->MULTI_LINE()->getSymbol());
      lit.multi_line = true;
      lit.value = decode_multi_line(ctx->MULTI_LINE()->getText());
    }
    return lit;
  }

  // RFC 5228 2.4.1: digits with an optional K (2^10), M (2^20) or G (2^30) quantifier.
  std::uint64_t parse_number(const std::string& text, SourcePos pos) {
    std::uint64_t value = 0;
    bool overflow = false;
    std::size_t i = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      const std::uint64_t digit = static_cast<std::uint64_t>(text[i] - '0');
      if (value > (limits::kMaxNumber - digit) / 10) overflow = true;
      if (!overflow) value = value * 10 + digit;
    }
    int shift = 0;
    if (i < text.size()) {
      switch (std::tolower(static_cast<unsigned char>(text[i]))) {
        case 'k': shift = 10; break;
        case 'm': shift = 20; break;
        case 'g': shift = 30; break;
      }
    }
    if (!overflow && shift > 0 && value > (limits::kMaxNumber >> shift)) overflow = true;
    if (overflow) {
      out_.push_back(error_at(pos, "number-too-large",
                              "number " + text + " is too large (the maximum is " +
                                  std::to_string(limits::kMaxNumber) + ")"));
      return limits::kMaxNumber;
    }
    return value << shift;
  }

  Diagnostics& out_;
};

}  // namespace

ParseResult parse(std::string_view source) {
  ParseResult result;
  if (source.size() > limits::kMaxScriptBytes) {
    result.diagnostics.push_back(error_at(
        {1, 1}, "script-too-large",
        "script is " + std::to_string(source.size()) + " bytes, more than the limit of " +
            std::to_string(limits::kMaxScriptBytes)));
    return result;
  }
  std::string text;
  sanitize(source, text, result.diagnostics);
  try {
    antlr4::ANTLRInputStream input(text);
    SieveLexer lexer(&input);
    lexer.removeErrorListeners();  // every character matches a rule, errors are tokens
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();

    bool lexical_errors = false;
    int reported = 0;
    for (const antlr4::Token* token : tokens.getTokens()) {
      if (token->getType() >= SieveLexer::ERROR_UNTERMINATED_TEXT &&
          reported < limits::kMaxSyntaxErrors) {
        lexical_errors |= report_error_token(token, result.diagnostics);
        ++reported;
      }
    }
    if (lexical_errors || !check_nesting(tokens.getTokens(), result.diagnostics)) {
      return result;
    }

    SieveParser parser(&tokens);
    parser.removeErrorListeners();
    CollectingErrorListener listener(result.diagnostics);
    parser.addErrorListener(&listener);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    SieveParser::StartContext* tree = parser.start();
    if (parser.getNumberOfSyntaxErrors() > 0 || has_errors(result.diagnostics)) {
      return result;
    }
    TreeWalker walker(result.diagnostics);
    for (auto* cmd : tree->command()) result.ast.commands.push_back(walker.command(cmd));
  } catch (const std::exception& e) {
    result.diagnostics.push_back(
        error_at({1, 1}, "internal", std::string("parser failure: ") + e.what()));
  } catch (...) {
    result.diagnostics.push_back(error_at({1, 1}, "internal", "parser failure"));
  }
  return result;
}

}  // namespace sievegate::policy
