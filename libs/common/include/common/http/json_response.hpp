// JSON responses written straight into the response body (no boost::json::value tree in between).
#pragma once
#include "common/core/json_writer.hpp"
#include "common/http/message.hpp"

namespace common::http {

/// `status` with content-type application/json and `dto` written by common::write_json: the same bytes as
/// json(status, boost::json::value_from(dto)).
template <typename T>
response json_written(int status, const T& dto) {
  response res;
  res.status = status;
  res.body.reserve(256);  // one allocation for the small answers (/me, a key), a few doublings for lists
  json_writer writer(res.body);
  write_json(writer, dto);
  res.headers.emplace_back("content-type", "application/json");
  return res;
}

}  // namespace common::http
