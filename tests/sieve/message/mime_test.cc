// MIME structure and part decoding (sieve/message/mime.h).
#include <catch2/catch.hpp>

#include <string>

#include "sieve/message/mime.h"

using namespace sievegate::policy::message;

namespace {

// One line per part: depth, media type, and the decoded text of text/* leaves.
std::string outline(const MimeTree& tree) {
  std::string out;
  for (const Part& p : tree.parts) {
    out += std::string(static_cast<std::size_t>(p.depth) * 2, ' ') + p.content_type.media_type();
    if (p.content_type.type == "text") out += " [" + decode_text(p) + "]";
    if (p.malformed) out += " (malformed)";
    out += "\n";
  }
  return out;
}

// A three-level message: mixed > alternative > (plain, related > (html, image)), plus a
// forwarded message/rfc822 and a base64 attachment. CRLF line ends throughout.
std::string nested_message() {
  std::string m =
      "From: a@example.com\n"
      "Subject: nested\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n"
      "\n"
      "This is the preamble, ignored.\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=inner\n"
      "\n"
      "--inner\n"
      "Content-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Caf=E9 au lait, a very long line that was wrapped with a soft=\n"
      " break.\n"
      "--inner\n"
      "Content-Type: multipart/related; boundary=\"innermost\"\n"
      "\n"
      "--innermost\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>caf\xc3\xa9</p>\n"
      "--innermost\n"
      "Content-Type: image/png\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0K\n"
      "--innermost--\n"
      "--inner--\n"
      "--outer\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "Subject: inner message\n"
      "Content-Type: text/plain; charset=windows-1252\n"
      "\n"
      "\x93quoted\x94\n"
      "--outer\n"
      "Content-Type: application/octet-stream; name=\"data.bin\"\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "aGVs\n"
      "bG8g\n"
      "d29y\n"
      "bGQ=\n"
      "--outer--\n"
      "This is the epilogue, ignored.\n";
  std::string crlf;
  for (char c : m) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return crlf;
}

}  // namespace

TEST_CASE("MIME: three levels of nesting, message/rfc822 and attachments", "[message]") {
  std::string raw = nested_message();
  MimeTree tree = parse_mime(raw);
  CHECK_FALSE(tree.limit_reached);
  CHECK(outline(tree) ==
        "multipart/mixed\n"
        "  multipart/alternative\n"
        "    text/plain [Caf\xc3\xa9 au lait, a very long line that was wrapped with a soft"
        " break.]\n"
        "    multipart/related\n"
        "      text/html [<p>caf\xc3\xa9</p>]\n"
        "      image/png\n"
        "  message/rfc822\n"
        "    text/plain [\xe2\x80\x9cquoted\xe2\x80\x9d]\n"
        "  application/octet-stream\n");

  const auto& parts = tree.parts;
  REQUIRE(parts.size() == 9);
  CHECK(parts[0].children == std::vector<std::size_t>{1, 6, 8});
  CHECK(parts[1].children == std::vector<std::size_t>{2, 3});
  CHECK(parts[3].children == std::vector<std::size_t>{4, 5});
  CHECK(parts[6].children == std::vector<std::size_t>{7});
  CHECK(parts[7].parent == 6);
  CHECK(parts[0].parent == Part::kNoParent);

  // Parts are views into the message; the line end before a delimiter is not content.
  CHECK(parts[4].body == "<p>caf\xc3\xa9</p>");
  CHECK(parts[4].body.data() >= raw.data());
  CHECK(parts[4].body.data() + parts[4].body.size() <= raw.data() + raw.size());
  CHECK(parts[7].fields.size() == 2);
  CHECK(field_values(parts[7].fields, "subject")[0] == "inner message");

  // Base64 spread over lines decodes; parameters are available.
  CHECK(parts[8].transfer_encoding == TransferEncoding::kBase64);
  CHECK(decode_content(parts[8]) == "hello world");
  CHECK(parts[8].content_type.param("NAME").value() == "data.bin");
  CHECK(decode_content(parts[5]) == "\x89PNG\r\n");

  // body :text: every text part, decoded, in order.
  CHECK(extract_text(tree) ==
        "Caf\xc3\xa9 au lait, a very long line that was wrapped with a soft break.\n"
        "<p>caf\xc3\xa9</p>\n"
        "\xe2\x80\x9cquoted\xe2\x80\x9d");
}

TEST_CASE("MIME: a message without Content-Type is text/plain us-ascii", "[message]") {
  MimeTree tree = parse_mime("Subject: x\n\nhello\n");
  REQUIRE(tree.parts.size() == 1);
  CHECK(tree.parts[0].content_type.media_type() == "text/plain");
  CHECK_FALSE(tree.parts[0].content_type.explicit_type);
  CHECK(tree.parts[0].content_type.param("charset").value() == "us-ascii");
  CHECK(extract_text(tree) == "hello\n");
}

TEST_CASE("MIME: malformed boundaries keep content visible", "[message]") {
  SECTION("boundary never occurs") {
    MimeTree tree = parse_mime(
        "Content-Type: multipart/mixed; boundary=abc\n\n--abd\nContent-Type: text/plain\n\n"
        "secret\n--abd--\n");
    REQUIRE(tree.parts.size() == 2);
    CHECK(tree.parts[0].malformed);
    CHECK(tree.parts[1].content_type.media_type() == "text/plain");
    CHECK(extract_text(tree).find("secret") != std::string::npos);
  }
  SECTION("boundary parameter missing") {
    MimeTree tree = parse_mime("Content-Type: multipart/mixed\n\nbody text\n");
    REQUIRE(tree.parts.size() == 2);
    CHECK(tree.parts[0].malformed);
    CHECK(extract_text(tree) == "body text\n");
  }
  SECTION("no close delimiter: the last part runs to the end") {
    MimeTree tree = parse_mime(
        "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n");
    REQUIRE(tree.parts.size() == 3);
    CHECK(tree.parts[0].malformed);
    CHECK(tree.parts[1].body == "one");
    CHECK(tree.parts[2].body == "two\n");
  }
  SECTION("a line that only starts like the delimiter is content") {
    MimeTree tree = parse_mime(
        "Content-Type: multipart/mixed; boundary=b\n\n"
        "--b\n\n--bx is text\n--b \n\nsecond\n--b--\n");
    REQUIRE(tree.parts.size() == 3);
    CHECK(tree.parts[1].body == "--bx is text");  // "--b " with padding is a delimiter
    CHECK(tree.parts[2].body == "second");
    CHECK_FALSE(tree.parts[0].malformed);
  }
  SECTION("delimiter in the middle of a line is content") {
    MimeTree tree = parse_mime(
        "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --b here\n--b--\n");
    REQUIRE(tree.parts.size() == 2);
    CHECK(tree.parts[1].body == "see --b here");
  }
  SECTION("a part without header") {
    MimeTree tree = parse_mime(
        "Content-Type: multipart/mixed; boundary=b\n\n--b\nno header here\n--b--\n");
    REQUIRE(tree.parts.size() == 2);
    CHECK(tree.parts[1].fields.empty());
    CHECK(tree.parts[1].body == "no header here");
  }
  SECTION("an unparsable Content-Type means text/plain") {
    MimeTree tree = parse_mime("Content-Type: garbage\n\nx");
    CHECK(tree.parts[0].content_type.media_type() == "text/plain");
  }
}

TEST_CASE("MIME: multipart/digest parts default to message/rfc822", "[message]") {
  MimeTree tree = parse_mime(
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n"
      "--d\nContent-Type: text/plain\n\nnot a message\n--d--\n");
  REQUIRE(tree.parts.size() == 4);
  CHECK(tree.parts[1].content_type.media_type() == "message/rfc822");
  CHECK(tree.parts[2].depth == 2);
  CHECK(field_values(tree.parts[2].fields, "Subject")[0] == "one");
  CHECK(tree.parts[3].content_type.media_type() == "text/plain");
}

TEST_CASE("MIME: depth and part limits stop the walk without failing", "[message]") {
  // 50 nested multiparts.
  std::string raw;
  std::string tail;
  for (int i = 0; i < 50; ++i) {
    std::string b = "b" + std::to_string(i);
    raw += "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\n";
    tail = "\n--" + b + "--\n" + tail;
  }
  raw += "Content-Type: text/plain\n\ndeep" + tail;
  MessageLimits limits;
  limits.max_mime_depth = 5;
  MimeTree tree = parse_mime(raw, limits);
  CHECK(tree.limit_reached);
  CHECK(tree.parts.size() == 6);
  CHECK(tree.parts.back().depth == 5);
  CHECK(tree.parts.back().children.empty());

  MimeTree full = parse_mime(raw);  // default depth 32 still stops before 50
  CHECK(full.limit_reached);

  std::string many = "Content-Type: multipart/mixed; boundary=m\n\n";
  for (int i = 0; i < 100; ++i) many += "--m\n\npart\n";
  many += "--m--\n";
  limits = MessageLimits{};
  limits.max_mime_parts = 10;
  tree = parse_mime(many, limits);
  CHECK(tree.limit_reached);
  CHECK(tree.parts.size() == 10);
  limits.max_mime_parts = 1000;
  tree = parse_mime(many, limits);
  CHECK_FALSE(tree.limit_reached);
  CHECK(tree.parts.size() == 101);
}

TEST_CASE("MIME: Content-Type parsing", "[message]") {
  struct Case {
    const char* value;
    const char* media_type;  // nullptr: unparsable
    const char* param;
    const char* param_value;
  };
  const Case cases[] = {
      {"text/plain", "text/plain", "charset", nullptr},
      {"TEXT/HTML; CHARSET=UTF-8", "text/html", "charset", "UTF-8"},
      {" text / plain ; charset = \"us-ascii\" (comment)", "text/plain", "charset", "us-ascii"},
      {"multipart/mixed;\r\n\tboundary=\"----=_Part_1\"", "multipart/mixed", "boundary",
       "----=_Part_1"},
      {"multipart/mixed; boundary=----=_Part_2_x.y", "multipart/mixed", "boundary",
       "----=_Part_2_x.y"},
      {"text/plain; name=\"a \\\"quoted\\\" name\"", "text/plain", "name", "a \"quoted\" name"},
      {"text/plain;; junk; charset=utf-8;", "text/plain", "charset", "utf-8"},
      {"(c) text/plain", "text/plain", "x", nullptr},
      // RFC 2231: continuations, charset and language, percent-encoding.
      {"application/x-stuff; title*0=\"This is \"; title*1=\"long\"", "application/x-stuff",
       "title", "This is long"},
      {"application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A",
       "application/x-stuff", "title", "This is ***fun***"},
      {"application/x-stuff; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*0*=us-ascii'en'This%20is"
       "%20even%20more%20; title*2=\"isn't it!\"",
       "application/x-stuff", "title", "This is even more ***fun*** isn't it!"},
      {"application/pdf; name*=iso-8859-1''r%E9sum%E9.pdf", "application/pdf", "name",
       "r\xc3\xa9sum\xc3\xa9.pdf"},
      {"application/pdf; name=\"plain.pdf\"; name*=utf-8''better.pdf", "application/pdf", "name",
       "better.pdf"},
      // RFC 2047 in a parameter (a violation, but common in file names).
      {"application/pdf; name=\"=?utf-8?q?caf=C3=A9.pdf?=\"", "application/pdf", "name",
       "caf\xc3\xa9.pdf"},
      // Unparsable.
      {"text", nullptr, "", nullptr},
      {"/plain", nullptr, "", nullptr},
      {"", nullptr, "", nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.value);
    auto ct = parse_content_type(c.value);
    if (c.media_type == nullptr) {
      CHECK_FALSE(ct.has_value());
      continue;
    }
    REQUIRE(ct.has_value());
    CHECK(ct->media_type() == c.media_type);
    auto value = ct->param(c.param);
    if (c.param_value == nullptr) {
      CHECK_FALSE(value.has_value());
    } else {
      REQUIRE(value.has_value());
      CHECK(*value == c.param_value);
    }
  }
}

TEST_CASE("MIME: transfer encodings and text decoding", "[message]") {
  CHECK(parse_transfer_encoding("Base64") == TransferEncoding::kBase64);
  CHECK(parse_transfer_encoding(" quoted-printable (c)") == TransferEncoding::kQuotedPrintable);
  CHECK(parse_transfer_encoding("8BIT") == TransferEncoding::k8Bit);
  CHECK(parse_transfer_encoding("binary") == TransferEncoding::kBinary);
  CHECK(parse_transfer_encoding("x-uuencode") == TransferEncoding::kUnknown);

  MimeTree tree = parse_mime(
      "Content-Type: text/plain; charset=ISO-8859-1\n"
      "Content-Transfer-Encoding: base64\n\n"
      "Q2Fm6SBh\r\ndSBsYWl0\r\n");
  CHECK(decode_text(tree.parts[0]) == "Caf\xc3\xa9 au lait");

  tree = parse_mime("Content-Type: text/plain; charset=x-unknown\n\nraw \xe9");
  CHECK(decode_text(tree.parts[0]) == "raw \xe9");  // unknown charset: bytes as is

  tree = parse_mime("Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlh");
  CHECK(decode_text(tree.parts[0]) == "GIF89a");
  CHECK(extract_text(tree).empty());
}
