#pragma once
// What a load program measures of itself: its peak resident set and the
// CPU it has used, in user space and in the kernel for it.

namespace nes::test {

/// Peak resident set (VmHWM) in KiB; -1 when unreadable.
long peak_rss_kib();
/// Resets the peak to the current resident set (Linux 4.0+).
void reset_peak_rss();

/// CPU seconds spent in the program (user) and in the kernel for it (system:
/// sockets, epoll, page faults; on loopback also part of the server's TCP).
struct CpuTime {
  double user = 0;
  double system = 0;
  [[nodiscard]] double total() const { return user + system; }
  CpuTime operator-(const CpuTime& earlier) const { return {user - earlier.user, system - earlier.system}; }
};
CpuTime cpu_time();

}  // namespace nes::test
