// An allocator that zeroes memory before releasing it, for buffers that carry keys and tokens on the wire.
#pragma once
#include "common/crypto/hash.hpp"
#include <cstddef>
#include <memory>

namespace common::crypto {

/// std::allocator whose deallocate() wipes the block first (stateless; all instances are equal).
template <class T>
struct wiping_allocator {
  using value_type = T;

  wiping_allocator() noexcept = default;
  template <class U>
  wiping_allocator(const wiping_allocator<U>&) noexcept {}  // NOLINT: rebinding is implicit by design

  /// Allocates `n` objects' worth of storage.
  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  /// Zeroes, then frees.
  void deallocate(T* p, std::size_t n) noexcept {
    wipe_bytes(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }

  template <class U>
  bool operator==(const wiping_allocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace common::crypto
