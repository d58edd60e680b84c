// Throwing hook for outcome<T>::value() on a failure.
#include "council/errors.hpp"
#include <stdexcept>

namespace council {

void throw_exception_from_error(const failure& f, const boost::source_location& loc) {
  throw std::logic_error("outcome accessed on failure " + std::to_string(static_cast<int>(f.code)) + " at " +
                         loc.file_name() + ":" + std::to_string(loc.line()));
}

}  // namespace council
