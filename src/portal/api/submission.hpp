#pragma once
// A submission of the application form (step 10), shared by the person-paid
// route (POST /api/v1/applications) and the institution-paid one (POST
// /api/v1/institution-applications): the body, every check of the form
// against the SDK's validators, the identity record and the institution,
// and the insertion with its idempotency key.

#include "portal/api/services.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/http/message.hpp"

#include <nes/application_form.hpp>
#include <nes/money.hpp>
#include <nes/secret.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nes::portal::api {

struct Submission {
  std::string form_json;  ///< wiped once checked
  std::vector<std::string> acknowledged;
  SecretString access_code;  ///< the institution route's only
  /// A renewal: the serial of the certificate it renews, as given.
  std::optional<std::string> renews;
};

/// Reads the body's members: form, acknowledged_notices, renews and, when
/// `with_access_code`, access_code. The refusal, or nullopt.
std::optional<http::Response> read_submission(const http::RequestContext& ctx, bool with_access_code, Submission& out);

/// The Idempotency-Key header when it is one; the refusal otherwise.
std::optional<http::Response> read_idempotency_key(const http::RequestContext& ctx, std::string& key);

struct CheckedSubmission {
  ApplicationForm form;
  const Institution* institution = nullptr;
  Fee fee;
  std::optional<std::string> renews;  ///< the renewed certificate's serial, normalized
};

struct SubmissionCheck {
  std::optional<CheckedSubmission> checked;
  http::Response refusal;  ///< when `checked` is unset
};

/// Every check of a submission by `caller` on the route of `payer`: the
/// form, the applicant's own T.C. Kimlik No and registered name, an
/// institution of that route whose staff the applicant is, a registered
/// mobile number, every notice acknowledged, a fee for the choice, and a
/// renewal's certificate (renewal.hpp).
SubmissionCheck check_submission(Services& services, const http::RequestContext& ctx, const Caller& caller,
                                 Submission& submission, PaymentKind payer);

/// Inserts the application (status otp_pending, an SMS code sent when it is
/// new) and answers: 201 created, 200 replayed, 422 idempotency_key_reused,
/// 409 duplicate_application. `within` runs in the insertion's transaction;
/// when it refuses, `refused` is the answer.
http::Response insert_application(Services& services, const http::RequestContext& ctx, const Caller& caller,
                                  const CheckedSubmission& checked, const std::string& idempotency_key,
                                  const store::ApplicationStore::WithinTransaction& within = {},
                                  const std::function<http::Response()>& refused = {});

}  // namespace nes::portal::api
