// CAdES-T over any Signer: sign, stamp the signature value, add the token
// as the signature-time-stamp.

#include "op/launch.hpp"
#include "timestamp/signature_time_stamp.hpp"

#include <nes/timestamping_signer.hpp>

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

asio::awaitable<Outcome<Signature>> sign_and_stamp(std::shared_ptr<Signer> signer, TimestampClient timestamps,
                                                   std::string document, SignatureProfile profile) {
  auto [sec, signature] = co_await signer->async_sign(std::move(document), std::move(profile), use_tuple);
  if (sec) co_return op::relay<Signature>(Outcome<Signature>{sec, std::move(signature)});
  std::string why;
  const auto digest = timestamp::signature_value_digest(signature->cms_der, why);
  if (!digest) {
    co_return refused<Signature>(errc::invalid_argument,
                                 local_problem("signature_invalid", "The signature cannot be time-stamped", why));
  }
  auto [tec, stamp] = co_await timestamps.async_stamp_digest(*digest, use_tuple);
  if (tec) co_return op::relay<Signature>(Outcome<TimeStamp>{tec, std::move(stamp)});
  auto stamped = timestamp::with_signature_time_stamp(signature->cms_der, stamp->token_der, why);
  if (!stamped) {
    co_return refused<Signature>(errc::invalid_argument,
                                 local_problem("signature_invalid", "The signature cannot be time-stamped", why));
  }
  Signature out = std::move(signature).value();
  out.cms_der = std::move(*stamped);
  out.time_stamp = std::move(stamp).value();
  co_return succeeded(std::move(out));
}

}  // namespace

TimestampingSigner::TimestampingSigner(std::shared_ptr<Signer> signer, TimestampClient timestamps)
    : signer_(std::move(signer)), timestamps_(std::move(timestamps)) {}

Signer::executor_type TimestampingSigner::get_executor() const { return signer_->get_executor(); }

void TimestampingSigner::start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) {
  op::launch(signer_->get_executor(), sign_and_stamp(signer_, timestamps_, std::move(document), std::move(profile)),
             std::move(handler));
}

}  // namespace nes
