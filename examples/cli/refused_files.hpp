#pragma once
// Secret files the portal or the token refused: a password file after
// invalid_credentials, a PIN file after pin_incorrect. Each is remembered
// beside the journal by what the file system says of it (device, inode,
// size, modification time), never by its content, so that the same file is
// not sent again until someone changes it: every wrong try counts toward a
// locked e-Devlet account or a locked card.

#include <filesystem>
#include <string>

namespace nes::cli {

class RefusedFiles {
 public:
  /// The record for the journal at `journal` (JOURNAL.refused, mode 0600).
  explicit RefusedFiles(const std::filesystem::path& journal);

  /// True when `file`, unchanged since, was refused.
  [[nodiscard]] bool refused(const std::string& file) const;
  void remember(const std::string& file);
  /// The file was accepted: it is no longer remembered.
  void forget(const std::string& file);

 private:
  std::filesystem::path record_;
};

}  // namespace nes::cli
