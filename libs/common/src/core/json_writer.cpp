// The append-only JSON writer: escapes strings as Boost.JSON's serializer does and lets that serializer print
// doubles and whole values straight into the output string.
#include "common/core/json_writer.hpp"
#include <boost/json/serializer.hpp>
#include <charconv>

namespace common {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

/// The character after `\` for a byte that must be escaped, 'u' for \u00xx, 0 for a byte written as it is.
char escape_of(unsigned char byte) {
  switch (byte) {
    case '"': return '"';
    case '\\': return '\\';
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\f': return 'f';
    case '\r': return 'r';
    default: return byte < 0x20 ? 'u' : 0;
  }
}

}  // namespace

void json_writer::separate() {
  if (after_value_) out_.push_back(',');
}

json_writer& json_writer::open(char bracket) {
  separate();
  out_.push_back(bracket);
  after_value_ = false;
  return *this;
}

json_writer& json_writer::close(char bracket) {
  out_.push_back(bracket);
  after_value_ = true;
  return *this;
}

json_writer& json_writer::begin_object() { return open('{'); }
json_writer& json_writer::end_object() { return close('}'); }
json_writer& json_writer::begin_array() { return open('['); }
json_writer& json_writer::end_array() { return close(']'); }

json_writer& json_writer::key(std::string_view name) {
  string(name);
  out_.push_back(':');
  after_value_ = false;
  return *this;
}

json_writer& json_writer::string(std::string_view text) {
  separate();
  out_.push_back('"');
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char escape = escape_of(byte);
    if (escape == 0) continue;
    out_.append(text.data() + plain_from, i - plain_from);
    out_.push_back('\\');
    out_.push_back(escape);
    if (escape == 'u') {
      const char code[] = {'0', '0', hex_digits[byte >> 4], hex_digits[byte & 15]};
      out_.append(code, sizeof code);
    }
    plain_from = i + 1;
  }
  out_.append(text.data() + plain_from, text.size() - plain_from);
  out_.push_back('"');
  after_value_ = true;
  return *this;
}

template <typename Integer>
json_writer& json_writer::integer(Integer n) {
  separate();
  char digits[24];
  const auto printed = std::to_chars(digits, digits + sizeof digits, n);
  out_.append(digits, printed.ptr);
  after_value_ = true;
  return *this;
}

json_writer& json_writer::number(long long n) { return integer(n); }
json_writer& json_writer::number(unsigned long long n) { return integer(n); }

json_writer& json_writer::number(double d) {
  const boost::json::value number(d);
  return value(number);
}

json_writer& json_writer::boolean(bool b) {
  separate();
  out_.append(b ? "true" : "false");
  after_value_ = true;
  return *this;
}

json_writer& json_writer::null() {
  separate();
  out_.append("null");
  after_value_ = true;
  return *this;
}

json_writer& json_writer::value(const boost::json::value& v) {
  separate();
  boost::json::serializer printer;
  printer.reset(&v);
  std::size_t room = 64;
  while (!printer.done()) {
    const std::size_t used = out_.size();
    out_.resize(used + room);
    const std::string_view printed = printer.read(out_.data() + used, room);
    out_.resize(used + printed.size());
    room *= 2;
  }
  after_value_ = true;
  return *this;
}

}  // namespace common
