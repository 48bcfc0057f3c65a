#include "terminal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <string_view>

namespace nes::cli {

namespace {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::optional<std::string> read_with_countdown(const std::function<std::string()>& prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  termios saved{};
  const bool terminal = tcgetattr(fd, &saved) == 0;
  if (terminal) {
    termios raw = saved;  // characters one at a time, echoed by the redraw
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(fd, TCSAFLUSH, &raw);
  }
  std::string typed;
  std::optional<std::string> out;
  auto redraw = [&] { write_all(fd, "\r\x1b[K" + prompt() + typed); };
  redraw();
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 1000);
    if (ready == 0) {
      redraw();
      continue;
    }
    char c = 0;
    if (ready < 0 || ::read(fd, &c, 1) != 1) break;
    if (c == '\n' || c == '\r') {
      out = typed;
      break;
    }
    if (c == 0x7F || c == '\b') {
      if (!typed.empty()) typed.pop_back();
    } else if (c == 0x04) {  // Ctrl-D
      break;
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      typed += c;
    }
    redraw();
  }
  write_all(fd, "\n");
  if (terminal) tcsetattr(fd, TCSAFLUSH, &saved);
  ::close(fd);
  return out;
}

}  // namespace nes::cli
