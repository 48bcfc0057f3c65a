#pragma once
// The officer's signature of the institution's list, crash-safe through the
// journal (docs/protocol.md, "The institution-paid route"; ADR 0015): the
// decision on the list at the version the officer checked, its document
// signed, the signature uploaded. Each step is recorded before the request
// that follows it may reach the portal, and the signature (the CMS) before it
// is sent, so that a program killed at any point and run again ends with
// exactly one accepted list: it sends the same signature again (the portal
// answers it as the first time), or signs the recorded decision if nothing
// was sent.
//
//   auto signer = nes::ListSigner::begin(officer, journal, version, excluded, options, ec);
//   auto [ec, decision] = co_await signer->async_run(asio::as_tuple(asio::use_awaitable));
//
// Thread safety: a ListSigner is a cheap handle; run one async_run at a time.

#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/journal.hpp>
#include <nes/officer.hpp>
#include <nes/signer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

namespace detail {
class ListSignerImpl;
}  // namespace detail

/// The boundaries of a list signature, reported as they are crossed. A crash
/// test kills at deciding, decided, signing and sign-answered.
enum class ListSigningStage {
  continuing,     ///< the journal's unfinished signature, read back
  deciding,       ///< recorded: the decision may reach the portal from now on
  decided,        ///< recorded: the decision's id and document are known
  signed_here,    ///< the signer made the CMS; not recorded yet
  signing,        ///< recorded with its CMS: the signature may reach the portal from now on
  sign_answered,  ///< the portal answered the signature; not recorded yet
  finished,       ///< recorded as finished
};

/// "continuing", "deciding", "decided", "signed", "signing", "sign-answered",
/// "finished".
NES_EXPORT std::string_view to_string(ListSigningStage stage) noexcept;

/// One report to the progress sink; valid only during the call.
struct NES_EXPORT ListSigningProgress {
  /// What happened.
  ListSigningStage stage;
  /// The journal entry as it stands.
  const ListSigningEntry& entry;
  /// decided, sign_answered, finished: the decision as the portal last said.
  const ListDecision* decision = nullptr;
};

/// What a ListSigner signs with and whom it tells.
struct NES_EXPORT ListSigningOptions {
  /// Signs the decision's document to the portal's profile (a
  /// SigningSession on the officer's token, wrapped as the profile needs:
  /// TimestampingSigner, ValidationDataSigner). Required.
  std::shared_ptr<Signer> signer;
  /// Told of every stage as it happens (optional).
  std::function<void(const ListSigningProgress&)> progress;
};

/// One signature of the institution's list over a Journal (see the file's comment).
class NES_EXPORT ListSigner {
 public:
  /// The executor the operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The signature by `officer` of the institution's list at `version`
  /// (the one the officer checked; empty: the list as it stands when the
  /// run starts), with `excluded` left out: the journal's unfinished
  /// signature of the same officer and institution at that portal when it
  /// has one (continued as first recorded), else a new entry. Null, with ec
  /// and detail, when the journal cannot be written or no signer is given
  /// (errc::invalid_argument).
  static std::optional<ListSigner> begin(Officer officer, std::shared_ptr<Journal> journal, std::string version,
                                         std::vector<HeldBack> excluded, ListSigningOptions options, error_code& ec,
                                         std::string* detail = nullptr);

  /// The session's executor.
  [[nodiscard]] executor_type get_executor() const;
  /// The entry as last recorded.
  [[nodiscard]] ListSigningEntry entry() const;
  /// True when begin() found the entry in the journal already.
  [[nodiscard]] bool continued() const noexcept;

  /// Carries the signature from where the journal says it stands to the
  /// portal's acceptance. A refusal (list_changed, a wrong PIN, a signer the
  /// portal does not take) completes with its code and Problem: for
  /// list_changed and nothing_to_sign the entry is finished (a new decision
  /// is the officer's to make), otherwise it stays unfinished and the note
  /// says why.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_run(Token&& token = {}) const {
    return detail::initiate<ListDecision>(
        std::forward<Token>(token), [impl = impl_](ResultHandler<ListDecision> h) { run_impl(impl, std::move(h)); });
  }

 private:
  using Impl = std::shared_ptr<detail::ListSignerImpl>;
  explicit ListSigner(Impl impl) : impl_(std::move(impl)) {}
  static void run_impl(Impl impl, ResultHandler<ListDecision> handler);
  Impl impl_;
};

}  // namespace nes
