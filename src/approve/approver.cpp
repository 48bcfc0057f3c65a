// Step 12: Başvuru Onay, composed of Application's approval operations. The
// exact bytes the portal serves are approved by e-imza (a Signer's CMS
// uploaded), or the wet signature is declared and the form written as a PDF
// for the person to sign by hand.

#include "op/launch.hpp"
#include "pdf/wet_form_pdf.hpp"

#include <nes/approver.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nes {

namespace {

namespace asio = boost::asio;
using op::failed;
using op::local_problem;
using op::Outcome;
using op::refused;
using op::succeeded;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A failed operation's outcome passed on as the approval's.
template <class T>
Outcome<Approval> stopped(error_code ec, const Result<T>& result) {
  if (const auto* problem = result.problem()) return refused<Approval>(ec, *problem);
  return failed<Approval>(ec);
}

asio::awaitable<Outcome<Approval>> approve(Application application, std::shared_ptr<Signer> signer) {
  if (!signer) {
    co_return refused<Approval>(errc::invalid_argument, local_problem("no_signer", "async_approve needs a Signer"));
  }
  auto [dec, document] = co_await application.async_approval_document(use_tuple);
  if (dec) co_return stopped(dec, document);
  auto [pec, profile] = co_await application.async_signature_profile(use_tuple);
  if (pec) co_return stopped(pec, profile);
  auto [ec, signature] = co_await signer->async_sign(*document, *profile, use_tuple);
  if (ec) co_return stopped(ec, signature);
  auto [aec, approved] = co_await application.async_upload_signature(signature->cms_der, use_tuple);
  if (aec) co_return stopped(aec, approved);
  Approval out;
  out.application = std::move(approved).value();
  out.document = std::move(document).value();
  out.signature = std::move(signature).value();
  co_return succeeded(std::move(out));
}

asio::awaitable<Outcome<Approval>> approve_wet(Application application, WetSignatureOptions options) {
  if (options.pdf.empty()) {
    co_return refused<Approval>(errc::invalid_argument,
                                local_problem("no_pdf_path", "WetSignatureOptions::pdf must say where the form goes"));
  }
  std::error_code io;
  if (!std::filesystem::is_regular_file(options.font, io)) {
    co_return refused<Approval>(errc::font_missing, local_problem("font_missing", "The PDF's font is missing",
                                                                  "no font at " + options.font.string()));
  }
  auto [rec, now] = co_await application.async_refresh(use_tuple);
  if (rec) co_return stopped(rec, now);
  // Already declared (a second run): only the PDF is written again.
  if (now->status != ApplicationStatus::awaiting_wet_form) {
    auto [wec, declared] = co_await application.async_choose_wet_signature(use_tuple);
    if (wec) co_return stopped(wec, declared);
    now = std::move(declared);
  }
  auto [dec, document] = co_await application.async_approval_document(use_tuple);
  if (dec) co_return stopped(dec, document);
  std::string why;
  const pdf::WetForm form{*document, now->postal_address, now->id};
  if (const auto ec = pdf::write_wet_form(form, options.pdf, options.font, why)) {
    co_return refused<Approval>(ec, local_problem(ec == errc::font_missing ? "font_missing" : "pdf_failed",
                                                  "The wet-signature form could not be written", why));
  }
  Approval out;
  out.application = std::move(now).value();
  out.document = std::move(document).value();
  out.pdf = options.pdf;
  out.postal_address = out.application.postal_address;
  co_return succeeded(std::move(out));
}

}  // namespace

Approver::Approver(Application application) : application_(std::move(application)) {}

Approver::executor_type Approver::get_executor() const { return application_.get_executor(); }

void Approver::approve_impl(Application application, std::shared_ptr<Signer> signer, ResultHandler<Approval> handler) {
  auto executor = application.get_executor();
  op::launch(executor, approve(std::move(application), std::move(signer)), std::move(handler));
}

void Approver::approve_wet_impl(Application application, WetSignatureOptions options, ResultHandler<Approval> handler) {
  auto executor = application.get_executor();
  op::launch(executor, approve_wet(std::move(application), std::move(options)), std::move(handler));
}

}  // namespace nes
