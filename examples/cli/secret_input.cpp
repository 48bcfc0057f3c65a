#include "secret_input.hpp"

#include "hook.hpp"

#include "input_file.hpp"
#include "language.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace nes::cli {

namespace {

// The bytes up to the first line end, wiping the rest.
SecretString first_line(std::string& text) {
  const auto end = text.find_first_of("\r\n");
  SecretString line(std::string_view(text).substr(0, end));
  secure_wipe(text.data(), text.size());
  return line;
}

// Reads a line from the terminal; `echo` off for secrets.
std::optional<std::string> terminal_line(const std::string& prompt, bool echo) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  termios saved{};
  const bool is_terminal = tcgetattr(fd, &saved) == 0;
  if (is_terminal && !echo) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  bool ended = false;
  while (::read(fd, &c, 1) == 1) {
    if (c == '\n' || c == '\r') {
      ended = true;
      break;
    }
    line += c;
  }
  if (is_terminal && !echo) {
    tcsetattr(fd, TCSAFLUSH, &saved);
    (void)!::write(fd, "\n", 1);
  }
  ::close(fd);
  if (!ended && line.empty()) return std::nullopt;
  return line;
}

}  // namespace

std::optional<SecretString> read_secret(const std::string& file, const char* variable, const std::string& prompt,
                                        std::string& error) {
  if (!file.empty()) {
    auto content = read_input_file(file, error);
    if (!content) return std::nullopt;
    std::string text(content->reveal());
    return first_line(text);
  }
  if (const char* value = variable != nullptr ? std::getenv(variable) : nullptr; value != nullptr && *value != '\0') {
    return SecretString(value);
  }
  auto typed = terminal_line(prompt, false);
  if (!typed) {
    error = variable != nullptr ? std::string(say("sorulacak bir terminal yok: bir dosya verin ya da şunu tanımlayın: ",
                                                  "no terminal to ask on: give a file or set ")) +
                                      variable
                                : std::string(say("sorulacak bir terminal yok", "no terminal to ask on"));
    return std::nullopt;
  }
  SecretString secret(*typed);
  secure_wipe(typed->data(), typed->size());
  return secret;
}

std::optional<std::string> read_terminal_line(const std::string& prompt) { return terminal_line(prompt, true); }

std::optional<SecretString> run_for_line(const std::string& command, const std::vector<std::string>& environment,
                                         std::string& error) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error = os_error(errno);
    return std::nullopt;
  }
  std::vector<std::string> env_strings = environment_with(environment);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    execle("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr), envp.data());
    _exit(127);
  }
  ::close(pipe_fds[1]);
  std::string out;
  char buffer[256];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  secure_wipe(buffer, sizeof buffer);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    secure_wipe(out.data(), out.size());
    error = std::string(say("komut başarısız oldu: ", "the command failed: ")) + command;
    return std::nullopt;
  }
  auto line = first_line(out);
  if (line.empty()) {
    error = std::string(say("komut bir şey yazmadı: ", "the command printed nothing: ")) + command;
    return std::nullopt;
  }
  return line;
}

}  // namespace nes::cli
