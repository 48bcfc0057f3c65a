#pragma once
// Builds value types through their private constructors once src/ has checked
// the parts; the public way in is each type's parse().

#include <nes/parsed.hpp>

#include <utility>

namespace nes::detail {

struct ValueFactory {
  template <class T, class... Args>
  static T make(Args&&... args) {
    return T(std::forward<Args>(args)...);
  }
};

}  // namespace nes::detail
