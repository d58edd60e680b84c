// A text value or a sentence saying why there is none (both are strings, so construction is explicit).
#pragma once
#include <boost/system/result.hpp>
#include <string>

namespace council::text {

/// Either the text asked for, or the reason it could not be had.
using text_result = boost::system::result<std::string, std::string>;
/// A successful text_result.
inline text_result text_value(std::string text) { return text_result(boost::system::in_place_value, std::move(text)); }
/// A failed text_result carrying `reason`.
inline text_result text_failure(std::string reason) { return text_result(boost::system::in_place_error, std::move(reason)); }

}  // namespace council::text
