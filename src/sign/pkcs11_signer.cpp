// Pkcs11Signer: the caller-facing coroutines. Each token step runs on the
// worker's thread; the PIN is asked between them, on the caller's side.

#include "op/ask_caller.hpp"
#include "op/launch.hpp"
#include "sign/pkcs11_worker.hpp"

#include <nes/pkcs11_signer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nes {

namespace {

namespace asio = boost::asio;
using detail::Pkcs11Worker;
using op::Outcome;

// Runs `step` (a blocking token call) on the worker's thread. The worker is
// held by the caller's coroutine, so it is never destroyed on its own thread.
template <class Step>
asio::awaitable<std::invoke_result_t<Step>> on_token(Pkcs11Worker& worker, Step step) {
  using R = std::invoke_result_t<Step>;
  auto run = [step = std::move(step)]() mutable -> asio::awaitable<R> { co_return step(); };
  co_return co_await asio::co_spawn(worker.executor(), std::move(run), asio::use_awaitable);
}

// A profile whose policy digest cannot be a SHA-256 one, refused before anything touches the token.
template <class T>
std::optional<Outcome<T>> unusable(const SignatureProfile& profile) {
  if (!profile.has_policy() || profile.policy_sha256.size() == 32) return std::nullopt;
  return op::refused<T>(errc::invalid_argument,
                        op::local_problem("signature_profile_invalid", "The signature profile is not usable",
                                          "its policy's SHA-256 digest is not 32 bytes; no PIN was asked for"));
}

// The token chosen and its certificate checked before anything is asked,
// then the PIN asked once: the PIN, or what stopped it.
asio::awaitable<Outcome<SecretString>> ask_for_pin(const std::shared_ptr<Pkcs11Worker>& worker) {
  if (!worker->pin_source()) {
    co_return op::refused<SecretString>(errc::invalid_argument,
                                        op::local_problem("no_pin_source", "Pkcs11Options::pin must ask for the PIN"));
  }
  // Steps are named before the co_await: GCC 12 corrupts a closure made
  // inside one (ADR 0002).
  auto choose = [w = worker.get()] { return w->choose(); };
  auto chosen = co_await on_token(*worker, std::move(choose));
  if (chosen.ec) co_return op::relay<SecretString>(chosen);
  if (chosen.result->token.pin.locked) {
    co_return op::refused<SecretString>(
        errc::pin_locked, op::local_problem("pin_locked", "The PIN is locked",
                                            "unblock it with the PUK (Kilit Çözme); no PIN was asked for"));
  }
  const PinRequest request{chosen.result->token, chosen.result->certificate, worker->pin_purpose()};
  auto ask = [&request, source = worker->pin_source()](op::Give<SecretString> give) {
    source(request, std::move(give));
  };
  // No structured binding: clang 14 cannot capture one in a lambda.
  auto asked = co_await op::ask_caller<SecretString>(std::move(ask));
  if (const error_code ec = std::get<0>(asked)) co_return op::failed<SecretString>(ec);
  co_return op::succeeded(std::move(std::get<1>(asked)));
}

asio::awaitable<Outcome<Signature>> sign_on_token(std::shared_ptr<Pkcs11Worker> worker, std::string document,
                                                  SignatureProfile profile) {
  if (auto refusal = unusable<Signature>(profile)) co_return std::move(*refusal);
  auto asked = co_await ask_for_pin(worker);
  if (asked.ec) co_return op::relay<Signature>(asked);
  SecretString& pin = asked.result.value();
  auto step = [w = worker.get(), &pin, &document, &profile] { return w->sign(pin, document, profile); };
  auto signature = co_await on_token(*worker, std::move(step));
  pin.clear();
  co_return signature;
}

asio::awaitable<Outcome<std::shared_ptr<SigningSession>>> open_session(std::shared_ptr<Pkcs11Worker> worker,
                                                                       Signer::executor_type executor) {
  using Opened = std::shared_ptr<SigningSession>;
  auto asked = co_await ask_for_pin(worker);
  if (asked.ec) co_return op::relay<Opened>(asked);
  SecretString& pin = asked.result.value();
  auto login = [w = worker.get(), &pin] { return w->open_session(pin); };
  auto opened = co_await on_token(*worker, std::move(login));
  pin.clear();
  if (opened.ec) co_return op::relay<Opened>(opened);
  co_return op::succeeded(detail::make_signing_session(std::move(executor), std::move(worker), opened.result->id,
                                                       std::move(opened.result->choice.token),
                                                       std::move(opened.result->choice.certificate)));
}

asio::awaitable<Outcome<Signature>> sign_in_session(std::shared_ptr<Pkcs11Worker> worker, std::uint64_t id,
                                                    std::string document, SignatureProfile profile) {
  if (auto refusal = unusable<Signature>(profile)) co_return std::move(*refusal);
  auto step = [w = worker.get(), id, &document, &profile] { return w->sign_in_session(id, document, profile); };
  co_return co_await on_token(*worker, std::move(step));
}

asio::awaitable<Outcome<std::vector<Signature>>> sign_all_in_session(std::shared_ptr<Pkcs11Worker> worker,
                                                                     std::uint64_t id,
                                                                     std::vector<std::string> documents,
                                                                     SignatureProfile profile) {
  if (auto refusal = unusable<std::vector<Signature>>(profile)) co_return std::move(*refusal);
  auto step = [w = worker.get(), id, &documents, &profile] { return w->sign_all_in_session(id, documents, profile); };
  co_return co_await on_token(*worker, std::move(step));
}

template <class T, class Step>
asio::awaitable<Outcome<T>> token_call(std::shared_ptr<Pkcs11Worker> worker, Step step) {
  auto call = [w = worker.get(), step] { return step(*w); };  // named first (ADR 0002)
  co_return co_await on_token(*worker, std::move(call));
}

}  // namespace

std::shared_ptr<Pkcs11Signer> Pkcs11Signer::create(executor_type executor, Pkcs11Options options, error_code& ec,
                                                   std::string* detail) {
  auto module = find_pkcs11_module(options.module, ec, detail);
  if (!module) return nullptr;
  return std::shared_ptr<Pkcs11Signer>(
      new Pkcs11Signer(std::move(executor), std::make_shared<Pkcs11Worker>(std::move(*module), std::move(options))));
}

Pkcs11Signer::Pkcs11Signer(executor_type executor, std::shared_ptr<detail::Pkcs11Worker> worker)
    : executor_(std::move(executor)), worker_(std::move(worker)) {}

Pkcs11Signer::~Pkcs11Signer() = default;

const std::filesystem::path& Pkcs11Signer::module() const noexcept { return worker_->module(); }

void Pkcs11Signer::start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) {
  op::launch(executor_, sign_on_token(worker_, std::move(document), std::move(profile)), std::move(handler));
}

void Pkcs11Signer::open_session_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                     ResultHandler<std::shared_ptr<SigningSession>> handler) {
  op::launch(executor, open_session(std::move(worker), executor), std::move(handler));
}

std::shared_ptr<SigningSession> detail::make_signing_session(Signer::executor_type executor,
                                                             std::shared_ptr<Pkcs11Worker> worker, std::uint64_t id,
                                                             TokenInfo token, CertificateInfo certificate) {
  return std::shared_ptr<SigningSession>(
      new SigningSession(std::move(executor), std::move(worker), id, std::move(token), std::move(certificate)));
}

SigningSession::SigningSession(executor_type executor, std::shared_ptr<detail::Pkcs11Worker> worker, std::uint64_t id,
                               TokenInfo token, CertificateInfo certificate)
    : executor_(std::move(executor)),
      worker_(std::move(worker)),
      id_(id),
      token_(std::move(token)),
      certificate_(std::move(certificate)) {}

SigningSession::~SigningSession() { close(); }

void SigningSession::start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) {
  op::launch(executor_, sign_in_session(worker_, id_, std::move(document), std::move(profile)), std::move(handler));
}

void SigningSession::start_sign_all(std::vector<std::string> documents, SignatureProfile profile,
                                    ResultHandler<std::vector<Signature>> handler) {
  op::launch(executor_, sign_all_in_session(worker_, id_, std::move(documents), std::move(profile)),
             std::move(handler));
}

void SigningSession::close() {
  // After the signatures already posted to the token's thread; the worker
  // ignores an id that is no longer open. A plain pointer: the worker's
  // destructor runs its last task after this one, and must never run on
  // its own thread (which a shared_ptr released there could make it do).
  asio::post(worker_->executor(), [w = worker_.get(), id = id_] { w->close_session(id); });
}

void Pkcs11Signer::tokens_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                               ResultHandler<std::vector<TokenInfo>> handler) {
  op::launch(executor,
             token_call<std::vector<TokenInfo>>(std::move(worker), [](Pkcs11Worker& w) { return w.tokens(); }),
             std::move(handler));
}

void Pkcs11Signer::certificates_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                     ResultHandler<std::vector<CertificateInfo>> handler) {
  op::launch(
      executor,
      token_call<std::vector<CertificateInfo>>(std::move(worker), [](Pkcs11Worker& w) { return w.certificates(); }),
      std::move(handler));
}

void Pkcs11Signer::set_pin_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                SecretString secret, SecretString replacement, bool security_officer,
                                ResultHandler<TokenInfo> handler) {
  // Shared, not copied: the step is copied on its way to the token's thread.
  auto secrets =
      std::make_shared<const std::pair<SecretString, SecretString>>(std::move(secret), std::move(replacement));
  op::launch(executor,
             token_call<TokenInfo>(std::move(worker),
                                   [secrets, security_officer](Pkcs11Worker& w) {
                                     return w.set_pin(secrets->first, secrets->second, security_officer);
                                   }),
             std::move(handler));
}

}  // namespace nes
