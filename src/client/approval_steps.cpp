// Step 12's three exchanges with the portal, as Application's operations:
// the exact bytes to approve (their Repr-Digest checked), a signature
// uploaded, the wet route declared. A lost answer is followed by a read of
// the application's status, never by the same request again.

#include "client/impl.hpp"
#include "crypto/base64.hpp"

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

}  // namespace

std::string repr_digest(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return "sha-256=:" + crypto::base64(digest, length) + ":";
}

asio::awaitable<Outcome<std::string>> ApplicationImpl::approval_document() {
  if (auto problem = not_submitted()) co_return refused<std::string>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.url = path("/approval/document"), .idempotent = true};
  auto answer = co_await session_->call(std::move(exchange));
  auto document =
      read_answer<std::string>(answer, [](std::string_view body) { return std::optional(std::string(body)); });
  if (document.ec) co_return document;
  // The bytes are what gets signed: they must be the ones the portal meant.
  if (answer.response.header("Repr-Digest") != repr_digest(*document.result)) {
    session_->client().log().write(LogLevel::warning, "the approval document does not match its Repr-Digest");
    co_return failed<std::string>(errc::protocol_error);
  }
  co_return document;
}

asio::awaitable<Outcome<SignatureProfile>> ApplicationImpl::signature_profile() {
  auto info = co_await session_->client().info();
  if (info.ec) co_return op::relay<SignatureProfile>(info);
  co_return succeeded(info.result->signature_profile);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::approve_e_signature(std::string cms_der) {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.method = "POST",
                    .url = path("/approval/e-signature"),
                    .body = SecretString(cms_der),
                    .content_type = "application/pkcs7-signature"};
  auto answer = co_await session_->call(std::move(exchange));
  // A lost answer: the portal is asked where the application stands rather
  // than sent the signature again.
  if (answer.ec && answer.ec != asio::error::operation_aborted) {
    auto now = co_await refresh();
    // Approved: with Kamu SM, or on the institution's list (institution-paid).
    if (!now.ec && (now.result->status == ApplicationStatus::submitted ||
                    now.result->status == ApplicationStatus::awaiting_institution)) {
      co_return now;
    }
  }
  co_return application_from(answer);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::declare_wet_signature() {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.method = "POST", .url = path("/approval/wet-signature")};
  auto answer = co_await session_->call(std::move(exchange));
  if (answer.ec && answer.ec != asio::error::operation_aborted) {
    auto now = co_await refresh();
    if (!now.ec && now.result->status == ApplicationStatus::awaiting_wet_form) co_return now;
  }
  co_return application_from(answer);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::approve_by_e_onay() {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.method = "POST", .url = path("/approval/e-onay")};
  auto answer = co_await session_->call(std::move(exchange));
  // A lost answer: the application's status says whether it was approved.
  if (answer.ec && answer.ec != asio::error::operation_aborted) {
    auto now = co_await refresh();
    if (!now.ec && now.result->approval == ApprovalRoute::e_onay) co_return now;
  }
  co_return application_from(answer);
}

}  // namespace detail

void Application::approval_document_impl(Impl impl, ResultHandler<std::string> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::approval_document, std::move(handler));
}

void Application::signature_profile_impl(Impl impl, ResultHandler<SignatureProfile> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::signature_profile, std::move(handler));
}

void Application::upload_signature_impl(Impl impl, std::string cms_der, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::approve_e_signature, std::move(handler),
                    std::move(cms_der));
}

void Application::approve_by_e_onay_impl(Impl impl, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::approve_by_e_onay, std::move(handler));
}

void Application::choose_wet_signature_impl(Impl impl, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::declare_wet_signature, std::move(handler));
}

}  // namespace nes
