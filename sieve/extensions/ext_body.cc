// RFC 5173 body: the body test with its :raw / :content / :text transforms.
#include "base/ascii.h"
#include "sieve/extensions/extensions.h"
#include "sieve/message/message.h"
#include "sieve/message/mime.h"
#include "sieve/runtime/exec_context.h"

namespace sievegate::policy::extensions {
namespace {

// The typed arguments: the content types of :content (the transform is in the Operand).
struct BodyData : OperandData {
  StringList content_types;
};

void generate_body(Operand& op) {
  auto data = std::make_shared<BodyData>();
  if (auto it = op.string_tags.find("content"); it != op.string_tags.end()) {
    data->content_types = it->second;
  }
  op.data = std::move(data);
}

// RFC 5173 5.2: a multipart part stands for its prologue and epilogue.
std::string prologue_epilogue(const message::Part& part) {
  auto boundary = part.content_type.param("boundary");
  std::string_view body = part.body;
  if (!boundary) return std::string(body);
  std::string delimiter = "--" + std::string(*boundary);
  std::size_t first = body.find(delimiter);
  std::string out(body.substr(0, first == std::string_view::npos ? body.size() : first));
  std::size_t close = body.rfind(delimiter + "--");
  if (close != std::string_view::npos) {
    std::size_t eol = body.find('\n', close);
    if (eol != std::string_view::npos) out += std::string(body.substr(eol + 1));
  }
  return out;
}

// RFC 5173 5: the decoded content of every part whose content type matches one of
// `types` ("type" or "type/subtype"; "" matches all). For :text (`text_only`) the
// text/* parts are used and HTML is reduced to its text.
std::vector<std::string> body_parts(const message::Message& msg,
                                    const std::vector<std::string>& types, bool text_only) {
  std::vector<std::string> out;
  const message::MimeTree& tree = msg.mime();
  for (const message::Part& part : tree.parts) {
    const message::ContentType& ct = part.content_type;
    bool wanted = false;
    for (const std::string& t : types) {
      std::string want = ascii_lower(t);
      wanted |= want.empty() || want == ct.type || want == ct.media_type();
    }
    if (!wanted) continue;
    if (ct.type == "multipart") {
      if (!text_only) out.push_back(prologue_epilogue(part));
      continue;
    }
    if (ct.type != "text") {
      out.push_back(message::decode_content(part));
    } else if (text_only && ct.subtype == "html") {
      out.push_back(message::html_to_text(message::decode_text(part)));
    } else {
      out.push_back(message::decode_text(part));
    }
  }
  return out;
}

bool execute_body(ExecContext& ctx, const Operand& op) {
  const message::Message* msg = ctx.message();
  if (msg == nullptr) return false;
  // A message without the empty line after its header has no body at all (RFC 5322
  // 3.5): no value to test, so every body test is false, as in Pigeonhole.
  std::string_view raw = msg->raw();
  if (msg->body().empty() && raw.find("\n\n") == std::string_view::npos &&
      raw.find("\n\r\n") == std::string_view::npos) {
    return false;
  }
  std::vector<std::string> values;
  switch (op.body_transform) {
    case BodyTransform::kRaw:
      values.emplace_back(msg->body());
      break;
    case BodyTransform::kText:
      values = body_parts(*msg, {"text"}, true);
      break;
    case BodyTransform::kContent:
      values = body_parts(*msg, ctx.expand(op.typed<BodyData>().content_types), false);
      break;
  }
  return ctx.match(op, values, op.lists.at(0));
}

}  // namespace

void register_body(RegistryBuilder& r) {
  r.extension({"body", {}, ""});
  r.test("body", "body")
      .comparator()
      .match_type()
      .flag("raw", TagGroup::kBodyTransform)
      .tag_with("content", ArgType::kStringList, "content-types", TagGroup::kBodyTransform)
      .flag("text", TagGroup::kBodyTransform)
      .positional("key-list", ArgType::kStringList)
      .generate(generate_body)
      .execute(execute_body);
}

}  // namespace sievegate::policy::extensions
