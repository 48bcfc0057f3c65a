#pragma once
// Reading the files the nes program is given. A form holds a T.C. Kimlik No,
// so its bytes are kept in a SecretString.

#include <nes/secret.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace nes::cli {

/// Forms and catalogues are small; anything larger is refused, not read.
inline constexpr std::size_t max_input_bytes = 1 << 20;

/// The file's bytes, or nullopt with `error` set ("cannot open …: No such file").
std::optional<SecretString> read_input_file(const std::string& path, std::string& error);

}  // namespace nes::cli
