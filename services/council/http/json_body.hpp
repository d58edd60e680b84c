// Reading JSON request bodies into the request DTOs: 400 for malformed JSON, 422 for a body or field of the wrong type.
#pragma once
#include "common/http/message.hpp"
#include "council/api.hpp"
#include <boost/system/result.hpp>

namespace council::http {

/// A request DTO, or the error response to send instead.
template <typename T>
using read_result = boost::system::result<T, common::http::response>;

/// {models?, lead_model?}; an empty body reads as {}. 400 `Malformed JSON body`, 422 `body: must be a JSON
/// object`, `models: must be a list of strings`, `lead_model: must be a string`.
read_result<api::conversation_in> read_conversation_in(const common::http::request& req);
/// {content}: 400 `Malformed JSON body` (an empty body too), 422 `body: must be a JSON object`,
/// `content: must be a string` (null reads as absent).
read_result<api::message_in> read_message_in(const common::http::request& req);

}  // namespace council::http
