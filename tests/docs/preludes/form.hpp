// README's form fragment: the catalogue it validates against, and a use().
#include <nes/nes.hpp>

#include <iostream>
#include <vector>

#define NES_SNIPPET_SIGNATURE void nes_snippet(const std::vector<nes::Institution>& catalogue)
#define NES_SNIPPET_LOCALS auto use = [](const nes::ApplicationForm&) {};
