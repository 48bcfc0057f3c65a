#pragma once
// A Boost.JSON memory resource for one parsed document: blocks come from a
// buffer inside the arena, then from heap chunks of growing size, and are
// never freed one by one. The arena wipes every byte it handed out when it
// goes, as WipingResource wipes each block. Parsing into it costs no
// allocation per node and no destructor walk over the tree (Boost.JSON skips
// it for a resource whose deallocation is trivial), so an answer of the
// portal is read at a fraction of the allocator's cost.
//
// Values parsed into an arena must not outlive it: read what is needed into
// owned types (as the decoders do) before the arena goes out of scope.

#include <nes/secret.hpp>

#include <boost/json/memory_resource.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>

namespace nes::detail {

class WipingArena final : public boost::json::memory_resource {
 public:
  WipingArena() = default;
  WipingArena(const WipingArena&) = delete;
  WipingArena& operator=(const WipingArena&) = delete;
  ~WipingArena() override {
    secure_wipe(inline_, inline_used_);
    for (Chunk* chunk = chunks_; chunk != nullptr;) {
      Chunk* next = chunk->next;
      secure_wipe(chunk->data(), chunk->used);
      ::operator delete (chunk, std::align_val_t{alignof(std::max_align_t)});
      chunk = next;
    }
  }

 private:
  struct alignas(std::max_align_t) Chunk {
    Chunk* next;
    std::size_t size;
    std::size_t used;
    unsigned char* data() { return reinterpret_cast<unsigned char*>(this + 1); }
  };

  // Bump allocation in `buffer` of `size` bytes, `used` of them taken; null
  // when the block does not fit.
  static void* take(unsigned char* buffer, std::size_t size, std::size_t& used, std::size_t bytes,
                    std::size_t alignment) {
    const auto start = reinterpret_cast<std::uintptr_t>(buffer) + used;
    const std::size_t padding = (alignment - start % alignment) % alignment;
    if (padding + bytes > size - used) return nullptr;
    used += padding + bytes;
    return buffer + (used - bytes);
  }

  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (void* p = take(inline_, sizeof inline_, inline_used_, bytes, alignment)) return p;
    if (chunks_ != nullptr) {
      if (void* p = take(chunks_->data(), chunks_->size, chunks_->used, bytes, alignment)) return p;
    }
    const std::size_t size = std::max(next_chunk_, bytes + alignment);
    next_chunk_ = std::min<std::size_t>(2 * next_chunk_, 1 << 20);
    void* raw = ::operator new (sizeof(Chunk) + size, std::align_val_t{alignof(std::max_align_t)});
    auto* chunk = new (raw) Chunk{chunks_, size, 0};
    chunks_ = chunk;
    return take(chunk->data(), chunk->size, chunk->used, bytes, alignment);
  }
  void do_deallocate(void*, std::size_t, std::size_t) override {}  // all at once, in the destructor
  [[nodiscard]] bool do_is_equal(const boost::json::memory_resource& other) const noexcept override {
    return this == &other;
  }

  // Most of the portal's answers parse into this much, on the caller's stack.
  alignas(std::max_align_t) unsigned char inline_[4096];
  std::size_t inline_used_ = 0;
  Chunk* chunks_ = nullptr;
  std::size_t next_chunk_ = 8192;
};

}  // namespace nes::detail

template <>
struct boost::json::is_deallocate_trivial<nes::detail::WipingArena> : std::true_type {};
