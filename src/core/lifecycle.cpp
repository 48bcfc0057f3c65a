#include <nes/lifecycle.hpp>

#include <algorithm>
#include <array>

namespace nes {

namespace {

using S = ApplicationStatus;
using E = LifecycleEvent;

using P = PaymentKind;

// The route a transition belongs to; most are on both.
enum class Route { both, person, institution };

struct Transition {
  S from;
  E event;
  S to;
  Route route = Route::both;
};

// The whole lifecycle; docs/protocol.md draws it.
constexpr std::array transitions = {
    Transition{S::otp_pending, E::otp_verified, S::awaiting_approval},
    Transition{S::awaiting_approval, E::e_signature_approved, S::submitted, Route::person},
    Transition{S::awaiting_approval, E::e_signature_approved, S::awaiting_institution, Route::institution},
    Transition{S::awaiting_approval, E::e_onay_approved, S::submitted, Route::person},
    Transition{S::awaiting_approval, E::e_onay_approved, S::awaiting_institution, Route::institution},
    Transition{S::awaiting_approval, E::wet_signature_chosen, S::awaiting_wet_form},
    Transition{S::submitted, E::accepted_for_payment, S::awaiting_payment, Route::person},
    Transition{S::awaiting_wet_form, E::wet_form_received, S::awaiting_payment, Route::person},
    Transition{S::awaiting_wet_form, E::wet_form_received, S::awaiting_institution, Route::institution},
    Transition{S::awaiting_institution, E::institution_approved, S::awaiting_institution_payment, Route::institution},
    Transition{S::awaiting_payment, E::payment_recorded, S::paid, Route::person},
    Transition{S::awaiting_institution_payment, E::payment_recorded, S::paid, Route::institution},
    Transition{S::paid, E::production_started, S::in_production},
    Transition{S::in_production, E::shipped, S::shipped},
    Transition{S::shipped, E::completed, S::completed},
};

// Before payment an application can be cancelled or expire, except once its
// institution has signed for it; once Kamu SM has it, it can be rejected.
constexpr std::array before_payment = {S::otp_pending,       S::awaiting_approval,    S::submitted,
                                       S::awaiting_wet_form, S::awaiting_institution, S::awaiting_payment};
constexpr std::array under_review = {S::submitted, S::awaiting_wet_form, S::awaiting_institution,
                                     S::awaiting_institution_payment, S::awaiting_payment};

// Only an institution-paid application is ever in these.
constexpr std::array institution_only = {S::awaiting_institution, S::awaiting_institution_payment};

constexpr bool on_route(Route route, P payer) {
  return route == Route::both || (route == Route::person) == (payer == P::person_paid);
}

constexpr std::array status_names = {
    std::pair{S::otp_pending, std::string_view{"otp_pending"}},
    std::pair{S::awaiting_approval, std::string_view{"awaiting_approval"}},
    std::pair{S::submitted, std::string_view{"submitted"}},
    std::pair{S::awaiting_wet_form, std::string_view{"awaiting_wet_form"}},
    std::pair{S::awaiting_institution, std::string_view{"awaiting_institution"}},
    std::pair{S::awaiting_institution_payment, std::string_view{"awaiting_institution_payment"}},
    std::pair{S::awaiting_payment, std::string_view{"awaiting_payment"}},
    std::pair{S::paid, std::string_view{"paid"}},
    std::pair{S::in_production, std::string_view{"in_production"}},
    std::pair{S::shipped, std::string_view{"shipped"}},
    std::pair{S::completed, std::string_view{"completed"}},
    std::pair{S::cancelled, std::string_view{"cancelled"}},
    std::pair{S::expired, std::string_view{"expired"}},
    std::pair{S::rejected, std::string_view{"rejected"}},
};

constexpr std::array event_names = {
    std::pair{E::otp_verified, std::string_view{"otp_verified"}},
    std::pair{E::e_signature_approved, std::string_view{"e_signature_approved"}},
    std::pair{E::wet_signature_chosen, std::string_view{"wet_signature_chosen"}},
    std::pair{E::accepted_for_payment, std::string_view{"accepted_for_payment"}},
    std::pair{E::wet_form_received, std::string_view{"wet_form_received"}},
    std::pair{E::institution_approved, std::string_view{"institution_approved"}},
    std::pair{E::payment_recorded, std::string_view{"payment_recorded"}},
    std::pair{E::production_started, std::string_view{"production_started"}},
    std::pair{E::shipped, std::string_view{"shipped"}},
    std::pair{E::completed, std::string_view{"completed"}},
    std::pair{E::cancelled, std::string_view{"cancelled"}},
    std::pair{E::expired, std::string_view{"expired"}},
    std::pair{E::rejected, std::string_view{"rejected"}},
    std::pair{E::e_onay_approved, std::string_view{"e_onay_approved"}},
};

template <class Table, class Value>
std::string_view name_of(const Table& table, Value value) noexcept {
  const auto* found = std::find_if(table.begin(), table.end(), [&](const auto& p) { return p.first == value; });
  return found == table.end() ? std::string_view{"unknown"} : found->second;
}

template <class Table>
auto value_of(const Table& table, std::string_view name) noexcept -> std::optional<decltype(table[0].first)> {
  const auto* found = std::find_if(table.begin(), table.end(), [&](const auto& p) { return p.second == name; });
  if (found == table.end()) return std::nullopt;
  return found->first;
}

template <class Table, class Value, std::size_t N>
constexpr std::array<Value, N> values_of(const Table& table) {
  std::array<Value, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].first;
  return out;
}

constexpr auto all_statuses = values_of<decltype(status_names), S, status_names.size()>(status_names);
constexpr auto all_events = values_of<decltype(event_names), E, event_names.size()>(event_names);

template <class Array>
constexpr bool contains(const Array& a, S s) {
  return std::find(a.begin(), a.end(), s) != a.end();
}

}  // namespace

std::optional<ApplicationStatus> next_status(ApplicationStatus from, LifecycleEvent event) noexcept {
  return next_status(from, event, P::person_paid);
}

std::optional<ApplicationStatus> next_status(ApplicationStatus from, LifecycleEvent event, PaymentKind payer) noexcept {
  if (payer == P::person_paid && contains(institution_only, from)) return std::nullopt;
  if (event == E::cancelled || event == E::expired) {
    if (contains(before_payment, from)) return event == E::cancelled ? S::cancelled : S::expired;
    return std::nullopt;
  }
  if (event == E::rejected) {
    if (contains(under_review, from)) return S::rejected;
    return std::nullopt;
  }
  for (const auto& t : transitions) {
    if (t.from == from && t.event == event && on_route(t.route, payer)) return t.to;
  }
  return std::nullopt;
}

bool is_open(ApplicationStatus status) noexcept {
  return status != S::completed && status != S::cancelled && status != S::expired && status != S::rejected;
}

std::string_view to_string(ApplicationStatus status) noexcept { return name_of(status_names, status); }
std::string_view to_string(LifecycleEvent event) noexcept { return name_of(event_names, event); }

std::optional<ApplicationStatus> application_status_from_string(std::string_view text) noexcept {
  return value_of(status_names, text);
}

std::optional<LifecycleEvent> lifecycle_event_from_string(std::string_view text) noexcept {
  return value_of(event_names, text);
}

std::span<const ApplicationStatus> all_application_statuses() noexcept { return all_statuses; }
std::span<const LifecycleEvent> all_lifecycle_events() noexcept { return all_events; }

}  // namespace nes
