// The policy seam's default: the synchronous hooks, answered at once; see policy.h.
#include "smtp/policy.h"

namespace sievegate::proxy {

const char* policy_stage_name(PolicyStage stage) {
  switch (stage) {
    case PolicyStage::kConnect: return "connect";
    case PolicyStage::kEhlo: return "ehlo";
    case PolicyStage::kAuth: return "auth";
    case PolicyStage::kMail: return "mail";
    case PolicyStage::kRcpt: return "rcpt";
    case PolicyStage::kData: return "data";
  }
  return "?";
}

std::optional<Verdict> StagePolicy::start(const StageRequest& r, const Resume&) {
  static const Envelope kNone;
  const Envelope& e = r.envelope ? *r.envelope : kNone;
  switch (r.stage) {
    case PolicyStage::kConnect: return connect(r.facts);
    case PolicyStage::kEhlo: return ehlo(r.facts);
    case PolicyStage::kAuth: return auth(r.facts);
    case PolicyStage::kMail: return mail(r.facts, e);
    case PolicyStage::kRcpt: return rcpt(r.facts, e);
    case PolicyStage::kData: return data(r.facts, e, r.message ? r.message->view() : std::string_view());
  }
  return Verdict{};
}

}  // namespace sievegate::proxy
