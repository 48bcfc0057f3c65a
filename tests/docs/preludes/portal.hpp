// docs/portal.md's fragment: the caller's test CA and a detail string.
#include <nes/portal/reference_portal.hpp>

#include <string>

#define NES_SNIPPET_SIGNATURE void nes_snippet(const std::string& my_test_esign_ca_pem)
#define NES_SNIPPET_LOCALS std::string detail;
