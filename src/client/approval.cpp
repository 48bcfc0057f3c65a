// Step 12: Başvuru Onay. The exact bytes the portal serves are approved by
// e-imza (a Signer's CMS uploaded), or the wet signature is declared and
// the form written as a PDF for the person to sign by hand.

#include "client/impl.hpp"
#include "net/ascii.hpp"
#include "pdf/wet_form_pdf.hpp"

#include <nes/approver.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/evp.h>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
using client::failed;
using client::local_problem;
using client::Outcome;
using client::refused;
using client::succeeded;

// RFC 9530: "sha-256=:<base64>:".
std::string repr_digest(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return "sha-256=:" + net::base64(digest, length) + ":";
}

}  // namespace

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
    if (!now.ec && now.result->status == ApplicationStatus::submitted) co_return now;
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

namespace {

asio::awaitable<Outcome<Approval>> approve(std::shared_ptr<ApplicationImpl> application,
                                           std::shared_ptr<Signer> signer) {
  if (!signer) {
    co_return refused<Approval>(errc::invalid_argument, local_problem("no_signer", "async_approve needs a Signer"));
  }
  auto document = co_await application->approval_document();
  if (document.ec) co_return client::relay<Approval>(document);
  auto [ec, signature] = co_await signer->async_sign(*document.result, asio::as_tuple(asio::use_awaitable));
  if (ec) {
    if (const auto* problem = signature.problem()) co_return refused<Approval>(ec, *problem);
    co_return failed<Approval>(ec);
  }
  auto approved = co_await application->approve_e_signature(signature->cms_der);
  if (approved.ec) co_return client::relay<Approval>(approved);
  Approval out;
  out.application = std::move(*approved.result);
  out.document = std::move(*document.result);
  out.signature = std::move(*signature);
  co_return succeeded(std::move(out));
}

asio::awaitable<Outcome<Approval>> approve_wet(std::shared_ptr<ApplicationImpl> application,
                                               WetSignatureOptions options) {
  if (options.pdf.empty()) {
    co_return refused<Approval>(errc::invalid_argument,
                                local_problem("no_pdf_path", "WetSignatureOptions::pdf must say where the form goes"));
  }
  std::error_code io;
  if (!std::filesystem::is_regular_file(options.font, io)) {
    co_return refused<Approval>(errc::font_missing, local_problem("font_missing", "The PDF's font is missing",
                                                                  "no font at " + options.font.string()));
  }
  auto now = co_await application->refresh();
  if (now.ec) co_return client::relay<Approval>(now);
  // Already declared (a second run): only the PDF is written again.
  if (now.result->status != ApplicationStatus::awaiting_wet_form) {
    now = co_await application->declare_wet_signature();
    if (now.ec) co_return client::relay<Approval>(now);
  }
  auto document = co_await application->approval_document();
  if (document.ec) co_return client::relay<Approval>(document);
  std::string why;
  const pdf::WetForm form{*document.result, now.result->postal_address};
  if (const auto ec = pdf::write_wet_form(form, options.pdf, options.font, why)) {
    co_return refused<Approval>(ec, local_problem(ec == errc::font_missing ? "font_missing" : "pdf_failed",
                                                  "The wet-signature form could not be written", why));
  }
  Approval out;
  out.application = std::move(*now.result);
  out.document = std::move(*document.result);
  out.pdf = options.pdf;
  out.postal_address = out.application.postal_address;
  co_return succeeded(std::move(out));
}

}  // namespace

}  // namespace detail

Approver::Approver(Application application) : impl_(application.impl()) {}

Approver::executor_type Approver::get_executor() const { return impl_->session().client().executor(); }

void Approver::approve_impl(Impl impl, std::shared_ptr<Signer> signer, ResultHandler<Approval> handler) {
  auto executor = impl->session().client().executor();
  client::launch(executor, detail::approve(std::move(impl), std::move(signer)), std::move(handler));
}

void Approver::approve_wet_impl(Impl impl, WetSignatureOptions options, ResultHandler<Approval> handler) {
  auto executor = impl->session().client().executor();
  client::launch(executor, detail::approve_wet(std::move(impl), std::move(options)), std::move(handler));
}

}  // namespace nes
