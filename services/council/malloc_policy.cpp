// glibc malloc tuning: a fixed mmap threshold (which also stops its dynamic growth) and a bounded top-of-heap.
#include "council/malloc_policy.hpp"
#include <malloc.h>

namespace council {

void release_large_buffers_promptly() {
  constexpr int large_buffer = 256 * 1024;
  mallopt(M_MMAP_THRESHOLD, large_buffer);
  mallopt(M_TRIM_THRESHOLD, 4 * large_buffer);
}

}  // namespace council
