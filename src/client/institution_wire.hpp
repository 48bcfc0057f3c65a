#pragma once
// The institution-paid route on the wire (docs/protocol/openapi.yaml): the
// staff member's InstitutionAccess, the officer's StaffRequestList,
// StaffRequestReport, InstitutionOverview, ListDecisionRequest and
// ListDecision. Each decoder returns nullopt when the body is not the
// documented shape.

#include <nes/client.hpp>
#include <nes/officer.hpp>
#include <nes/secret.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace nes::client {

std::optional<InstitutionAccess> decode_institution_access(std::string_view body);

/// {"requests": [...]}, in wiping memory (it holds T.C. Kimlik Nos).
SecretString encode_staff_requests(const std::vector<StaffRequest>& rows);
std::optional<StaffRequestReport> decode_staff_request_report(std::string_view body);
std::optional<InstitutionOverview> decode_institution_overview(std::string_view body);

/// {"version": …, "excluded": [{"application_id", "reason"}]}.
std::string encode_decision_request(std::string_view version, const std::vector<HeldBack>& excluded);
std::optional<ListDecision> decode_list_decision(std::string_view body);

}  // namespace nes::client
