#include <nes/field_paths.hpp>
#include <nes/messages.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace nes {

namespace {

struct Coded {
  std::string_view code;
  Message message;
};

// Indexed by the errc's value less one, as the messages below.
constexpr std::array<std::string_view, 42> errc_names = {
    "validation_failed",
    "malformed_input",
    "invalid_argument",
    "resource_in_use",
    "connection_failed",
    "timed_out",
    "certificate_untrusted",
    "certificate_expired",
    "host_name_mismatch",
    "tls_version_refused",
    "pin_mismatch",
    "tls_failed",
    "proxy_failed",
    "too_many_redirects",
    "connection_lost",
    "protocol_error",
    "portal_refused",
    "state_mismatch",
    "pkcs11_module_not_found",
    "pkcs11_module_failed",
    "token_not_found",
    "certificate_not_found",
    "certificate_ambiguous",
    "certificate_not_for_signing",
    "signer_certificate_expired",
    "pin_incorrect",
    "pin_locked",
    "token_failed",
    "font_missing",
    "pdf_failed",
    "pcsc_unavailable",
    "reader_not_found",
    "pcsc_failed",
    "journal_failed",
    "timestamp_refused",
    "timestamp_invalid",
    "certificate_not_qualified",
    "certificate_revoked",
    "revocation_unavailable",
    "puk_incorrect",
    "puk_locked",
    "pin_rejected",
};

// Indexed by the errc's value less one; the test checks every value.
constexpr std::array<Message, 42> errc_messages = {{
    {"Girilen bilgilerde düzeltilmesi gereken alanlar var.", "Some of what was given must be corrected."},
    {"Girdi belgelenen biçimde okunamadı.", "The input cannot be read in the documented format."},
    {"Geçersiz bir seçenek ya da değer verildi.", "An option or value that is not accepted was given."},
    {"Kaynak başka bir işlem tarafından kullanılıyor.", "The resource is in use by another process."},
    {"Sunucuya bağlanılamadı.", "Cannot connect to the server."},
    {"Sunucu zamanında yanıt vermedi.", "The server did not answer in time."},
    {"Sunucunun sertifikasına güvenilmiyor.", "The server's certificate is not trusted."},
    {"Sunucunun sertifikasının süresi dolmuş ya da henüz geçerli değil.",
     "The server's certificate has expired or is not yet valid."},
    {"Sunucunun sertifikası başka bir adres için.", "The server's certificate is for another host name."},
    {"Sunucu TLS 1.2 ya da daha yeni bir sürüm sunmuyor.", "The server offers no TLS version of 1.2 or later."},
    {"Sunucunun anahtarı sabitlenen anahtar değil.", "The server's key is not the pinned key."},
    {"Güvenli bağlantı (TLS) kurulamadı.", "The secure connection (TLS) could not be set up."},
    {"Vekil sunucu (proxy) bağlantıyı reddetti.", "The HTTPS proxy refused the tunnel."},
    {"Çok fazla yönlendirme.", "Too many redirects."},
    {"Bağlantı yanıt tamamlanmadan kesildi.", "The connection was lost before the whole answer came."},
    {"Sunucunun yanıtı protokole uygun değil.", "The server's answer does not follow the protocol."},
    {"Portal isteği reddetti.", "The portal refused the request."},
    {"e-Devlet girişi başka bir girişe ait bir yanıtla döndü; yanıt kullanılmadı.",
     "The e-Devlet login came back with another login's answer; it was not used."},
    {"PKCS#11 modülü bulunamadı.", "No PKCS#11 module found."},
    {"PKCS#11 modülü yüklenemedi.", "The PKCS#11 module failed to load."},
    {"Akıllı kart ya da e-imza aracı bulunamadı.", "No such smart card or e-signature token."},
    {"Kartta özel anahtarıyla birlikte bu sertifika bulunamadı.",
     "No such certificate with a private key on the card."},
    {"Kartta imza atabilecek birden fazla sertifika var; birini seçin.",
     "More than one certificate on the card could sign; choose one."},
    {"Sertifika e-imza (inkâr edilemezlik) için değil.", "The certificate does not allow nonRepudiation."},
    {"İmza sertifikasının süresi dolmuş ya da henüz geçerli değil.",
     "The signing certificate has expired or is not yet valid."},
    {"PIN hatalı.", "The PIN is wrong."},
    {"PIN kilitlendi.", "The PIN is locked."},
    {"Kart ya da e-imza aracı bir hata verdi.", "The card or token failed."},
    {"PDF için yazı tipi bulunamadı.", "The font for the PDF is missing."},
    {"PDF oluşturulamadı.", "The PDF could not be made."},
    {"Kart okuyucu hizmeti (pcscd) çalışmıyor.", "No card reader service (is pcscd running?)."},
    {"Bu adda bir kart okuyucu yok.", "No card reader with that name."},
    {"Kart okuyucu hizmeti bir hata verdi.", "The card reader service failed."},
    {"Başvuru kaydı (günlük) okunamıyor ya da yazılamıyor.", "The journal cannot be read or written."},
    {"Zaman damgası hizmeti isteği reddetti.", "The time-stamp service refused the request."},
    {"Zaman damgası hizmetinin yanıtı geçerli bir zaman damgası değil.",
     "The time-stamp service's answer is not a valid time stamp."},
    {"Sertifika nitelikli elektronik sertifika (NES) değil.", "The certificate is not a qualified NES certificate."},
    {"İmzadaki bir sertifika iptal edilmiş ya da askıya alınmış.",
     "A certificate of the signature is revoked or suspended."},
    {"Bir sertifikanın geçerlilik durumu (OCSP ya da SİL) alınamadı.",
     "A certificate's status (OCSP or CRL) could not be had."},
    {"PUK hatalı.", "The PUK is wrong."},
    {"PUK da kilitlendi: yeni kart için Kamu SM'ye başvurun.", "The PUK is locked too: ask Kamu SM for a new card."},
    {"Kart yeni PIN'i kabul etmedi: uzunluğu ya da karakterleri uygun değil.",
     "The card does not take the new PIN: its length or its characters."},
}};

// Sorted by code, for the binary search below; the test checks the order.
constexpr std::array problem_messages = {
    Coded{"access_code_invalid",
          {"Erişim parolası geçersiz: iş e-postanıza gelen parolayı yazın; bir parola tek başvuru açar.",
           "The access code is not valid: type the code e-mailed to your work address; a code opens one application."}},
    Coded{"access_code_used",
          {"Bu erişim parolası bir başvuruda kullanıldı.", "This access code was used for an application."}},
    Coded{"card_collected",
          {"Kartın anahtarı kart üretimine daha önce verildi; portal onu artık tutmuyor.",
           "The card's key was given to card production before; the portal no longer holds it."}},
    Coded{"certificate_ambiguous",
          {"Kartta imza atabilecek birden fazla sertifika var; birini seçin.",
           "More than one certificate on the card could sign; choose one."}},
    Coded{"certificate_changed",
          {"Sertifikanın durumu bu arada değişti; listeyi yeniden alın.",
           "The certificate's state changed meanwhile; list it again."}},
    Coded{"certificate_expired",
          {"Sertifikanın süresi dolmuş; bu işlem yapılamaz. Yeni sertifika için yeni başvuru yapın.",
           "The certificate has expired; this cannot be done with it. Apply anew for a new certificate."}},
    Coded{"certificate_not_for_signing",
          {"Sertifika e-imza (inkâr edilemezlik) için değil.", "The certificate does not allow nonRepudiation."}},
    Coded{"certificate_not_found",
          {"Kartta özel anahtarıyla birlikte bu sertifika bulunamadı.",
           "No such certificate with a private key on the card."}},
    Coded{"certificate_not_qualified",
          {"Sertifika nitelikli elektronik sertifika (NES) değil: nitelikli sertifika beyanları ya da sertifika "
           "politikası eksik.",
           "The certificate is not a qualified NES certificate: its qualified statements or its certificate policy "
           "are missing."}},
    Coded{"certificate_not_suspended",
          {"Sertifika askıda değil; askıdan indirilecek bir şey yok.",
           "The certificate is not suspended; there is nothing to lift."}},
    Coded{"certificate_revoked",
          {"Sertifika iptal edilmiş ya da askıya alınmış; bu sertifikayla imza atılamaz.",
           "The certificate is revoked or suspended; it cannot sign."}},
    Coded{"certificate_suspended",
          {"Sertifika askıda; önce askıdan indirin.", "The certificate is suspended; lift the suspension first."}},
    Coded{"change_confirmed", {"Bu değişiklik daha önce onaylandı.", "This change was confirmed already."}},
    Coded{"commitment_type_missing",
          {"E-imza, başvuruyu onayladığını belirten taahhüt türünü (onay kanıtı) taşımıyor.",
           "The e-signature does not carry the commitment type proof of approval."}},
    Coded{"crl_invalid",
          {"Sertifika iptal listesi (SİL) geçerli değil: okunamıyor, imzası tutmuyor ya da süresi geçmiş.",
           "The certificate revocation list is not valid: unreadable, wrongly signed or out of date."}},
    Coded{"csrf_rejected",
          {"İstek portalın güvenlik denetiminden geçmedi; yeniden giriş yapın.",
           "The request failed the portal's security check; log in again."}},
    Coded{"decision_already_signed",
          {"Bu liste kararı zaten imzalandı; yeni karar için listeyi yeniden alın.",
           "This list decision is already signed; fetch the list again for a new one."}},
    Coded{
        "duplicate_application",
        {"Bu kurum için açık bir başvurunuz zaten var.", "You already have an open application for this institution."}},
    Coded{"e_onay_not_given",
          {"Verilmiş bir E-Onay yok: başvuruyu e-imza ya da ıslak imza ile onaylayın, ya da önce E-Onay verin.",
           "No E-Onay stands: approve the application by e-imza or wet signature, or give E-Onay first."}},
    Coded{"e_signature_not_offered",
          {"e-Devlet kapısı e-imza ile giriş sunmuyor; şifreyle giriş yapın.",
           "The e-Devlet gateway offers no e-imza login; log in with the password."}},
    Coded{"e_signature_required",
          {"Yenileme başvurusu, yenilenen sertifikayla e-imza ile onaylanır; ıslak imza ya da E-Onay olmaz.",
           "A renewal is approved by e-imza with the certificate it renews, not by wet signature or E-Onay."}},
    Coded{"font_missing", {"PDF için yazı tipi bulunamadı.", "The font for the PDF is missing."}},
    Coded{"headers_too_large", {"İsteğin başlıkları çok büyük.", "The request's headers are too large."}},
    Coded{
        "idempotency_key_reused",
        {"Aynı başvuru anahtarı başka bir formla kullanıldı.", "The same submission key was used with another form."}},
    Coded{"institution_paid",
          {"Bu kurum personelinin sertifika ücretini kendisi öder: Kurum Ödemeli başvuru yolunu kullanın.",
           "This institution pays for its staff's certificates: use the institution-paid route."}},
    Coded{"internal", {"Portalda bir iç hata oluştu.", "The portal had an internal error."}},
    Coded{"invalid_client",
          {"e-Devlet girişi reddedildi: uygulama tanınmıyor.", "The e-Devlet login was refused: unknown client."}},
    Coded{"invalid_code", {"SMS kodu 6 rakamdan oluşur.", "The SMS code is six digits."}},
    Coded{"invalid_credentials",
          {"T.C. Kimlik No ya da e-Devlet şifresi hatalı.", "The T.C. Kimlik No or the e-Devlet password is wrong."}},
    Coded{"invalid_form", {"Formda düzeltilmesi gereken alanlar var.", "The form has fields to correct."}},
    Coded{"invalid_grant",
          {"e-Devlet girişinin yetki kodu geçersiz ya da süresi dolmuş; yeniden giriş yapın.",
           "The e-Devlet login's authorisation code is invalid or expired; log in again."}},
    Coded{"invalid_redirect_uri",
          {"e-Devlet girişi reddedildi: dönüş adresi kayıtlı değil.",
           "The e-Devlet login was refused: the redirect address is not registered."}},
    Coded{"invalid_request", {"Portal isteği okuyamadı.", "The portal could not read the request."}},
    Coded{"invalid_transition",
          {"Başvurunun şimdiki durumu bu işleme izin vermiyor.", "The application's status does not allow this."}},
    Coded{"list_changed",
          {"Kurumun başvuru listesi siz bakarken değişti; listeyi yeniden alıp kontrol edin.",
           "The institution's application list changed meanwhile; fetch it again and check it."}},
    Coded{"login_request_invalid",
          {"e-Devlet giriş isteğinin süresi doldu; girişi baştan yapın.",
           "The e-Devlet login request expired; log in again."}},
    Coded{"method_not_allowed",
          {"Portal bu işlemi bu adreste kabul etmiyor.", "The portal does not accept this operation at this address."}},
    Coded{"name_not_as_registered",
          {"Formdaki ad ya da soyad kimlik kaydınızdakiyle (MERNİS) aynı değil.",
           "The first or last name on the form is not as in your identity record (MERNİS)."}},
    Coded{"no_form", {"Başvurunun gönderilecek formu yok.", "The application has no form to submit."}},
    Coded{"no_issuing_ca",
          {"Portalın sertifika verecek bir e-imza kök sertifikası yok; kart üretilemez.",
           "The portal has no e-imza CA to issue from; the card cannot be made."}},
    Coded{"no_pdf_path", {"PDF'in yazılacağı yer verilmedi.", "No place was given for the PDF."}},
    Coded{"no_pin_source", {"PIN'i soracak bir kaynak verilmedi.", "Nothing was given to ask for the PIN."}},
    Coded{"no_security_word",
          {"Başvuruda güvenlik sözcüğü yok: PUK'u Kamu SM, kimliğinizi görerek verir.",
           "The application set no security word: Kamu SM gives the PUK on sight of your identity card."}},
    Coded{"no_signer", {"İmzalayacak bir e-imza aracı verilmedi.", "No signer was given."}},
    Coded{"not_applicant", {"Bu başvuru size ait değil.", "This application is not yours."}},
    Coded{"not_found", {"Portal istenen kaydı bulamadı.", "The portal found no such record."}},
    Coded{"not_institution_paid",
          {"Bu kurum sertifika ücretini ödemiyor: Kişi Ödemeli başvuru yolunu kullanın.",
           "This institution does not pay for certificates: use the person-paid route."}},
    Coded{"not_officer",
          {"Bu kurumun yetkilisi olarak kayıtlı değilsiniz.",
           "You are not registered as an authorised officer of this institution."}},
    Coded{"not_staff",
          {"Seçilen kurumun personel kaydında bulunmuyorsunuz.",
           "You are not on the chosen institution's staff register."}},
    Coded{"not_submitted", {"Başvuru henüz gönderilmedi.", "The application has not been submitted yet."}},
    Coded{"nothing_to_sign",
          {"Listede onaylanacak başvuru kalmadı; imzalanacak bir şey yok.",
           "No application is left on the list to approve; there is nothing to sign."}},
    Coded{"notices_not_acknowledged",
          {"Kurumun duyuruları onaylanmadı.", "The institution's notices were not acknowledged."}},
    Coded{"ocsp_answer_invalid",
          {"OCSP yanıtı geçerli değil: okunamıyor, yetkisiz imzalanmış, başka bir sertifika için ya da güncel değil.",
           "The OCSP answer is not valid: unreadable, signed without authority, about another certificate or not "
           "current."}},
    Coded{"ocsp_refused", {"OCSP hizmeti sorguyu yanıtlamadı.", "The OCSP service did not answer the question."}},
    Coded{"otp_expired",
          {"SMS kodunun süresi doldu; yeni bir kod isteyin.", "The SMS code has expired; ask for a new one."}},
    Coded{"otp_invalid", {"SMS kodu hatalı.", "The SMS code is wrong."}},
    Coded{"otp_locked",
          {"Çok sayıda hatalı SMS kodu girildi; kod kilitlendi.", "Too many wrong SMS codes: the code is locked."}},
    Coded{"otp_resend_too_early",
          {"Yeni bir SMS kodu istemek için henüz erken.", "It is too early to ask for a new SMS code."}},
    Coded{"paid_by_invoice",
          {"Kurum ödemeli başvurunun ücreti kurumun faturasıyla ödenir.",
           "An institution-paid application is paid by the institution's invoice."}},
    Coded{"payload_too_large", {"Gönderilen veri çok büyük.", "What was sent is too large."}},
    Coded{"payment_amount_mismatch",
          {"Ödenen tutar başvurunun ücretiyle aynı değil.", "The amount paid is not the application's fee."}},
    Coded{"phone_not_registered",
          {"Cep telefonu numarası sizin adınıza kayıtlı değil.", "The mobile number is not registered to you."}},
    Coded{"pin_incorrect", {"PIN hatalı.", "The PIN is wrong."}},
    Coded{"pin_locked",
          {"PIN kilitlendi: PUK ile kilidini çözün (PIN Oluşturma/Kilit Çözme).",
           "The PIN is locked: unblock it with the PUK (PIN Oluşturma/Kilit Çözme)."}},
    Coded{"pin_rejected",
          {"Kart yeni PIN'i kabul etmedi: uzunluğu ya da karakterleri uygun değil.",
           "The card does not take the new PIN: its length or its characters."}},
    Coded{"pkcs11_module_failed", {"PKCS#11 modülü yüklenemedi.", "The PKCS#11 module failed to load."}},
    Coded{"puk_incorrect", {"PUK hatalı.", "The PUK is wrong."}},
    Coded{"puk_locked",
          {"PUK da kilitlendi: yeni kart için Kamu SM'ye başvurun.",
           "The PUK is locked too: ask Kamu SM for a new card."}},
    Coded{"puk_released",
          {"Kartın PUK'u daha önce verildi; kaybettiyseniz Kamu SM'ye başvurun.",
           "The card's PUK was given before; if it is lost, ask Kamu SM."}},
    Coded{"rate_limited", {"Çok fazla deneme yapıldı.", "Too many attempts."}},
    Coded{"renewal_not_due",
          {"Sertifika henüz yenilenemez: yenileme, süresinin bitmesinden üç ay önce açılır.",
           "The certificate cannot be renewed yet: renewal opens three months before it expires."}},
    Coded{"renewed_certificate_not_found",
          {"Yenilenecek sertifika sizin sertifikalarınız arasında yok.",
           "The certificate to renew is not one of yours."}},
    Coded{"revocation_source_missing",
          {"Sertifikada OCSP adresi ya da SİL dağıtım noktası yok.",
           "The certificate names no OCSP address or CRL distribution point."}},
    Coded{"revocation_source_unreachable",
          {"Sertifika durum hizmetine (OCSP ya da SİL adresi) ulaşılamadı.",
           "The certificate status service (OCSP or CRL address) could not be reached."}},
    Coded{"security_word_incorrect",
          {"Güvenlik sözcüğü başvurudakiyle aynı değil.", "The security word is not the application's."}},
    Coded{"security_word_locked",
          {"Güvenlik sözcüğü çok kez yanlış girildi: PUK'u artık Kamu SM, kimliğinizi görerek verir.",
           "The security word was wrong too often: Kamu SM now gives the PUK on sight of your identity card."}},
    Coded{"session_expired",
          {"Oturumun süresi doldu; yeniden giriş gerekiyor.", "The session has expired; a new login is needed."}},
    Coded{"signature_invalid", {"E-imza doğrulanamadı.", "The e-signature does not verify."}},
    Coded{"signature_policy_mismatch",
          {"E-imzanın imza politikası portalın istediği profile uymuyor.",
           "The e-signature's signature policy is not the one the portal's profile requires."}},
    Coded{"signature_policy_missing",
          {"E-imza bir imza politikası belirtmiyor; portal bir Türk imza profili istiyor.",
           "The e-signature names no signature policy; the portal requires a Turkish signature profile."}},
    Coded{"signature_profile_invalid", {"İmza profili kullanılamaz durumda.", "The signature profile is not usable."}},
    Coded{"signature_time_stamp_invalid",
          {"E-imzanın zaman damgası geçersiz ya da güvenilen bir zaman damgası hizmetinden değil.",
           "The e-signature's time stamp is invalid or not from a trusted time-stamp service."}},
    Coded{"signature_time_stamp_late",
          {"Zaman damgası, imza zamanından üç saatten daha sonra alınmış.",
           "The time stamp was made more than three hours after the signing time."}},
    Coded{"signature_time_stamp_missing",
          {"Portalın istediği imza profili zaman damgalı e-imza (CAdES-T) gerektiriyor.",
           "The portal's signature profile requires a time-stamped e-signature (CAdES-T)."}},
    Coded{"signer_certificate_expired",
          {"İmza sertifikasının süresi dolmuş ya da henüz geçerli değil.",
           "The signing certificate has expired or is not yet valid."}},
    Coded{"signer_not_applicant",
          {"İmza sertifikası başvuru sahibine ait değil.", "The signing certificate is not the applicant's."}},
    Coded{"signer_not_non_repudiation",
          {"İmza sertifikası e-imza (inkâr edilemezlik) için değil.",
           "The signing certificate does not allow nonRepudiation."}},
    Coded{"signer_not_officer",
          {"İmzalayan sertifika kurum yetkilisinin (sizin) değil.",
           "The signing certificate is not the institution officer's (yours)."}},
    Coded{"signer_not_qualified",
          {"İmza sertifikası nitelikli elektronik sertifika (NES) değil.",
           "The signing certificate is not a qualified NES certificate."}},
    Coded{"signer_not_renewed_certificate",
          {"Onay, yenilenen sertifikayla imzalanmalı; bu imza başka bir sertifikanın.",
           "The approval must be signed with the certificate being renewed; this is another certificate's."}},
    Coded{"signer_revoked",
          {"İmzalayanın sertifikası, imzadaki doğrulama verisine göre iptal edilmiş.",
           "The signer's certificate is revoked, says the signature's validation data."}},
    Coded{"signer_untrusted",
          {"İmza sertifikası güvenilen bir e-imza sağlayıcısından değil.",
           "The signing certificate is not from a trusted e-signature provider."}},
    Coded{"signing_certificate_mismatch",
          {"E-imzadaki imzacı sertifikası özeti, imzalayan sertifikaya uymuyor.",
           "The e-signature's signing-certificate digest does not match the certificate that signed."}},
    Coded{"signing_certificate_missing",
          {"E-imza imzacı sertifikasını (signing-certificate-v2) belirtmiyor: CAdES imzası değil.",
           "The e-signature does not name its signing certificate (signing-certificate-v2): it is not CAdES."}},
    Coded{"signing_session_closed",
          {"İmza oturumu kapandı; yeni bir oturum açın (PIN yeniden sorulur).",
           "The signing session is closed; open a new one (the PIN is asked again)."}},
    Coded{"signing_session_open",
          {"Bu kartta açık bir imza oturumu var; onunla imzalayın ya da önce kapatın.",
           "A signing session is open on this card; sign with it, or close it first."}},
    Coded{"signing_time_implausible",
          {"E-imzanın imza zamanı inandırıcı değil.", "The e-signature's signing time is not plausible."}},
    Coded{"signing_time_missing",
          {"E-imza imza zamanını belirtmiyor.", "The e-signature does not state its signing time."}},
    Coded{"token_failed", {"Kart ya da e-imza aracı bir hata verdi.", "The card or token failed."}},
    Coded{"tsa_answer_malformed",
          {"Zaman damgası hizmetinin yanıtı okunamadı.", "The time-stamp service's answer cannot be read."}},
    Coded{"tsa_identity_invalid",
          {"Zaman damgası hizmeti müşteri numarasını ya da parolayı kabul etmedi.",
           "The time-stamp service did not accept the customer number or the password."}},
    Coded{"tsa_imprint_mismatch",
          {"Zaman damgası istenen veriye ait değil.", "The time stamp is not for the data asked for."}},
    Coded{"tsa_nonce_mismatch", {"Zaman damgası bu isteğe ait değil.", "The time stamp does not answer this request."}},
    Coded{"tsa_not_enough_credit", {"Zaman damgası krediniz yetersiz.", "Not enough time-stamp credit."}},
    Coded{"tsa_policy_mismatch",
          {"Zaman damgası istenen politikayla verilmemiş.", "The time stamp is not under the policy asked for."}},
    Coded{"tsa_query_invalid", {"Zaman damgası isteği oluşturulamadı.", "The time-stamp request could not be made."}},
    Coded{"tsa_refused", {"Zaman damgası hizmeti isteği reddetti.", "The time-stamp service refused the request."}},
    Coded{"tsa_signature_invalid",
          {"Zaman damgasının imzası doğrulanamadı.", "The time stamp's signature does not verify."}},
    Coded{"tsa_unknown_user",
          {"Zaman damgası hizmeti bu müşteri numarasını tanımıyor.",
           "The time-stamp service does not know this customer number."}},
    Coded{"tsa_untrusted",
          {"Zaman damgası hizmetinin sertifikasına güvenilmiyor.",
           "The time-stamp service's certificate is not trusted."}},
    Coded{"unauthenticated", {"Oturum açılmamış; giriş yapın.", "Not logged in; log in first."}},
    Coded{"unavailable", {"Portal şu an hizmet veremiyor.", "The portal is unavailable now."}},
    Coded{"unsupported_grant_type",
          {"e-Devlet girişi reddedildi: desteklenmeyen yetki türü.",
           "The e-Devlet login was refused: unsupported grant type."}},
    Coded{"unsupported_media_type",
          {"Portal isteğin biçimini kabul etmiyor.", "The portal does not accept the request's format."}},
    Coded{"unsupported_response_type",
          {"e-Devlet girişi reddedildi: desteklenmeyen yanıt türü.",
           "The e-Devlet login was refused: unsupported response type."}},
    Coded{"update_required",
          {"Kimlik bilgileriniz sertifika verildikten sonra değişti: yenileme değil, güncelleme başvurusu gerekir.",
           "Your identity record changed since the certificate was issued: apply for an update, not a renewal."}},
    Coded{"validation_data_invalid",
          {"E-imzadaki doğrulama verisi tutarsız ya da eksik: başvurular değerlerle eşleşmiyor ya da imzalayanın "
           "veya zaman damgasının durum bilgisi doğrulanamıyor.",
           "The e-signature's validation data is inconsistent or incomplete: references and values disagree, or the "
           "status of the signer or of the time stamp cannot be verified."}},
    Coded{"validation_data_missing",
          {"Portalın istediği profil (P3, P4) e-imzada doğrulama verisi (sertifika ve iptal değerleri ile "
           "başvuruları) ister.",
           "The portal's profile (P3, P4) requires validation data in the e-signature (certificate and revocation "
           "values and their references)."}},
    Coded{"validation_path_incomplete",
          {"Bir sertifikayı veren kökün sertifikası verilmedi; doğrulama yolu tamamlanamadı.",
           "The certificate of a certificate's issuer was not given; the validation path is incomplete."}},
};

constexpr std::array field_labels = {
    Coded{fields::certificate_card_reader, {"Kart okuyucu", "Card reader"}},
    Coded{fields::certificate_publish_online, {"Sertifikanın yayımlanması", "Publish the certificate"}},
    Coded{fields::certificate_security_word, {"Güvenlik sözcüğü", "Security word"}},
    Coded{fields::certificate_validity_years, {"Geçerlilik süresi", "Validity"}},
    Coded{fields::delivery_address_line, {"Adres", "Address"}},
    Coded{fields::delivery_address_type, {"Adres türü", "Address type"}},
    Coded{fields::delivery_district, {"İlçe", "District"}},
    Coded{fields::delivery_postal_code, {"Posta kodu", "Postal code"}},
    Coded{fields::delivery_province, {"İl", "Province"}},
    Coded{fields::identity_email, {"E-posta", "E-mail"}},
    Coded{fields::identity_first_name, {"Ad", "First name"}},
    Coded{fields::identity_info_channel, {"Bilgilendirme kanalı", "Information channel"}},
    Coded{fields::identity_last_name, {"Soyad", "Last name"}},
    Coded{fields::identity_mobile_phone, {"Cep telefonu", "Mobile phone"}},
    Coded{fields::identity_tckn, {"T.C. Kimlik No", "T.C. Kimlik No"}},
    Coded{fields::institution_extension, {"Dahili numara", "Extension"}},
    Coded{fields::institution_id, {"Kurum", "Institution"}},
    Coded{fields::institution_unit, {"Birim", "Unit"}},
    Coded{fields::institution_work_phone, {"İş telefonu", "Work phone"}},
};

// Indexed by ApplicationStatus.
constexpr std::array<Message, 14> status_labels = {{
    {"SMS doğrulaması bekleniyor", "Waiting for the SMS code"},
    {"Onay bekleniyor (e-imza ya da ıslak imza)", "Waiting for approval (e-signature or wet signature)"},
    {"e-imza ile onaylandı; Kamu SM incelemesinde", "Approved by e-signature; under Kamu SM's review"},
    {"Islak imzalı formun posta ile gelmesi bekleniyor", "Waiting for the wet-signed form by post"},
    {"Kurumun onay listesinde; kurum yetkilisinin imzası bekleniyor",
     "On the institution's list; waiting for the authorised officer's signature"},
    {"Kurum yetkilisi imzaladı; kurumun ödemesi bekleniyor",
     "Signed by the institution's officer; waiting for the institution's payment"},
    {"Ödeme bekleniyor", "Waiting for payment"},
    {"Ödendi", "Paid"},
    {"Üretimde", "In production"},
    {"Kargoya verildi", "Shipped"},
    {"Tamamlandı", "Completed"},
    {"İptal edildi", "Cancelled"},
    {"Süresi doldu", "Expired"},
    {"Reddedildi", "Rejected"},
}};

template <std::size_t N>
std::optional<Message> find_in(const std::array<Coded, N>& table, std::string_view code) noexcept {
  const auto* found = std::lower_bound(table.begin(), table.end(), code,
                                       [](const Coded& entry, std::string_view c) { return entry.code < c; });
  if (found == table.end() || found->code != code) return std::nullopt;
  return found->message;
}

bool is_any_of(std::string_view code, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// "2 dakika 5 saniye" / "2 minutes 5 seconds".
std::string duration_text(std::chrono::seconds wait, Language language) {
  const auto minutes = wait.count() / 60;
  const auto seconds = wait.count() % 60;
  const bool tr = language == Language::tr;
  std::string text;
  if (minutes > 0) text = std::to_string(minutes) + (tr ? " dakika" : minutes == 1 ? " minute" : " minutes");
  if (seconds > 0 || minutes == 0) {
    if (!text.empty()) text += " ";
    text += std::to_string(seconds) + (tr ? " saniye" : seconds == 1 ? " second" : " seconds");
  }
  return text;
}

}  // namespace

std::string_view to_string(errc code) noexcept {
  const auto index = static_cast<std::size_t>(code) - 1;
  return index < errc_names.size() ? errc_names[index] : "unknown";
}

Message message_of(errc code) noexcept {
  const auto index = static_cast<std::size_t>(code) - 1;
  if (index >= errc_messages.size()) return {"Bilinmeyen bir hata.", "An unknown error."};
  return errc_messages[index];
}

std::optional<Message> problem_message(std::string_view code) noexcept { return find_in(problem_messages, code); }

std::optional<Message> field_label(std::string_view path) noexcept { return find_in(field_labels, path); }

Message status_label(ApplicationStatus status) noexcept {
  const auto index = static_cast<std::size_t>(status);
  if (index >= status_labels.size()) return {"Bilinmeyen durum", "Unknown status"};
  return status_labels[index];
}

Message state_label(CertificateState state) noexcept {
  switch (state) {
    case CertificateState::active:
      return {"etkin", "active"};
    case CertificateState::suspended:
      return {"askıda (askıdan indirilebilir)", "suspended (can be lifted)"};
    case CertificateState::revoked:
      return {"iptal edildi", "revoked"};
    case CertificateState::expired:
      return {"süresi doldu", "expired"};
  }
  return {"bilinmeyen durum", "unknown state"};
}

std::optional<Message> revocation_reason_label(std::string_view reason) noexcept {
  static constexpr std::array<std::pair<std::string_view, Message>, 9> labels = {{
      {"aACompromise", {"öznitelik otoritesinin anahtarı ele geçirildi", "attribute authority compromised"}},
      {"affiliationChanged", {"kurum ya da unvan değişti", "affiliation changed"}},
      {"cACompromise", {"sertifika otoritesinin anahtarı ele geçirildi", "CA compromised"}},
      {"certificateHold", {"askıya alındı", "on hold"}},
      {"cessationOfOperation", {"kullanım sona erdi", "cessation of operation"}},
      {"keyCompromise",
       {"anahtar ele geçirildi (kart kaybı ya da çalınması)", "key compromised (lost or stolen card)"}},
      {"privilegeWithdrawn", {"yetki geri alındı", "privilege withdrawn"}},
      {"superseded", {"yenisiyle değiştirildi", "superseded"}},
      {"unspecified", {"neden belirtilmedi", "no reason given"}},
  }};
  for (const auto& [name, label] : labels) {
    if (name == reason) return label;
  }
  return std::nullopt;
}

Recovery recovery_of(const error_code& ec, const Problem* problem) noexcept {
  if (problem != nullptr) {
    const std::string_view code = problem->code;
    if (is_any_of(code, {"rate_limited", "otp_resend_too_early"})) return Recovery::wait;
    if (is_any_of(code, {"unavailable", "internal", "revocation_source_unreachable"}) || problem->http_status >= 500) {
      return Recovery::transient;
    }
    if (is_any_of(code, {"invalid_form",
                         "name_not_as_registered",
                         "invalid_credentials",
                         "phone_not_registered",
                         "otp_invalid",
                         "otp_expired",
                         "invalid_code",
                         "pin_incorrect",
                         "puk_incorrect",
                         "pin_rejected",
                         "notices_not_acknowledged",
                         "session_expired",
                         "login_request_invalid",
                         "invalid_grant",
                         "csrf_rejected",
                         "certificate_ambiguous",
                         "certificate_not_found",
                         "font_missing",
                         "no_pdf_path",
                         "access_code_invalid",
                         "list_changed"})) {
      return Recovery::correct;
    }
    // Signing's: a time stamp or validation data to add (and where its status
    // comes from), the time-stamp credentials, the signing session.
    if (is_any_of(code, {"signature_time_stamp_missing", "validation_data_missing", "revocation_source_missing",
                         "tsa_identity_invalid", "tsa_unknown_user", "tsa_query_invalid", "signing_session_open",
                         "signing_session_closed"})) {
      return Recovery::correct;
    }
    return Recovery::permanent;
  }
  if (ec == boost::system::errc::operation_canceled) return Recovery::correct;  // a source gave nothing
  if (ec.category() == nes_category()) {
    switch (static_cast<errc>(ec.value())) {
      case errc::connection_failed:
      case errc::timed_out:
      case errc::connection_lost:
      case errc::proxy_failed:
      case errc::resource_in_use:
      case errc::pcsc_unavailable:
        return Recovery::transient;
      case errc::pin_locked:
      case errc::puk_locked:
      case errc::certificate_not_for_signing:
      case errc::certificate_not_qualified:
      case errc::certificate_revoked:
      case errc::signer_certificate_expired:
      case errc::state_mismatch:
        return Recovery::permanent;
      default:
        return Recovery::correct;
    }
  }
  return Recovery::transient;  // the system's errors: a reset, a full disk
}

std::string describe(const error_code& ec, const Problem* problem, Language language) {
  const bool tr = language == Language::tr;
  std::optional<Message> message = problem != nullptr ? problem_message(problem->code) : std::nullopt;
  std::string text;
  if (message) {
    text = message->in(language);
  } else if (ec.category() == nes_category()) {
    text = message_of(static_cast<errc>(ec.value())).in(language);
  } else if (ec == boost::system::errc::operation_canceled) {
    text = tr ? "Durduruldu: istenen bilgi (şifre, SMS kodu, PIN ya da seçim) verilmedi."
              : "Stopped: what was asked for (a password, the SMS code, a PIN or a choice) was not given.";
  } else {
    text = tr ? "Sistem hatası." : ec.message() + ".";
  }
  if (problem != nullptr && !message && problem->http_status != 0) {
    text += (tr ? " (HTTP " : " (HTTP ") + std::to_string(problem->http_status) + ")";
  }
  if (problem != nullptr && problem->tries_left) {
    text += tr ? " Kalan deneme hakkı: " + std::to_string(*problem->tries_left) + "."
               : " Tries left: " + std::to_string(*problem->tries_left) + ".";
  }
  if (problem != nullptr && problem->is("pin_incorrect") && !problem->tries_left) {
    text += tr ? " Kart kalan deneme sayısını bildirmiyor; bir sonraki hatalı PIN kartı kilitleyebilir."
               : " The card does not say how many tries are left; another wrong PIN may lock it.";
  }
  if (problem != nullptr && problem->is("puk_incorrect") && !problem->tries_left) {
    text += tr ? " Kart kalan deneme sayısını bildirmiyor; bir sonraki hatalı PUK kartı kalıcı olarak kilitleyebilir."
               : " The card does not say how many tries are left; another wrong PUK may lock it for good.";
  }
  if (problem != nullptr && problem->retry_after) {
    const auto wait = duration_text(*problem->retry_after, language);
    text += tr ? " " + wait + " sonra yeniden deneyin." : " Try again in " + wait + ".";
  }
  for (const auto& e : problem != nullptr ? problem->errors : FieldErrors{}) {
    const auto label = field_label(e.field);
    text += "\n  - ";
    if (label) text += std::string(label->in(language)) + ": ";
    text += tr ? e.message_tr : e.message_en;
  }
  return text;
}

}  // namespace nes
