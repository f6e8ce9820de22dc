// The Sieve runtime's message: lazy header access and editheader changes.
#include "sieve/message/message.h"

#include <ostream>

#include "sieve/message/rfc2047.h"

namespace sievegate::policy::message {

namespace {

// RFC 5322 2.1.1: lines SHOULD be no more than 78 characters without the line end.
constexpr std::size_t kFoldColumn = 78;

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// Folds an unfolded field "Name: value" by inserting `eol` before whitespace (RFC 5322
// 2.2.3), never right after the colon and never producing a whitespace-only line. A run
// of text longer than a line without whitespace stays long.
std::string fold(std::string_view field, std::size_t value_begin, std::string_view eol) {
  std::string out;
  out.reserve(field.size() + field.size() / kFoldColumn * (eol.size() + 1));
  std::size_t line_begin = 0;
  std::size_t break_at = std::string::npos;  // position in `out` of the last candidate
  for (std::size_t i = 0; i < field.size(); ++i) {
    char c = field[i];
    if (is_wsp(c) && i > value_begin && !is_wsp(field[i - 1])) break_at = out.size();
    out.push_back(c);
    if (out.size() - line_begin > kFoldColumn && break_at != std::string::npos &&
        break_at > line_begin) {
      out.insert(break_at, eol);
      line_begin = break_at + eol.size();
      break_at = std::string::npos;
    }
  }
  return out;
}

}  // namespace

Message::Message(std::string_view raw, const MessageLimits& limits)
    : raw_(raw), limits_(limits) {}

void Message::parse() const {
  if (parsed_) return;
  parsed_ = true;
  header_ = parse_header_section(raw_, limits_.max_header_fields);
  // Added fields follow the style of the first line end (SMTP DATA has CRLF, files
  // usually LF); CRLF when there is none (RFC 5322 2.1).
  std::size_t lf = raw_.find('\n');
  eol_ = (lf != std::string_view::npos && (lf == 0 || raw_[lf - 1] != '\r')) ? "\n" : "\r\n";
}

std::string_view Message::body() const {
  parse();
  return header_.body;
}

const std::vector<HeaderField>& Message::fields() const {
  parse();
  return header_.fields;
}

std::vector<std::string> Message::header_values(std::string_view name) const {
  return field_values(fields(), name, /*decode=*/true);
}

std::vector<std::string> Message::raw_header_values(std::string_view name) const {
  return field_values(fields(), name, /*decode=*/false);
}

std::vector<std::string_view> Message::header_names() const {
  std::vector<std::string_view> names;
  for (const HeaderField& field : fields()) names.push_back(field.name);
  return names;
}

bool Message::has_header(std::string_view name) const {
  return find_field(fields(), name) != nullptr;
}

bool Message::header_truncated() const {
  parse();
  return header_.truncated;
}

bool Message::add_header(std::string_view name, std::string_view value, bool last) {
  if (!is_valid_field_name(name)) return false;
  parse();
  // A value from a script may hold line breaks; written as they are they would end the
  // field and start others. A line break followed by WSP is folding and is unfolded
  // (RFC 5322 2.2.3); any other run of CR, LF or NUL becomes one space. fold() below
  // folds the result again where it is long.
  auto is_break = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  std::string clean;
  clean.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!is_break(value[i])) {
      clean.push_back(value[i]);
      continue;
    }
    while (i + 1 < value.size() && is_break(value[i + 1])) ++i;
    if (i + 1 < value.size() && !is_wsp(value[i + 1])) clean.push_back(' ');
  }
  std::string encoded = encode_rfc2047(clean);  // RFC 5293 4: non-ASCII is encoded
  std::string line(name);
  line.push_back(':');
  if (!encoded.empty()) {
    line.push_back(' ');
    line += encoded;
  }
  auto text = std::make_unique<std::string>(fold(line, name.size() + 1, eol_));
  *text += eol_;
  std::string_view all = *text;
  HeaderField field;
  field.name = all.substr(0, name.size());
  field.value = all.substr(name.size() + 1, all.size() - name.size() - 1 - eol_.size());
  field.raw = all;
  owned_.push_back(std::move(text));
  if (last) {
    header_.fields.push_back(field);
  } else {
    header_.fields.insert(header_.fields.begin(), field);
  }
  changed_ = true;
  return true;
}

std::size_t Message::delete_header(std::string_view name, std::optional<FieldIndex> index,
                                   const ValuePredicate& matches) {
  parse();
  std::vector<std::size_t> named;
  for (std::size_t i = 0; i < header_.fields.size(); ++i) {
    if (iequals(header_.fields[i].name, name)) named.push_back(i);
  }
  if (index) {
    // RFC 5293 5: the index counts fields of that name, from the top or (with :last)
    // from the bottom, before any value-pattern is tried.
    if (index->number == 0 || index->number > named.size()) return 0;
    std::size_t pick = index->from_last ? named[named.size() - index->number]
                                        : named[index->number - 1];
    named.assign(1, pick);
  }
  std::size_t removed = 0;
  for (auto it = named.rbegin(); it != named.rend(); ++it) {  // back to front: stable
    const HeaderField& field = header_.fields[*it];
    if (matches && !matches(field_value(field, /*decode=*/true))) continue;
    header_.fields.erase(header_.fields.begin() + static_cast<std::ptrdiff_t>(*it));
    ++removed;
  }
  if (removed > 0) changed_ = true;
  return removed;
}

template <typename Fn>
void Message::for_each_piece(Fn&& fn) const {
  // Every header piece must end its line before the next one starts (the original last
  // line may lack a line end when the message has no body).
  auto header_piece = [&](std::string_view piece) {
    if (piece.empty()) return;
    fn(piece);
    if (piece.back() != '\n') fn(std::string_view(eol_));
  };
  header_piece(header_.prefix);
  for (const HeaderField& field : header_.fields) header_piece(field.raw);
  header_piece(header_.tail);
  if (!header_.separator.empty()) {
    fn(header_.separator);
  } else if (!header_.body.empty()) {
    fn(std::string_view(eol_));  // a body without header got one: it needs a separator
  }
  fn(header_.body);
}

std::size_t Message::size() const {
  if (!changed_) return raw_.size();
  std::size_t total = 0;
  for_each_piece([&](std::string_view piece) { total += piece.size(); });
  return total;
}

std::string Message::serialize() const {
  if (!changed_) return std::string(raw_);
  std::string out;
  out.reserve(size());
  for_each_piece([&](std::string_view piece) { out.append(piece); });
  return out;
}

void Message::write_to(std::ostream& out) const {
  if (!changed_) {
    out.write(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    return;
  }
  for_each_piece([&](std::string_view piece) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
  });
}

const MimeTree& Message::mime() const {
  if (!mime_) mime_ = std::make_unique<MimeTree>(parse_mime(raw_, limits_));
  return *mime_;
}

}  // namespace sievegate::policy::message
