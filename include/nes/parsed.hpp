#pragma once
// Parsed<T>: the result of parsing one value: either the normalised value or
// every problem found with it, never both.

#include <nes/export.hpp>
#include <nes/field_error.hpp>

#include <cassert>
#include <optional>
#include <utility>

namespace nes {

namespace detail {
/// Builds value types from already-checked parts; defined in src/ only.
struct ValueFactory;
}  // namespace detail

/// A value that passed its checks, or the problems that stopped it.
template <class T>
class NES_EXPORT Parsed {
 public:
  /// A valid value.
  /* implicit */ Parsed(T value) : value_(std::move(value)) {}
  /// The problems (never none).
  /* implicit */ Parsed(FieldErrors errors) : errors_(std::move(errors)) { assert(!errors_.empty()); }

  /// True when the value is valid.
  [[nodiscard]] bool ok() const noexcept { return value_.has_value(); }
  /// True when the value is valid.
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only valid when ok().
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return *value_;
  }
  /// The value, moved out (ok() must be true).
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  /// The value (ok() must be true).
  const T& operator*() const& { return value(); }
  /// The value (ok() must be true).
  const T* operator->() const { return &value(); }

  /// Every problem found; empty when ok().
  [[nodiscard]] const FieldErrors& errors() const noexcept { return errors_; }

 private:
  std::optional<T> value_;
  FieldErrors errors_;
};

}  // namespace nes
