// Officer: the institution's authorised officer's exchanges with the portal
// (docs/protocol.md, "The institution-paid route"), one request each.

#include "client/impl.hpp"
#include "client/institution_wire.hpp"

#include <nes/officer.hpp>

#include <boost/asio/error.hpp>

#include <openssl/evp.h>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
using op::failed;
using op::Outcome;
using op::refused;
using op::succeeded;

// Lowercase hexadecimal SHA-256, as the portal writes a list's version.
std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < length; ++i) {
    hex.push_back(digits[digest[i] >> 4]);
    hex.push_back(digits[digest[i] & 0x0f]);
  }
  return hex;
}

}  // namespace

class OfficerImpl {
 public:
  OfficerImpl(std::shared_ptr<SessionImpl> session, std::string institution_id)
      : session_(std::move(session)), institution_id_(std::move(institution_id)) {}

  [[nodiscard]] SessionImpl& session() const noexcept { return *session_; }
  [[nodiscard]] const std::string& institution_id() const noexcept { return institution_id_; }

  asio::awaitable<Outcome<StaffRequestReport>> upload(std::vector<StaffRequest> rows) {
    Exchange exchange{.method = "POST",
                      .url = path("/requests"),
                      .body = client::encode_staff_requests(rows),
                      .content_type = "application/json"};
    for (auto& row : rows) row.tckn.clear();
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<StaffRequestReport>(answer, client::decode_staff_request_report);
  }

  asio::awaitable<Outcome<InstitutionOverview>> overview() {
    Exchange exchange{.url = path("/applications"), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<InstitutionOverview>(answer, client::decode_institution_overview);
  }

  asio::awaitable<Outcome<InstitutionList>> list() {
    Exchange exchange{.url = path("/list"), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    auto text =
        read_answer<std::string>(answer, [](std::string_view body) { return std::optional(std::string(body)); });
    if (text.ec) co_return op::relay<InstitutionList>(text);
    // The officer checks these bytes: they must be the ones the portal meant.
    const std::string etag(answer.response.header("ETag"));
    const std::string version = sha256_hex(*text.result);
    if (answer.response.header("Repr-Digest") != repr_digest(*text.result) || etag != "\"" + version + "\"") {
      session_->client().log().write(LogLevel::warning, "the institution's list does not match its digest or version");
      co_return failed<InstitutionList>(errc::protocol_error);
    }
    co_return succeeded(InstitutionList{std::move(text.result).value(), version});
  }

  asio::awaitable<Outcome<ListDecision>> decide(std::string version, std::vector<HeldBack> excluded) {
    Exchange exchange{.method = "POST",
                      .url = path("/list/decisions"),
                      .body = SecretString(client::encode_decision_request(version, excluded)),
                      .content_type = "application/json"};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<ListDecision>(answer, client::decode_list_decision);
  }

  asio::awaitable<Outcome<ListDecision>> decision(std::string id) {
    Exchange exchange{.url = path("/list/decisions/" + id), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<ListDecision>(answer, client::decode_list_decision);
  }

  asio::awaitable<Outcome<SignatureProfile>> signature_profile() {
    auto info = co_await session_->client().info();
    if (info.ec) co_return op::relay<SignatureProfile>(info);
    co_return succeeded(info.result->signature_profile);
  }

  asio::awaitable<Outcome<ListDecision>> submit_signature(std::string id, std::string cms_der) {
    Exchange exchange{.method = "POST",
                      .url = path("/list/decisions/" + id + "/signature"),
                      .body = SecretString(cms_der),
                      .content_type = "application/pkcs7-signature"};
    auto answer = co_await session_->call(std::move(exchange));
    // A lost answer: the portal is asked where the decision stands rather
    // than sent the signature again.
    if (answer.ec && answer.ec != asio::error::operation_aborted) {
      auto now = co_await decision(id);
      if (!now.ec && now.result->status != ListDecisionStatus::awaiting_signature) co_return now;
    }
    co_return read_answer<ListDecision>(answer, client::decode_list_decision);
  }

 private:
  [[nodiscard]] std::string path(std::string_view tail) const {
    return session_->client().url("/api/v1/officer/institutions/" + institution_id_ + std::string(tail));
  }

  std::shared_ptr<SessionImpl> session_;
  std::string institution_id_;
};

}  // namespace detail

std::string_view to_string(ListDecisionStatus status) noexcept {
  switch (status) {
    case ListDecisionStatus::awaiting_signature:
      return "awaiting_signature";
    case ListDecisionStatus::signed_by_officer:
      return "signed";
    case ListDecisionStatus::paid:
      return "paid";
  }
  return "unknown";
}

Officer::Officer(Session session, std::string institution_id)
    : impl_(std::make_shared<detail::OfficerImpl>(session.impl(), std::move(institution_id))),
      session_(std::move(session)) {}

Officer::executor_type Officer::get_executor() const { return session_.get_executor(); }
const std::string& Officer::institution_id() const noexcept { return impl_->institution_id(); }
const Session& Officer::session() const noexcept { return session_; }

void Officer::upload_impl(Impl impl, std::vector<StaffRequest> rows, ResultHandler<StaffRequestReport> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::upload, std::move(handler), std::move(rows));
}

void Officer::overview_impl(Impl impl, ResultHandler<InstitutionOverview> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::overview, std::move(handler));
}

void Officer::list_impl(Impl impl, ResultHandler<InstitutionList> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::list, std::move(handler));
}

void Officer::decide_impl(Impl impl, std::string version, std::vector<HeldBack> excluded,
                          ResultHandler<ListDecision> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::decide, std::move(handler), std::move(version),
                    std::move(excluded));
}

void Officer::decision_impl(Impl impl, std::string decision_id, ResultHandler<ListDecision> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::decision, std::move(handler),
                    std::move(decision_id));
}

void Officer::signature_profile_impl(Impl impl, ResultHandler<SignatureProfile> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::signature_profile, std::move(handler));
}

void Officer::submit_signature_impl(Impl impl, std::string decision_id, std::string cms_der,
                                    ResultHandler<ListDecision> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::OfficerImpl::submit_signature, std::move(handler),
                    std::move(decision_id), std::move(cms_der));
}

}  // namespace nes
