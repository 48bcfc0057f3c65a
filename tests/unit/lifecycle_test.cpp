#include <nes/lifecycle.hpp>

#include <gtest/gtest.h>

#include <map>
#include <queue>
#include <set>

namespace {

using nes::ApplicationStatus;
using nes::LifecycleEvent;
using S = ApplicationStatus;
using E = LifecycleEvent;

// The lifecycle of docs/protocol.md, written out edge by edge.
const std::map<std::pair<S, E>, S> expected = {
    {{S::otp_pending, E::otp_verified}, S::awaiting_approval},
    {{S::awaiting_approval, E::e_signature_approved}, S::submitted},
    {{S::awaiting_approval, E::e_onay_approved}, S::submitted},
    {{S::awaiting_approval, E::wet_signature_chosen}, S::awaiting_wet_form},
    {{S::submitted, E::accepted_for_payment}, S::awaiting_payment},
    {{S::awaiting_wet_form, E::wet_form_received}, S::awaiting_payment},
    {{S::awaiting_payment, E::payment_recorded}, S::paid},
    {{S::paid, E::production_started}, S::in_production},
    {{S::in_production, E::shipped}, S::shipped},
    {{S::shipped, E::completed}, S::completed},
    {{S::otp_pending, E::cancelled}, S::cancelled},
    {{S::awaiting_approval, E::cancelled}, S::cancelled},
    {{S::submitted, E::cancelled}, S::cancelled},
    {{S::awaiting_wet_form, E::cancelled}, S::cancelled},
    {{S::awaiting_payment, E::cancelled}, S::cancelled},
    {{S::otp_pending, E::expired}, S::expired},
    {{S::awaiting_approval, E::expired}, S::expired},
    {{S::submitted, E::expired}, S::expired},
    {{S::awaiting_wet_form, E::expired}, S::expired},
    {{S::awaiting_payment, E::expired}, S::expired},
    {{S::submitted, E::rejected}, S::rejected},
    {{S::awaiting_wet_form, E::rejected}, S::rejected},
    {{S::awaiting_payment, E::rejected}, S::rejected},
};

// The institution-paid route differs where the institution takes the
// person's place: its officer's signed list, then its payment.
std::map<std::pair<S, E>, S> institution_route() {
  auto edges = expected;
  edges.erase({S::submitted, E::accepted_for_payment});
  edges[{S::awaiting_approval, E::e_signature_approved}] = S::awaiting_institution;
  edges[{S::awaiting_approval, E::e_onay_approved}] = S::awaiting_institution;
  edges[{S::awaiting_wet_form, E::wet_form_received}] = S::awaiting_institution;
  edges[{S::awaiting_institution, E::institution_approved}] = S::awaiting_institution_payment;
  edges.erase({S::awaiting_payment, E::payment_recorded});
  edges[{S::awaiting_institution_payment, E::payment_recorded}] = S::paid;
  edges[{S::awaiting_institution, E::cancelled}] = S::cancelled;
  edges[{S::awaiting_institution, E::expired}] = S::expired;
  edges[{S::awaiting_institution, E::rejected}] = S::rejected;
  edges[{S::awaiting_institution_payment, E::rejected}] = S::rejected;
  return edges;
}

void expect_exactly(const std::map<std::pair<S, E>, S>& edges, nes::PaymentKind payer) {
  for (const S from : nes::all_application_statuses()) {
    for (const E event : nes::all_lifecycle_events()) {
      const auto found = edges.find({from, event});
      const auto next = nes::next_status(from, event, payer);
      if (found == edges.end()) {
        EXPECT_EQ(next, std::nullopt) << nes::to_string(from) << " --" << nes::to_string(event);
      } else {
        EXPECT_EQ(next, found->second) << nes::to_string(from) << " --" << nes::to_string(event);
      }
    }
  }
}

TEST(Lifecycle, AllowsExactlyTheDocumentedTransitions) {
  expect_exactly(expected, nes::PaymentKind::person_paid);
  for (const auto& [edge, to] : expected) EXPECT_EQ(nes::next_status(edge.first, edge.second), to);
}

TEST(Lifecycle, TheInstitutionRouteWaitsForTheOfficersListAndTheInstitutionsPayment) {
  expect_exactly(institution_route(), nes::PaymentKind::institution_paid);
}

TEST(Lifecycle, EveryStatusIsReachableAndEndStatesAreFinal) {
  std::set<S> seen = {S::otp_pending};
  std::queue<S> todo;
  todo.push(S::otp_pending);
  const auto payers = {nes::PaymentKind::person_paid, nes::PaymentKind::institution_paid};
  while (!todo.empty()) {
    const S s = todo.front();
    todo.pop();
    for (const E e : nes::all_lifecycle_events()) {
      for (const auto payer : payers) {
        if (auto next = nes::next_status(s, e, payer); next && seen.insert(*next).second) todo.push(*next);
      }
    }
  }
  EXPECT_EQ(seen.size(), nes::all_application_statuses().size());
  for (const S s : nes::all_application_statuses()) {
    bool has_exit = false;
    for (const E e : nes::all_lifecycle_events()) {
      for (const auto payer : payers) has_exit = has_exit || nes::next_status(s, e, payer).has_value();
    }
    EXPECT_EQ(has_exit, nes::is_open(s)) << nes::to_string(s);
  }
}

TEST(Lifecycle, NoCancellingAfterPayment) {
  for (const S s : {S::awaiting_institution_payment, S::paid, S::in_production, S::shipped, S::completed}) {
    EXPECT_EQ(nes::next_status(s, E::cancelled), std::nullopt) << nes::to_string(s);
    EXPECT_EQ(nes::next_status(s, E::cancelled, nes::PaymentKind::institution_paid), std::nullopt);
  }
}

TEST(Lifecycle, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (const S s : nes::all_application_statuses()) {
    EXPECT_EQ(nes::application_status_from_string(nes::to_string(s)), s);
    names.insert(nes::to_string(s));
  }
  for (const E e : nes::all_lifecycle_events()) {
    EXPECT_EQ(nes::lifecycle_event_from_string(nes::to_string(e)), e);
  }
  EXPECT_EQ(names.size(), 14U);
  EXPECT_EQ(nes::application_status_from_string("Paid"), std::nullopt);
  EXPECT_EQ(nes::to_string(S::awaiting_wet_form), "awaiting_wet_form");
}

}  // namespace
