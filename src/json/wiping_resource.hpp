#pragma once
// A Boost.JSON memory resource that zeroes every block it frees, so that a
// parsed form's T.C. Kimlik No does not linger in freed heap memory.

#include <nes/secret.hpp>

#include <boost/json/memory_resource.hpp>

#include <cstddef>
#include <new>

namespace nes::detail {

class WipingResource final : public boost::json::memory_resource {
 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    return ::operator new (bytes, std::align_val_t{alignment});
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    secure_wipe(p, bytes);
    ::operator delete (p, std::align_val_t{alignment});
  }
  [[nodiscard]] bool do_is_equal(const boost::json::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

}  // namespace nes::detail
