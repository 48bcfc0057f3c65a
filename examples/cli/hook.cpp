#include "hook.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace nes::cli {

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> out(extra);
  for (char** e = environ; *e != nullptr; ++e) out.emplace_back(*e);
  return out;
}

int run_hook(const std::string& command, const std::vector<std::string>& extra) {
  auto environment = environment_with(extra);
  std::vector<char*> envp;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int nothing = ::open("/dev/null", O_RDONLY);
    if (nothing >= 0) dup2(nothing, STDIN_FILENO);
    execle("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr), envp.data());
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return 127;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}

}  // namespace nes::cli
