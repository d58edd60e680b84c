// The JSON writer prints exactly what boost::json::serialize prints for the same value.
#include "common/core/json_writer.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>
#include <limits>

namespace {

namespace json = boost::json;

std::string written_string(std::string_view text) {
  std::string out;
  common::json_writer(out).string(text);
  return out;
}

std::string written_number(double d) {
  std::string out;
  common::json_writer(out).number(d);
  return out;
}

template <typename T>
std::string written(const T& v) {
  std::string out;
  common::json_writer writer(out);
  common::write_json(writer, v);
  return out;
}

struct sample_base {
  std::string id;
  std::optional<double> ratio;
};
BOOST_DESCRIBE_STRUCT(sample_base, (), (id, ratio))

struct sample : sample_base {
  std::vector<std::string> names;
  std::optional<std::string> note;
  long long count = 0;
  unsigned long long big = 0;
  bool flag = false;
  json::value extra;
};
BOOST_DESCRIBE_STRUCT(sample, (sample_base), (names, note, count, big, flag, extra))

}  // namespace

// Flattened with its base, as council::api::conversation_out is.
template <>
struct boost::json::is_described_class<sample> : std::true_type {};

TEST_CASE("strings are escaped as boost::json::serialize escapes them", "[core][json_writer]") {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control.push_back(static_cast<char>(c));
  const std::vector<std::string> tricky = {
      "",
      "plain text",
      "quote \" backslash \\ slash /",
      every_control,
      std::string("nul \0 inside", 12),
      "line\nbreak\ttab\rreturn\bback\fform",
      "\x7F delete",
      "line separator \xE2\x80\xA8 paragraph separator \xE2\x80\xA9",
      "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
      "not UTF-8: \xFF\xFE \xC3(",
      "</script><!--",
      std::string(1000, '"'),
  };
  for (const auto& text : tricky) {
    INFO(text);
    CHECK(written_string(text) == json::serialize(json::value(json::string(text))));
  }
}

TEST_CASE("numbers are printed in Boost.JSON's form", "[core][json_writer]") {
  for (double d : {0.0, -0.0, 0.5, 1.0, -1.5, 2.0, 0.1, 1e21, 1e-7, 123456789.125, 3.141592653589793,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min()}) {
    INFO(d);
    CHECK(written_number(d) == json::serialize(json::value(d)));
  }
  for (long long n : {0LL, 1LL, -1LL, 42LL, std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()}) {
    std::string out;
    common::json_writer(out).number(n);
    CHECK(out == json::serialize(json::value(n)));
  }
  std::string out;
  common::json_writer(out).number(std::numeric_limits<unsigned long long>::max());
  CHECK(out == json::serialize(json::value(std::numeric_limits<unsigned long long>::max())));
}

TEST_CASE("containers get their commas and colons where the serializer puts them", "[core][json_writer]") {
  std::string out;
  common::json_writer writer(out);
  writer.begin_object()
      .key("a").number(1LL)
      .key("empty").begin_array().end_array()
      .key("list").begin_array().boolean(true).null().begin_object().end_object().string("x").end_array()
      .key("nested").begin_object().key("k\"ey").boolean(false).end_object()
      .key("last").null()
      .end_object();
  CHECK(out == json::serialize(json::parse(R"({"a":1,"empty":[],"list":[true,null,{},"x"],"nested":{"k\"ey":false},"last":null})")));
  CHECK(out == R"({"a":1,"empty":[],"list":[true,null,{},"x"],"nested":{"k\"ey":false},"last":null})");
}

TEST_CASE("the writer appends to what the string already holds", "[core][json_writer]") {
  std::string out = "prefix ";
  common::json_writer(out).begin_array().number(1LL).number(2LL).end_array();
  CHECK(out == "prefix [1,2]");
}

TEST_CASE("whole values are serialized in place, long ones included", "[core][json_writer]") {
  const json::value v = json::parse(R"([{"role":"user","text":"hi \u2028 \u0001"},{"n":0.25,"list":[1,2,3],"none":null}])");
  std::string out;
  common::json_writer(out).value(v);
  CHECK(out == json::serialize(v));
  json::array big;
  for (int i = 0; i < 2000; ++i) big.emplace_back(json::string(std::string(37, static_cast<char>('a' + i % 26))));
  std::string long_out;
  common::json_writer(long_out).value(big);
  CHECK(long_out == json::serialize(big));
}

TEST_CASE("write_json of a described struct equals serialize(value_from)", "[core][json_writer]") {
  sample full;
  full.id = "id-\xE2\x80\xA8\x01";
  full.ratio = 0.7;
  full.names = {"a", "b\"", ""};
  full.note = "note";
  full.count = -12;
  full.big = 18446744073709551615ULL;
  full.flag = true;
  full.extra = json::parse(R"({"x":[1,2.5,"y"]})");
  CHECK(written(full) == json::serialize(json::value_from(full)));

  const sample blank;
  CHECK(written(blank) == json::serialize(json::value_from(blank)));
  const std::vector<sample> list{full, blank};
  CHECK(written(list) == json::serialize(json::value_from(list)));
  CHECK(written(std::vector<sample>{}) == "[]");
}
