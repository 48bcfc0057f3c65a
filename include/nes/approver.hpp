#pragma once
// Step 12, Başvuru Onay: approve a verified application (awaiting_approval)
// by e-imza, or choose the wet signature and get the form to sign by hand.
// Both report the fee (Ödenecek Tutar, KDV Dahil) in the application.
//
//   e-imza:  the exact bytes the portal serves are fetched (their
//            Repr-Digest checked), signed by the Signer (a PKCS#11 token, or
//            the caller's own) to the portal's signature profile (P2/P3/P4
//            with its policy, or CAdES-BES), and uploaded; the application
//            is `submitted`.
//   wet:     the wet route is declared (the application waits for the form,
//            `awaiting_wet_form`), and the form is written as a PDF with the
//            postal address. Running it again on an application already
//            waiting for its form writes the PDF again and changes nothing.
//
// Thread safety: as Application's.

#include <nes/application.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/signer.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace nes {

/// Where the wet-signature form goes: `{"basvuru.pdf"}`, or
/// `{"basvuru.pdf", "/path/to/font.ttf"}`. Not an aggregate on purpose, as
/// Credentials (ADR 0002): `co_await approver.async_approve_wet({"x.pdf"}, token)`
/// is safe on GCC 12.
class NES_EXPORT WetSignatureOptions {
 public:
  /// DejaVu Sans from Debian's fonts-dejavu-core: every Turkish letter.
  static constexpr const char* default_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

  WetSignatureOptions() = default;
  /// The PDF at `pdf_`, in the font `font_`.
  WetSignatureOptions(std::filesystem::path pdf_, std::filesystem::path font_ = default_font)
      : pdf(std::move(pdf_)), font(std::move(font_)) {}

  std::filesystem::path pdf;  ///< where the form goes
  /// A TrueType font with every Turkish letter; its -Bold sibling is used
  /// for headings when present.
  std::filesystem::path font = default_font;
};

/// An approval made: by e-imza (the signature) or by wet signature (the PDF).
struct NES_EXPORT Approval {
  /// The application after approval: status, fee (net, KDV, total), route.
  ApplicationInfo application;
  /// e-imza: the exact bytes signed, and the signature sent.
  std::string document;
  /// e-imza: the signature sent, with its signer.
  std::optional<Signature> signature;
  /// Wet signature: the PDF written, and where to post it once signed.
  std::filesystem::path pdf;
  /// Wet signature: where the signed form is posted.
  std::string postal_address;
};

/// Step 12 (Başvuru Onay) of one application: by e-imza with a Signer, or by wet signature.
class NES_EXPORT Approver {
 public:
  /// The executor the approver's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// For an application whose SMS code is verified.
  explicit Approver(Application application);

  /// The application's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// Approves by e-imza with `signer`. A signature the portal does not
  /// accept comes back as errc::portal_refused with its problem:
  /// signer_not_applicant (the certificate is someone else's),
  /// signer_untrusted, signer_certificate_expired, signature_invalid…
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_approve(std::shared_ptr<Signer> signer, Token&& token = {}) const {
    return detail::initiate<Approval>(std::forward<Token>(token),
                                      [a = application_, s = std::move(signer)](ResultHandler<Approval> h) mutable {
                                        approve_impl(a, std::move(s), std::move(h));
                                      });
  }

  /// Chooses the wet signature and writes the form. A missing font is
  /// errc::font_missing, found before anything is sent to the portal.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_approve_wet(WetSignatureOptions options, Token&& token = {}) const {
    return detail::initiate<Approval>(std::forward<Token>(token),
                                      [a = application_, o = std::move(options)](ResultHandler<Approval> h) mutable {
                                        approve_wet_impl(a, std::move(o), std::move(h));
                                      });
  }

 private:
  static void approve_impl(Application application, std::shared_ptr<Signer> signer, ResultHandler<Approval> handler);
  static void approve_wet_impl(Application application, WetSignatureOptions options, ResultHandler<Approval> handler);
  Application application_;
};

}  // namespace nes
